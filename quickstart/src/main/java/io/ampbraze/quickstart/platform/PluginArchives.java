package io.ampbraze.quickstart.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The connectors' Confluent Hub archives ({@code <module>/target/ampbraze-kafka-connect-*.zip},
 * built by {@code mvn package}) and their installation: unzipping each into a directory on the
 * worker's {@code plugin.path}, which is all a user does on their own cluster.
 */
public final class PluginArchives {
  /** The connector modules whose archives the quickstart installs. */
  public static final List<String> MODULES = List.of("sink-connector", "source-connector");

  private PluginArchives() {}

  /** Finds one archive per connector module under {@code projectDir}. */
  public static List<Path> find(Path projectDir) throws IOException {
    List<Path> archives = new ArrayList<>();
    for (String module : MODULES) {
      Path target = projectDir.resolve(module).resolve("target");
      List<Path> found = new ArrayList<>();
      if (Files.isDirectory(target)) {
        try (DirectoryStream<Path> zips =
            Files.newDirectoryStream(target, "ampbraze-kafka-connect-*.zip")) {
          zips.forEach(found::add);
        }
      }
      if (found.size() != 1) {
        throw new IllegalStateException(
            "Expected one plugin archive in "
                + target
                + " but found "
                + found.size()
                + ": build them with `mvn -B -q package -DskipTests` from the project root");
      }
      archives.add(found.get(0));
    }
    return archives;
  }

  /** Unzips {@code archive} into {@code pluginPath}; returns the plugin's directory. */
  public static Path install(Path archive, Path pluginPath) throws IOException {
    Path root = pluginPath.toAbsolutePath().normalize();
    Path top = null;
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        Path target = root.resolve(entry.getName()).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
          throw new IOException(
              "Refusing archive entry outside the plugin path: " + entry.getName());
        }
        if (top == null) {
          top = root.resolve(root.relativize(target).getName(0));
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          copy(zip, target);
        }
      }
    }
    if (top == null) {
      throw new IOException("Empty plugin archive: " + archive);
    }
    return top;
  }

  private static void copy(InputStream in, Path target) throws IOException {
    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
  }
}
