package io.ampbraze.quickstart.doubles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The local folder the quickstart's {@code source-local} connector reads Currents files from
 * ({@code currents.local.root}), laid out as Braze lays out a bucket: {@code
 * dataexport.<cluster>.<conn>.integration.<id>/event_type=<type>/date=<hour>/<schema>/<zone>/<name>.avro}.
 */
public final class LocalCurrentsBucket {
  private final Path root;

  private LocalCurrentsBucket(Path root) {
    this.root = root;
  }

  public static LocalCurrentsBucket create(Path root) throws IOException {
    Files.createDirectories(root);
    return new LocalCurrentsBucket(root.toAbsolutePath().normalize());
  }

  public Path root() {
    return root;
  }

  /**
   * The {@code .avro} files in the bucket, counted by the {@code event_type=} folder they sit in.
   */
  public Map<String, Long> filesByEventType() throws IOException {
    Map<String, Long> counts = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      files
          .filter(Files::isRegularFile)
          .filter(file -> file.getFileName().toString().endsWith(".avro"))
          .forEach(file -> counts.merge(eventType(file), 1L, Long::sum));
    }
    return counts;
  }

  private String eventType(Path file) {
    for (Path segment : root.relativize(file)) {
      String name = segment.toString();
      if (name.startsWith("event_type=")) {
        return name.substring("event_type=".length());
      }
    }
    return "(outside an event_type= folder)";
  }
}
