package io.ampbraze.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

class OptionsTest {
  @Test
  void defaultsToRunningUntilStoppedWithEverythingUnderTheProject() {
    Options options = Options.parse("--project-dir", "/work/p");
    assertThat(options.exit()).isFalse();
    assertThat(options.projectDir()).isEqualTo(Paths.get("/work/p"));
    assertThat(options.runsDir()).isEqualTo(Paths.get("/work/p/.quickstart"));
    assertThat(options.classpathFile())
        .isEqualTo(Paths.get("/work/p/quickstart/target/kafka-runtime.classpath"));
  }

  @Test
  void readsEveryOption() {
    Options options =
        Options.parse(
            "--exit",
            "--runs-dir",
            "/tmp/runs",
            "--classpath-file",
            "/tmp/cp",
            "--project-dir",
            "/p");
    assertThat(options)
        .isEqualTo(new Options(true, Path.of("/p"), Path.of("/tmp/runs"), Path.of("/tmp/cp")));
  }

  @Test
  void rejectsUnknownOptionsAndMissingValues() {
    assertThatThrownBy(() -> Options.parse("--exits")).hasMessage("Unknown option --exits");
    assertThatThrownBy(() -> Options.parse("--runs-dir")).hasMessage("--runs-dir needs a value");
  }

  @Test
  void helpPrintsUsageAndBadArgumentsExitWithTwo() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    assertThat(Quickstart.run(new String[] {"--help"}, out)).isZero();
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("Usage: ./quickstart.sh [--exit]");

    bytes.reset();
    assertThat(Quickstart.run(new String[] {"--bogus"}, out)).isEqualTo(2);
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("Unknown option --bogus")
        .contains("Usage:");
  }
}
