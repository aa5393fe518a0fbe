package io.ampbraze.quickstart.it;

import java.nio.file.Path;
import java.nio.file.Paths;

/** Where the tests find the checkout, the build's outputs and their own scratch space. */
public final class ProjectPaths {
  private ProjectPaths() {}

  /** The project root (set by the Surefire/Failsafe configuration of the quickstart module). */
  public static Path projectDir() {
    return Paths.get(required("quickstart.project.dir")).toAbsolutePath().normalize();
  }

  public static Path configExamples() {
    return projectDir().resolve("config-examples");
  }

  /** Kafka's runtime jars, written by {@code dependency:build-classpath}. */
  public static Path classpathFile() {
    return Paths.get(required("quickstart.classpath.file"));
  }

  /** The test kit's jars and those only it needs, which quickstart.sh adds for the launcher. */
  public static Path testkitClasspathFile() {
    return Paths.get(required("quickstart.testkit.classpath.file"));
  }

  /** A folder under {@code quickstart/target} for the runs the integration tests make. */
  public static Path itRuns() {
    return Paths.get(required("quickstart.it.dir"));
  }

  /** The project's version, which the plugins report in {@code GET /connector-plugins}. */
  public static String projectVersion() {
    return required("project.version");
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException(
          "System property " + property + " is not set: run the tests through Maven");
    }
    return value;
  }
}
