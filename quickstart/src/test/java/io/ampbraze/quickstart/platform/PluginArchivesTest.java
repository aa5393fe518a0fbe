package io.ampbraze.quickstart.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginArchivesTest {
  @TempDir Path dir;

  private Path zip(Path file, String... entries) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (String entry : entries) {
        zip.putNextEntry(new ZipEntry(entry));
        if (!entry.endsWith("/")) {
          zip.write(entry.getBytes(StandardCharsets.UTF_8));
        }
        zip.closeEntry();
      }
    }
    return file;
  }

  @Test
  void unzipsTheComponentIntoThePluginPath() throws Exception {
    Path archive =
        zip(
            dir.resolve("a.zip"),
            "plugin-1.0/",
            "plugin-1.0/manifest.json",
            "plugin-1.0/lib/x.jar");
    Path installed = PluginArchives.install(archive, dir.resolve("plugins"));
    assertThat(installed).isEqualTo(dir.resolve("plugins/plugin-1.0"));
    assertThat(Files.readString(installed.resolve("lib/x.jar"))).isEqualTo("plugin-1.0/lib/x.jar");
  }

  @Test
  void refusesEntriesThatEscapeThePluginPath() throws Exception {
    Path archive = zip(dir.resolve("evil.zip"), "plugin/", "plugin/../../outside.txt");
    assertThatThrownBy(() -> PluginArchives.install(archive, dir.resolve("plugins")))
        .hasMessageContaining("outside the plugin path");
    assertThat(dir.resolve("outside.txt")).doesNotExist();
  }

  @Test
  void findsOneArchivePerConnectorModuleOrSaysHowToBuildThem() throws Exception {
    assertThatThrownBy(() -> PluginArchives.find(dir))
        .hasMessageContaining("mvn -B -q package -DskipTests");
    zip(dir.resolve("sink-connector/target/ampbraze-kafka-connect-braze-sink-1.zip"), "a/");
    zip(dir.resolve("source-connector/target/ampbraze-kafka-connect-currents-source-1.zip"), "b/");
    assertThat(PluginArchives.find(dir))
        .extracting(p -> p.getFileName().toString())
        .containsExactly(
            "ampbraze-kafka-connect-braze-sink-1.zip",
            "ampbraze-kafka-connect-currents-source-1.zip");
  }
}
