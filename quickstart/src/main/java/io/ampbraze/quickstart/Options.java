package io.ampbraze.quickstart;

import java.nio.file.Path;
import java.nio.file.Paths;

/** The launcher's command line. */
public record Options(boolean exit, Path projectDir, Path runsDir, Path classpathFile) {
  static final String USAGE =
      String.join(
          "\n",
          "Usage: ./quickstart.sh [--exit] [--runs-dir DIR]",
          "",
          "Starts a Kafka broker and a Connect worker with both plugins installed, creates the",
          "connectors from config-examples/, sends sample data through them and prints a report.",
          "",
          "  --exit            stop everything after the report instead of running until Ctrl-C",
          "  --runs-dir DIR    where the run folder is created (default: .quickstart)",
          "  --project-dir DIR the project checkout (default: the current directory)",
          "  --classpath-file FILE",
          "                    Kafka's runtime jars (default:",
          "                    quickstart/target/kafka-runtime.classpath, written by the build)",
          "  --help            this text");

  /** Parses the arguments; throws {@link IllegalArgumentException} with the problem. */
  public static Options parse(String... args) {
    boolean exit = false;
    Path projectDir = Paths.get("").toAbsolutePath();
    Path runsDir = null;
    Path classpathFile = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--exit":
          exit = true;
          break;
        case "--runs-dir":
          runsDir = Paths.get(value(args, ++i, "--runs-dir"));
          break;
        case "--project-dir":
          projectDir = Paths.get(value(args, ++i, "--project-dir")).toAbsolutePath();
          break;
        case "--classpath-file":
          classpathFile = Paths.get(value(args, ++i, "--classpath-file"));
          break;
        case "--help":
        case "-h":
          throw new HelpRequested();
        default:
          throw new IllegalArgumentException("Unknown option " + args[i]);
      }
    }
    projectDir = projectDir.normalize();
    return new Options(
        exit,
        projectDir,
        runsDir != null ? runsDir.toAbsolutePath() : projectDir.resolve(".quickstart"),
        classpathFile != null
            ? classpathFile.toAbsolutePath()
            : projectDir.resolve("quickstart/target/kafka-runtime.classpath"));
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  /** {@code --help}: not an error, but no run either. */
  static final class HelpRequested extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    HelpRequested() {
      super("help requested");
    }
  }
}
