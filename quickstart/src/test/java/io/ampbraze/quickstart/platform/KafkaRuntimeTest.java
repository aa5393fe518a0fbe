package io.ampbraze.quickstart.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaRuntimeTest {
  @TempDir Path dir;

  @Test
  void readsTheJarsAndTheirKafkaVersion() throws Exception {
    Path clients = Files.createFile(dir.resolve("kafka-clients-4.3.1.jar"));
    Path runtime = Files.createFile(dir.resolve("connect-runtime-4.3.1.jar"));
    Path file = Files.writeString(dir.resolve("cp"), clients + File.pathSeparator + runtime + "\n");
    KafkaRuntime kafka = KafkaRuntime.fromClasspathFile(file);
    assertThat(kafka.classpath()).containsExactly(clients, runtime);
    assertThat(kafka.version()).isEqualTo("4.3.1");
  }

  @Test
  void failsClearlyWhenTheBuildHasNotRunOrAJarIsGone() throws Exception {
    assertThatThrownBy(() -> KafkaRuntime.fromClasspathFile(dir.resolve("missing")))
        .hasMessageContaining("mvn -B -q package -DskipTests");
    Path file = Files.writeString(dir.resolve("cp"), dir.resolve("gone.jar").toString());
    assertThatThrownBy(() -> KafkaRuntime.fromClasspathFile(file))
        .hasMessageContaining("missing jar");
  }
}
