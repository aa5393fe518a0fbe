package io.ampbraze.quickstart.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ampbraze.quickstart.Quickstart;
import io.ampbraze.quickstart.connect.ConnectRestClient;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The launcher as its own process, as {@code quickstart.sh} runs it: without {@code --exit} it
 * keeps the platform running after the report, and a termination signal (what Ctrl-C's SIGINT and
 * {@code kill} do) stops the worker and the broker before it exits.
 */
class QuickstartProcessIT {
  private static final Pattern CONNECT_URL =
      Pattern.compile("Connect +(http://127\\.0\\.0\\.1:\\d+/)");

  private Process launcher;

  @AfterEach
  void killWhatIsLeft() {
    if (launcher != null && launcher.isAlive()) {
      launcher.descendants().forEach(ProcessHandle::destroyForcibly);
      launcher.destroyForcibly();
    }
  }

  @Test
  void keepsRunningUntilTerminatedThenStopsItsJvms() throws Exception {
    // As quickstart.sh puts it together: the launcher, Kafka's jars, the test kit's.
    String classpath =
        System.getProperty("quickstart.classes.dir")
            + File.pathSeparator
            + Files.readString(ProjectPaths.classpathFile()).trim()
            + File.pathSeparator
            + Files.readString(ProjectPaths.testkitClasspathFile()).trim();
    List<String> command =
        List.of(
            Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            classpath,
            Quickstart.class.getName(),
            "--runs-dir",
            ProjectPaths.itRuns().resolve("quickstart-process").toString(),
            "--project-dir",
            ProjectPaths.projectDir().toString(),
            "--classpath-file",
            ProjectPaths.classpathFile().toString());
    launcher = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> lines = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> readLines(launcher, lines));

    await("the report and the keep-running notice")
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> !launcher.isAlive() || lines.stream().anyMatch(l -> l.contains("Press Ctrl-C")));
    assertThat(launcher.isAlive()).as(String.join("\n", lines)).isTrue();

    URI connect = connectUrl(lines);
    Thread.sleep(2000);
    assertThat(new ConnectRestClient(connect).connectorPlugins()).as("still serving").isNotEmpty();
    List<ProcessHandle> children = ChildJvms.of(launcher.toHandle());
    assertThat(children).as("the broker and the worker").hasSize(2);
    theReportsCommandsWork(lines);

    launcher.destroy(); // SIGTERM
    assertThat(launcher.waitFor(2, TimeUnit.MINUTES)).as("launcher exited").isTrue();
    reader.get(30, TimeUnit.SECONDS);
    for (ProcessHandle child : children) {
      assertThat(child.isAlive())
          .as("child " + child.pid() + " after the launcher exited")
          .isFalse();
    }
    Path runFolder = runFolder(lines);
    assertThat(Files.readString(runFolder.resolve("logs/connect.log")))
        .contains("Kafka Connect stopped");
  }

  /**
   * What a user does next: the emulator's summary answers, and the console consumer command line of
   * the report, run by a shell as printed, shows the source's records with their headers.
   */
  private static void theReportsCommandsWork(List<String> lines) throws Exception {
    String summary = command(lines, "/_emulator/summary");
    assertThat(summary).startsWith("curl -s http://127.0.0.1:");
    summary = summary.substring("curl -s ".length());
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(summary)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains("\"accepted\":{\"attributes\":");

    Process consumer = new ProcessBuilder("bash", "-c", command(lines, "ConsoleConsumer")).start();
    CompletableFuture<String> errors =
        CompletableFuture.supplyAsync(() -> readAll(consumer.getErrorStream()));
    String out = readAll(consumer.getInputStream());
    assertThat(consumer.waitFor(2, TimeUnit.MINUTES)).as("the console consumer finished").isTrue();
    assertThat(consumer.exitValue()).as(errors.get()).isZero();
    assertThat(out.lines().filter(l -> l.contains("[Appboy] ")).count()).as(out).isEqualTo(3);
    assertThat(out).contains("currents.event_type:users.", "currents.file:dataexport.");
  }

  /** The first command of the report's "Look further" list that contains {@code text}. */
  private static String command(List<String> lines, String text) {
    boolean lookFurther = false;
    for (String line : lines) {
      lookFurther |= line.equals("Look further");
      if (lookFurther && !line.trim().startsWith("#") && line.contains(text)) {
        return line.trim();
      }
    }
    throw new AssertionError(
        "No command with " + text + " in the report:\n" + String.join("\n", lines));
  }

  private static String readAll(java.io.InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(reading failed: " + e + ")";
    }
  }

  private static void readLines(Process process, List<String> lines) {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        lines.add(line);
        System.out.println("[launcher] " + line);
      }
    } catch (IOException e) {
      lines.add("(reading the launcher's output failed: " + e + ")");
    }
  }

  private static URI connectUrl(List<String> lines) {
    for (String line : lines) {
      Matcher matcher = CONNECT_URL.matcher(line);
      if (matcher.find()) {
        return URI.create(matcher.group(1));
      }
    }
    throw new AssertionError("No Connect URL in the report:\n" + String.join("\n", lines));
  }

  private static Path runFolder(List<String> lines) {
    List<String> folders = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("Run folder  ")) {
        folders.add(line.substring("Run folder  ".length()).trim());
      }
    }
    assertThat(folders).hasSize(1);
    return Paths.get(folders.get(0));
  }
}
