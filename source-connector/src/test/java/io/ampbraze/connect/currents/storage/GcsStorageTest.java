package io.ampbraze.connect.currents.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GcsStorage against the fake JSON API made to fail: error mapping, retries, credentials. */
class GcsStorageTest {
  private FakeGcsServer gcs;

  @BeforeEach
  void start() throws Exception {
    gcs = new FakeGcsServer("bucket");
    gcs.put("currents/a/f.avro", "data".getBytes(StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() {
    gcs.close();
  }

  private GcsStorage storage(String credentialsJson, String project, int retries, Duration t) {
    return GcsStorage.create(
        new GcsStorage.Settings("bucket", project, credentialsJson, gcs.endpoint(), t, retries,
            1000));
  }

  private GcsStorage storage(int retries) {
    return storage(null, "test-project", retries, Duration.ofSeconds(5));
  }

  private static StorageException listFailure(GcsStorage s) {
    try {
      s.listFiles("currents/", null);
    } catch (StorageException e) {
      return e;
    }
    throw new AssertionError("the listing did not fail");
  }

  @Test
  void forbiddenIsAPermissionErrorAndNotRetried() {
    gcs.fail(r -> FakeGcsServer.error(403, "forbidden",
        "reader@p.iam.gserviceaccount.com does not have storage.objects.list access"));
    try (GcsStorage s = storage(2)) {
      StorageException e = listFailure(s);
      assertThat(e.kind()).isEqualTo(StorageException.Kind.PERMISSION);
      assertThat(e.getMessage())
          .startsWith("gs://bucket (endpoint " + gcs.endpoint() + "): cannot list files under"
              + " 'currents/'")
          .contains("HTTP 403")
          .contains("storage.objects.list");
      assertThat(gcs.http().requests()).hasSize(1);
    }
  }

  @Test
  void unauthenticatedIsAPermissionError() {
    gcs.fail(r -> FakeGcsServer.error(401, "required", "Anonymous caller does not have access"));
    try (GcsStorage s = storage(0)) {
      assertThat(listFailure(s).kind()).isEqualTo(StorageException.Kind.PERMISSION);
    }
  }

  @Test
  void aMissingBucketIsNotFound() {
    gcs.fail(r -> FakeGcsServer.error(404, "notFound", "The specified bucket does not exist."));
    try (GcsStorage s = storage(2)) {
      assertThat(listFailure(s).kind()).isEqualTo(StorageException.Kind.NOT_FOUND);
      assertThat(gcs.http().requests()).hasSize(1);
    }
  }

  @Test
  void serverErrorsAndThrottlingAreRetriedAsConfiguredThenUnavailable() {
    gcs.fail(r -> FakeGcsServer.error(503, "backendError", "Backend Error"));
    try (GcsStorage s = storage(2)) {
      assertThat(listFailure(s).kind()).isEqualTo(StorageException.Kind.UNAVAILABLE);
      assertThat(gcs.http().requests()).hasSize(3);
    }
    gcs.fail(r -> FakeGcsServer.error(429, "rateLimitExceeded", "slow down"));
    try (GcsStorage s = storage(0)) {
      assertThat(listFailure(s).kind()).isEqualTo(StorageException.Kind.UNAVAILABLE);
      assertThat(gcs.http().requests()).hasSize(4);
    }
  }

  @Test
  void aStoreThatNeverAnswersTimesOutAsUnavailable() {
    gcs.fail(r -> StubHttpServer.Response.hang());
    try (GcsStorage s = storage(null, "test-project", 1, Duration.ofMillis(500))) {
      StorageException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> listFailure(s));
      assertThat(e.kind()).isEqualTo(StorageException.Kind.UNAVAILABLE);
    }
  }

  @Test
  void aServiceAccountKeyIsExchangedForATokenThatAuthorizesTheRequests() throws Exception {
    gcs.fail(
        r -> {
          if (r.uri().getPath().equals("/token")) {
            return StubHttpServer.Response.of(200, "application/json",
                "{\"access_token\":\"tok-from-key\",\"expires_in\":3600,\"token_type\":\"Bearer\"}");
          }
          return FakeGcsServer.error(404, "notFound", "nothing here");
        });
    String key = TestKeys.serviceAccountJson(gcs.endpoint() + "/token");
    try (GcsStorage s = storage(key, null, 0, Duration.ofSeconds(5))) {
      assertThat(listFailure(s).kind()).isEqualTo(StorageException.Kind.NOT_FOUND);
      assertThat(s.client().getOptions().getProjectId())
          .as("the key's project when gcs.project.id is empty")
          .isEqualTo("test-project");
    }
    List<StubHttpServer.Request> requests = gcs.http().requests();
    assertThat(requests.get(0).uri().getPath()).isEqualTo("/token");
    assertThat(requests.get(1).header("Authorization")).isEqualTo("Bearer tok-from-key");
  }

  @Test
  void aConfiguredProjectWins() {
    try (GcsStorage s = storage(null, "configured-project", 0, Duration.ofSeconds(5))) {
      assertThat(s.client().getOptions().getProjectId()).isEqualTo("configured-project");
    }
  }

  @Test
  void aTokenEndpointRejectingTheKeyIsAPermissionError() {
    gcs.fail(r -> StubHttpServer.Response.of(400, "application/json",
        "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}"));
    String key = TestKeys.serviceAccountJson(gcs.endpoint() + "/token");
    try (GcsStorage s = storage(key, "p", 0, Duration.ofSeconds(5))) {
      StorageException e = listFailure(s);
      assertThat(e.kind()).isEqualTo(StorageException.Kind.PERMISSION);
    }
  }

  @Test
  void anUnloadableKeyIsAConfigErrorThatQuotesNothing() {
    String key = TestKeys.serviceAccountJson("http://127.0.0.1:1/token")
        .replace("MII", "MII!!SECRET!!");
    assertThatThrownBy(() -> storage(key, "p", 0, Duration.ofSeconds(5)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("gcs.credentials.json")
        .hasMessageNotContaining("SECRET");
  }

  @Test
  void foldersAreListedWithTheDelimiterAndPagesSizedByMaxResults() throws Exception {
    GcsStorage s =
        GcsStorage.create(
            new GcsStorage.Settings("bucket", "p", null, gcs.endpoint(), Duration.ofSeconds(5), 0,
                7));
    try (s) {
      s.listFolders("currents/", null);
      s.listFiles("currents/", null);
    }
    List<StubHttpServer.Request> requests = gcs.http().requests();
    assertThat(requests.get(0).uri().getRawQuery())
        .contains("delimiter=/", "maxResults=7", "prefix=currents/");
    assertThat(requests.get(1).uri().getRawQuery())
        .contains("maxResults=7")
        .doesNotContain("delimiter");
  }
}
