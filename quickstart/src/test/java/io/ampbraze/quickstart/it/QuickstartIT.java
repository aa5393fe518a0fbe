package io.ampbraze.quickstart.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ampbraze.quickstart.Quickstart;
import io.ampbraze.quickstart.QuickstartConnector;
import io.ampbraze.quickstart.connect.ConfigExample;
import io.ampbraze.quickstart.connect.SecretReference;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the quickstart the way CI does ({@code --exit}) and checks its report, what it sent to the
 * worker, that the API key stayed in the secrets file, and that no JVM it started outlives it.
 */
class QuickstartIT {
  private static int exitCode;
  private static String output;
  private static Path runFolder;
  private static List<ProcessHandle> leftOver;

  @BeforeAll
  static void runTheQuickstart() throws IOException {
    Path runs = ProjectPaths.itRuns().resolve("quickstart");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out =
        new PrintStream(new TeeStream(bytes, System.out), true, StandardCharsets.UTF_8)) {
      exitCode =
          Quickstart.run(
              new String[] {
                "--exit",
                "--runs-dir",
                runs.toString(),
                "--project-dir",
                ProjectPaths.projectDir().toString(),
                "--classpath-file",
                ProjectPaths.classpathFile().toString()
              },
              out);
    }
    output = bytes.toString(StandardCharsets.UTF_8);
    leftOver = ChildJvms.of(ProcessHandle.current());
    try (Stream<Path> folders = Files.list(runs)) {
      List<Path> all = folders.sorted().collect(Collectors.toList());
      runFolder = all.get(all.size() - 1);
    }
  }

  @Test
  void exitsCleanlyAndLeavesNoJvmBehind() {
    assertThat(exitCode).as(output).isZero();
    assertThat(leftOver).as("JVMs still running after --exit").isEmpty();
  }

  @Test
  void printsTheReportItWroteToTheRunFolder() throws IOException {
    String report = Files.readString(runFolder.resolve("report.txt"));
    assertThat(output).contains(report);
    assertThat(report)
        .contains("Run folder  " + runFolder)
        .containsPattern("Kafka +" + System.getProperty("kafka.version") + " \\(KRaft\\)")
        .containsPattern(
            "sink +io\\.ampbraze\\.connect\\.braze\\.BrazeSinkConnector +"
                + ProjectPaths.projectVersion())
        .containsPattern(
            "source +io\\.ampbraze\\.connect\\.currents\\.CurrentsSourceConnector +"
                + ProjectPaths.projectVersion());
  }

  @Test
  void reportsEveryConnectorRunningFromItsExample() throws IOException {
    String report = Files.readString(runFolder.resolve("report.txt"));
    for (QuickstartConnector connector : QuickstartConnector.ALL) {
      assertThat(report)
          .containsPattern(
              connector.name()
                  + " +config-examples/"
                  + connector.exampleFile().replace(".", "\\.")
                  + " +RUNNING, tasks (\\d+)/\\1 RUNNING");
    }
  }

  @Test
  void reportsRecordsInAndEveryOneCommittedBySinks() throws IOException {
    String report = Files.readString(runFolder.resolve("report.txt"));
    assertThat(report)
        .containsPattern("amplitude-events +400\\R")
        .containsPattern("amplitude-identifies +40\\R")
        .containsPattern("amplitude-cohorts +4\\R")
        .containsPattern("braze-events +400/400")
        .containsPattern("braze-user-properties +40/40")
        .containsPattern("braze-cohorts +4/4")
        .contains("Braze double http://127.0.0.1:")
        .contains("Currents -> Kafka: topic braze-currents")
        .containsPattern("in +amplitude-events: \\{\"event_type\"")
        .contains("curl -s http://127.0.0.1:");
  }

  @Test
  void sendsTheExamplesWithOnlyTheEndpointAndPathsChanged() throws IOException {
    Path secrets = runFolder.resolve("secrets");
    for (QuickstartConnector connector : QuickstartConnector.ALL) {
      ConfigExample example =
          ConfigExample.load(ProjectPaths.configExamples().resolve(connector.exampleFile()));
      ConfigExample sent =
          ConfigExample.load(runFolder.resolve("config/connectors/" + connector.name() + ".json"));

      Set<String> changed = new HashSet<>();
      Map<String, String> expected = new HashMap<>(example.withSecretsIn(secrets).config());
      sent.config()
          .forEach(
              (key, value) -> {
                if (!value.equals(expected.remove(key))) {
                  changed.add(key);
                }
              });
      assertThat(expected).as("keys dropped from " + connector.exampleFile()).isEmpty();
      if (connector.isSink()) {
        assertThat(changed).containsExactlyInAnyOrder("braze.rest.url", "braze.allow.http");
        assertThat(sent.config().get("braze.rest.url")).startsWith("http://127.0.0.1:");
      } else {
        assertThat(changed).containsExactly("currents.local.root");
        assertThat(sent.config().get("currents.local.root"))
            .isEqualTo(runFolder.resolve("currents-bucket").toString());
      }
      for (SecretReference reference : sent.secretReferences()) {
        assertThat(reference.file()).startsWith(secrets);
      }
    }
  }

  @Test
  void theApiKeyStaysInTheSecretsFile() throws IOException {
    Properties secrets = new Properties();
    try (var in = Files.newBufferedReader(runFolder.resolve("secrets/braze.properties"))) {
      secrets.load(in);
    }
    String apiKey = secrets.getProperty("braze.api.key");
    assertThat(apiKey).startsWith("quickstart-");

    List<Path> looked = new java.util.ArrayList<>();
    try (Stream<Path> files = Files.walk(runFolder)) {
      for (Path file :
          files
              .filter(Files::isRegularFile)
              .filter(
                  f ->
                      f.startsWith(runFolder.resolve("config"))
                          || f.startsWith(runFolder.resolve("logs"))
                          || f.endsWith("report.txt"))
              .collect(Collectors.toList())) {
        looked.add(file);
        assertThat(Files.readString(file)).as(file.toString()).doesNotContain(apiKey);
      }
    }
    assertThat(looked).anyMatch(f -> f.endsWith("connect.log"));
    assertThat(output).doesNotContain(apiKey);
  }

  @Test
  void leavesLogsAndBrokerDataInTheRunFolder() throws IOException {
    for (String log :
        List.of("logs/broker.log", "logs/connect.log", "logs/kafka-storage-format.log")) {
      assertThat(Files.size(runFolder.resolve(log))).as(log).isPositive();
    }
    assertThat(Files.readString(runFolder.resolve("logs/connect.log")))
        .contains("Kafka Connect stopped");
    assertThat(runFolder.resolve("kafka-data/meta.properties")).exists();
    assertThat(
            runFolder.resolve(
                "plugins/ampbraze-kafka-connect-braze-sink-"
                    + ProjectPaths.projectVersion()
                    + "/manifest.json"))
        .exists();
    assertThat(
            runFolder.resolve(
                "plugins/ampbraze-kafka-connect-currents-source-"
                    + ProjectPaths.projectVersion()
                    + "/manifest.json"))
        .exists();
  }
}
