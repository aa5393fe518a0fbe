package io.ampbraze.quickstart.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsFilesTest {
  @TempDir Path dir;

  @Test
  void writesKeysOfPropertiesFilesAndWholeFilesReadableByTheOwnerOnly() throws Exception {
    Path properties = dir.resolve("aws.properties");
    SecretsFiles.write(
        List.of(
            new SecretReference("file", properties.toString(), "s3.access.key.id"),
            new SecretReference("file", properties.toString(), "s3.secret.access.key"),
            new SecretReference("directory", dir.toString(), "gcs-credentials.json")),
        reference -> "value-of-" + reference.key());

    Properties loaded = new Properties();
    try (Reader in = Files.newBufferedReader(properties)) {
      loaded.load(in);
    }
    assertThat(loaded)
        .containsEntry("s3.access.key.id", "value-of-s3.access.key.id")
        .containsEntry("s3.secret.access.key", "value-of-s3.secret.access.key");
    assertThat(Files.readString(dir.resolve("gcs-credentials.json")))
        .isEqualTo("value-of-gcs-credentials.json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(properties)))
        .isEqualTo("rw-------");
  }
}
