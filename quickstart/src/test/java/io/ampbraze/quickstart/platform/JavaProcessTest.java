package io.ampbraze.quickstart.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Child JVMs end with their launcher in every case: stopped, signalled, or orphaned. */
class JavaProcessTest {
  @TempDir Path dir;

  private static Path testClasses() throws Exception {
    return Paths.get(Sleeper.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private JavaProcess startSleeper(String... args) throws Exception {
    return JavaProcess.start(
        "sleeper",
        List.of(testClasses()),
        List.of("-Xmx64m"),
        Sleeper.class.getName(),
        List.of(args),
        dir.resolve("sleeper.log"));
  }

  @Test
  void stopRunsTheChildsShutdownHooks() throws Exception {
    JavaProcess sleeper = startSleeper();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Files.readString(sleeper.log()).contains("sleeper started"));

    sleeper.stop(Duration.ofSeconds(20));

    assertThat(sleeper.isAlive()).isFalse();
    assertThat(Files.readString(sleeper.log())).contains("sleeper stopping");
  }

  @Test
  void aTerminalInterruptDoesNotStopTheChild() throws Exception {
    try (JavaProcess sleeper = startSleeper()) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> Files.readString(sleeper.log()).contains("sleeper started"));

      // Ctrl-C reaches the whole process group; the launcher, not the child, decides the order.
      Process kill = new ProcessBuilder("kill", "-INT", Long.toString(sleeper.pid())).start();
      assertThat(kill.waitFor()).isZero();
      Thread.sleep(1500);

      assertThat(sleeper.isAlive()).isTrue();
    }
  }

  @Test
  void awaitExitReturnsTheExitCode() throws Exception {
    JavaProcess exiting = startSleeper("3");
    assertThat(exiting.awaitExit(Duration.ofSeconds(30))).isEqualTo(3);
  }

  @Test
  void aChildExitsWhenItsLauncherIsKilled() throws Exception {
    Path classes = testClasses();
    Path launcherClasses =
        Paths.get(JavaProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Process launcher =
        new ProcessBuilder(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-cp",
                classes + java.io.File.pathSeparator + launcherClasses,
                LauncherFixture.class.getName(),
                classes.toString(),
                dir.resolve("orphan.log").toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      long childPid;
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
        childPid = Long.parseLong(out.readLine().trim());
        ProcessHandle child = ProcessHandle.of(childPid).orElseThrow();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> Files.readString(dir.resolve("orphan.log")).contains("sleeper started"));
        assertThat(child.isAlive()).isTrue();

        launcher.destroyForcibly(); // SIGKILL: the launcher's shutdown hooks never run

        await("the orphaned child exits")
            .atMost(Duration.ofSeconds(30))
            .until(() -> !child.isAlive());
      }
      assertThat(Files.readString(dir.resolve("orphan.log")))
          .contains("The quickstart launcher exited")
          .contains("sleeper stopping");
    } finally {
      launcher.descendants().forEach(ProcessHandle::destroyForcibly);
      launcher.destroyForcibly();
    }
  }
}
