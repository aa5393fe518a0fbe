package io.ampbraze.quickstart.platform;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The one folder a run leaves behind: logs, broker data, installed plugins, the configs it sent,
 * the secrets file and the local Currents bucket, next to each other so that a user can look at
 * everything after the run.
 */
public final class RunFolder {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final Path root;

  private RunFolder(Path root) {
    this.root = root;
  }

  /** Creates {@code <parent>/run-<timestamp>} (with a numeric suffix if that name is taken). */
  public static RunFolder create(Path parent) throws IOException {
    Files.createDirectories(parent);
    String base = "run-" + LocalDateTime.now().format(STAMP);
    for (int attempt = 0; ; attempt++) {
      Path candidate = parent.resolve(attempt == 0 ? base : base + "-" + attempt);
      try {
        Files.createDirectory(candidate);
        RunFolder folder = new RunFolder(candidate.toAbsolutePath().normalize());
        for (Path dir :
            new Path[] {
              folder.logs(),
              folder.config(),
              folder.brokerData(),
              folder.plugins(),
              folder.secrets()
            }) {
          Files.createDirectories(dir);
        }
        return folder;
      } catch (FileAlreadyExistsException taken) {
        // Two runs started within the same second: try the next suffix.
      }
    }
  }

  public Path root() {
    return root;
  }

  public Path logs() {
    return root.resolve("logs");
  }

  /** Generated worker, broker and logging configs, and the connector configs as sent. */
  public Path config() {
    return root.resolve("config");
  }

  public Path brokerData() {
    return root.resolve("kafka-data");
  }

  /** The worker's plugin.path: the plugin archives are unzipped here. */
  public Path plugins() {
    return root.resolve("plugins");
  }

  /** Files read by the worker's config providers; never copied into connector configs. */
  public Path secrets() {
    return root.resolve("secrets");
  }

  /** The sample Amplitude records the run produced, one {@code <topic>.jsonl} per topic. */
  public Path samples() {
    return root.resolve("samples");
  }

  /** The local Currents bucket read by the source connector's {@code local} storage. */
  public Path currentsBucket() {
    return root.resolve("currents-bucket");
  }

  public Path report() {
    return root.resolve("report.txt");
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
