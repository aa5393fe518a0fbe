package io.ampbraze.connect.currents.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * AzureBlobStorage on Azurite beyond the contract: account name and key, SAS tokens, a wrong key,
 * a missing container, an outage.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AzureBlobStorageIT {
  static final String CONTAINER = "currents";
  private AzuriteServer azurite;

  @BeforeAll
  void start() throws Exception {
    azurite = AzuriteServer.start();
    azurite.seed(
        CONTAINER,
        Map.of(
            "currents/a/f1.avro", "one".getBytes(StandardCharsets.UTF_8),
            "currents/b/f2.avro", "two".getBytes(StandardCharsets.UTF_8)));
  }

  @AfterAll
  void stop() throws Exception {
    if (azurite != null) {
      azurite.close();
    }
  }

  private AzureBlobStorage storage(String container, String key, String sas) {
    return AzureBlobStorage.create(
        new AzureBlobStorage.Settings(
            container, null, AzuriteServer.ACCOUNT, key, sas, azurite.endpoint(),
            Duration.ofSeconds(10), 0, 1000));
  }

  private static void assertReadsTheContainer(CurrentsStorage s) throws Exception {
    assertThat(s.listFolders("currents/", null).items())
        .containsExactly("currents/a/", "currents/b/");
    assertThat(s.listFiles("currents/", null).items())
        .extracting(StorageObject::key)
        .containsExactly("currents/a/f1.avro", "currents/b/f2.avro");
    try (InputStream in = s.open("currents/a/f1.avro")) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("one");
    }
  }

  @Test
  void accountNameAndKeyFromTheConfigKeys() throws Exception {
    AbstractConfig config =
        new AbstractConfig(
            StorageConfig.define(new ConfigDef()),
            Map.of(
                "currents.storage", "azure",
                "currents.bucket", CONTAINER,
                "azure.account.name", AzuriteServer.ACCOUNT,
                "azure.account.key", AzuriteServer.KEY,
                "azure.endpoint.url", azurite.endpoint().toString()));
    try (CurrentsStorage s = StorageConfig.open(config)) {
      assertThat(s.describe())
          .isEqualTo("azure://devstoreaccount1/currents (endpoint " + azurite.endpoint() + ")");
      assertReadsTheContainer(s);
    }
  }

  @Test
  void aConnectionStringFromTheConfigKeys() throws Exception {
    AbstractConfig config =
        new AbstractConfig(
            StorageConfig.define(new ConfigDef()),
            Map.of(
                "currents.storage", "azure",
                "currents.bucket", CONTAINER,
                "azure.connection.string", azurite.connectionString()));
    try (CurrentsStorage s = StorageConfig.open(config)) {
      assertThat(s.describe()).isEqualTo("azure://devstoreaccount1/currents");
      assertReadsTheContainer(s);
    }
  }

  @Test
  void aWrongAccountKeyIsAPermissionError() {
    String wrongKey = Base64.getEncoder().encodeToString(new byte[64]);
    try (AzureBlobStorage s = storage(CONTAINER, wrongKey, null)) {
      assertThatThrownBy(() -> s.listFiles("currents/", null))
          .isInstanceOfSatisfying(
              StorageException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(StorageException.Kind.PERMISSION);
                assertThat(e.getMessage())
                    .contains("azure://devstoreaccount1/currents")
                    .contains("cannot list files under 'currents/'")
                    .contains("HTTP 403")
                    .doesNotContain(wrongKey);
              });
    }
  }

  @Test
  void aSasTokenWithListAndReadWorksAndOneWithoutListIsAPermissionError() throws Exception {
    OffsetDateTime expiry = OffsetDateTime.now().plusHours(1);
    String listRead =
        azurite.container(CONTAINER).generateSas(new BlobServiceSasSignatureValues(expiry,
            new BlobContainerSasPermission().setListPermission(true).setReadPermission(true)));
    try (AzureBlobStorage s = storage(CONTAINER, null, "?" + listRead)) {
      assertReadsTheContainer(s);
    }
    String readOnly =
        azurite.container(CONTAINER).generateSas(new BlobServiceSasSignatureValues(expiry,
            new BlobContainerSasPermission().setReadPermission(true)));
    try (AzureBlobStorage s = storage(CONTAINER, null, readOnly)) {
      assertThatThrownBy(() -> s.listFolders("currents/", null))
          .isInstanceOfSatisfying(
              StorageException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(StorageException.Kind.PERMISSION);
                assertThat(e.getMessage()).doesNotContain(readOnly);
              });
    }
  }

  @Test
  void aMissingContainerIsNotFound() {
    try (AzureBlobStorage s = storage("no-such-container", AzuriteServer.KEY, null)) {
      assertThatThrownBy(() -> s.listFolders("", null))
          .isInstanceOfSatisfying(
              StorageException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(StorageException.Kind.NOT_FOUND);
                assertThat(e.getMessage()).contains("ContainerNotFound");
              });
    }
  }

  @Test
  void aStoppedEmulatorIsUnavailable() throws Exception {
    AzuriteServer outage = AzuriteServer.start();
    outage.seed("outage", Map.of("currents/x.avro", "x".getBytes(StandardCharsets.UTF_8)));
    try (AzureBlobStorage s =
        AzureBlobStorage.create(
            new AzureBlobStorage.Settings(
                "outage", outage.connectionString(), null, null, null, null, Duration.ofSeconds(5), 1,
                1000))) {
      assertThat(s.listFiles("currents/", null).items()).hasSize(1);
      outage.close();
      assertThatThrownBy(() -> s.listFiles("currents/", null))
          .isInstanceOfSatisfying(
              StorageException.class,
              e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.UNAVAILABLE));
      assertThatThrownBy(() -> s.open("currents/x.avro"))
          .isInstanceOfSatisfying(
              StorageException.class,
              e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.UNAVAILABLE));
    }
  }
}
