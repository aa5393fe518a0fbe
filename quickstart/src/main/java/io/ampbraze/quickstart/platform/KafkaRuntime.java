package io.ampbraze.quickstart.platform;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Apache Kafka's own jars, as resolved by Maven for the quickstart module ({@code
 * dependency:build-classpath} writes them to {@code quickstart/target/kafka-runtime.classpath}).
 * The broker and the worker run on exactly these; the plugins never are on this classpath, only on
 * the worker's plugin.path.
 */
public final class KafkaRuntime {
  private final List<Path> classpath;

  private KafkaRuntime(List<Path> classpath) {
    this.classpath = List.copyOf(classpath);
  }

  /** Reads a classpath file (entries separated by the platform's path separator). */
  public static KafkaRuntime fromClasspathFile(Path file) {
    String content;
    try {
      content = Files.readString(file).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the Kafka runtime classpath "
              + file
              + ": build it with `mvn -B -q package -DskipTests` from the project root",
          e);
    }
    List<Path> entries = new ArrayList<>();
    for (String entry : content.split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      Path path = Paths.get(entry);
      if (!Files.exists(path)) {
        throw new IllegalStateException(
            "The Kafka runtime classpath " + file + " names a missing jar: " + path);
      }
      entries.add(path);
    }
    if (entries.stream().noneMatch(p -> p.getFileName().toString().startsWith("connect-runtime"))) {
      throw new IllegalStateException(file + " holds no connect-runtime jar");
    }
    return new KafkaRuntime(entries);
  }

  public List<Path> classpath() {
    return classpath;
  }

  /** The Kafka version of these jars, read from the kafka-clients jar name. */
  public String version() {
    for (Path entry : classpath) {
      String name = entry.getFileName().toString();
      if (name.startsWith("kafka-clients-") && name.endsWith(".jar")) {
        return name.substring("kafka-clients-".length(), name.length() - ".jar".length());
      }
    }
    return "unknown";
  }
}
