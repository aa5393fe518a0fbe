package io.ampbraze.connect.currents.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tuning keys (retries, request timeout, listing page size) reach every cloud client when
 * set through the configuration, not only through the settings records.
 */
class StorageTuningTest {
  private static CurrentsStorage open(String store, StubHttpServer server, String retries,
      String timeoutMs, String pageSize) {
    Map<String, String> props = new HashMap<>();
    props.put("currents.storage", store);
    props.put("currents.bucket", "currents");
    props.put("currents.storage.retries", retries);
    props.put("currents.storage.request.timeout.ms", timeoutMs);
    props.put("currents.storage.list.page.size", pageSize);
    switch (store) {
      case "s3" -> {
        props.put("s3.endpoint.url", server.endpoint().toString());
        props.put("s3.path.style.access", "true");
        props.put("s3.access.key.id", "AKIATUNE");
        props.put("s3.secret.access.key", "tune-secret");
      }
      case "gcs" -> {
        props.put("gcs.endpoint.url", server.endpoint().toString());
        props.put("gcs.project.id", "p");
      }
      default -> {
        props.put("azure.account.name", "acct");
        props.put("azure.account.key", AzuriteServer.KEY);
        props.put("azure.endpoint.url", server.endpoint() + "/acct");
      }
    }
    return StorageConfig.open(new AbstractConfig(StorageConfig.define(new ConfigDef()), props));
  }

  private static StubHttpServer.Response unavailable(String store) {
    return switch (store) {
      case "s3" -> S3StorageTest.s3Error(503, "SlowDown", "slow down");
      case "gcs" -> FakeGcsServer.error(503, "backendError", "Backend Error");
      default -> AzureBlobStorageTest.azureError(503, "ServerBusy");
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"s3", "gcs", "azure"})
  void retriesAndPageSizeComeFromTheConfig(String store) throws Exception {
    try (StubHttpServer server = new StubHttpServer(r -> unavailable(store));
        CurrentsStorage s = open(store, server, "3", "5000", "17")) {
      try {
        s.listFiles("currents/", null);
        throw new AssertionError("expected a failure");
      } catch (StorageException e) {
        assertThat(e.kind()).isEqualTo(StorageException.Kind.UNAVAILABLE);
      }
      assertThat(server.requests()).hasSize(4);
      assertThat(server.requests().get(0).uri().getRawQuery()).containsIgnoringCase("max")
          .contains("=17");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"s3", "gcs", "azure"})
  void theRequestTimeoutComesFromTheConfig(String store) throws Exception {
    try (StubHttpServer server = new StubHttpServer(r -> StubHttpServer.Response.hang());
        CurrentsStorage s = open(store, server, "0", "1000", "1000")) {
      StorageException e =
          assertTimeoutPreemptively(
              Duration.ofSeconds(60),
              () -> {
                try {
                  s.listFolders("currents/", null);
                } catch (StorageException failure) {
                  return failure;
                }
                throw new AssertionError("expected a timeout");
              });
      assertThat(e.kind()).isEqualTo(StorageException.Kind.UNAVAILABLE);
      assertThat(server.requests()).hasSize(1);
    }
  }
}
