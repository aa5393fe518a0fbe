package io.ampbraze.connect.currents.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** S3Storage on S3Mock beyond the contract: config keys end to end, missing bucket, outage. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3StorageIT {
  private S3MockServer s3mock;

  @BeforeAll
  void start() throws Exception {
    s3mock = S3MockServer.start();
    s3mock.seed(
        "bucket",
        Map.of(
            "currents/a/f1.avro", "one".getBytes(StandardCharsets.UTF_8),
            "currents/b/f2.avro", "two".getBytes(StandardCharsets.UTF_8)));
    try (S3Client s3 = s3mock.client()) {
      // The zero-byte "folder" object that the S3 console's "Create folder" leaves behind.
      s3.putObject(r -> r.bucket("bucket").key("currents/c/"), RequestBody.empty());
    }
  }

  @AfterAll
  void stop() throws Exception {
    if (s3mock != null) {
      s3mock.close();
    }
  }

  private AbstractConfig config(String bucket) {
    return new AbstractConfig(
        StorageConfig.define(new ConfigDef()),
        Map.of(
            "currents.storage", "s3",
            "currents.bucket", bucket,
            "s3.endpoint.url", s3mock.endpoint().toString(),
            "s3.path.style.access", "true",
            "s3.region", "us-east-1",
            "s3.access.key.id", "AKIAIT",
            "s3.secret.access.key", "it-secret",
            "currents.storage.retries", "0",
            "currents.storage.request.timeout.ms", "5000"));
  }

  @Test
  void theConfigKeysReachS3Mock() throws Exception {
    try (CurrentsStorage s = StorageConfig.open(config("bucket"))) {
      assertThat(s.listFolders("currents/", null).items())
          .containsExactly("currents/a/", "currents/b/", "currents/c/");
      assertThat(s.listFiles("currents/", null).items())
          .extracting(StorageObject::key)
          .as("folder markers are not files")
          .containsExactly("currents/a/f1.avro", "currents/b/f2.avro");
      try (InputStream in = s.open("currents/b/f2.avro")) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("two");
      }
    }
  }

  @Test
  void aMissingBucketIsNotFound() throws Exception {
    try (CurrentsStorage s = StorageConfig.open(config("no-such-bucket"))) {
      assertThatThrownBy(() -> s.listFolders("", null))
          .isInstanceOfSatisfying(
              StorageException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(StorageException.Kind.NOT_FOUND);
                assertThat(e.getMessage()).contains("s3://no-such-bucket").contains("NoSuchBucket");
              });
    }
  }

  @Test
  void aStoppedEmulatorIsUnavailable() throws Exception {
    S3MockServer outage = S3MockServer.start();
    outage.seed("bucket", Map.of("currents/big.avro", "x".getBytes(StandardCharsets.UTF_8)));
    S3Storage.Settings settings = S3StorageContractIT.settings(outage, "bucket", 1000);
    try (S3Storage s = S3Storage.create(settings)) {
      assertThat(s.listFiles("currents/", null).items()).hasSize(1);
      outage.close();
      assertThatThrownBy(() -> s.listFiles("currents/", null))
          .isInstanceOfSatisfying(
              StorageException.class,
              e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.UNAVAILABLE));
      assertThatThrownBy(() -> s.open("currents/big.avro"))
          .isInstanceOfSatisfying(
              StorageException.class,
              e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.UNAVAILABLE));
    }
  }
}
