package io.ampbraze.connect.currents.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** AzureBlobStorage against a stub Blob endpoint made to fail: error kinds, retries, timeouts. */
class AzureBlobStorageTest {
  static final String EMPTY_LISTING =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?><EnumerationResults"
          + " ServiceEndpoint=\"http://127.0.0.1/acct\" ContainerName=\"c\"><Blobs/>"
          + "<NextMarker/></EnumerationResults>";

  private StubHttpServer server;

  @BeforeEach
  void start() throws Exception {
    server = new StubHttpServer(r -> StubHttpServer.Response.of(200, "application/xml", EMPTY_LISTING));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static StubHttpServer.Response azureError(int status, String code) {
    return new StubHttpServer.Response(
        status,
        Map.of("Content-Type", "application/xml", "x-ms-error-code", code),
        ("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>" + code
                + "</Code><Message>stub says " + code + "</Message></Error>")
            .getBytes());
  }

  private AzureBlobStorage storage(int retries, Duration timeout, int pageSize) {
    return AzureBlobStorage.create(
        new AzureBlobStorage.Settings(
            "c", null, "acct", AzuriteServer.KEY, null,
            java.net.URI.create(server.endpoint() + "/acct"), timeout, retries, pageSize));
  }

  private static StorageException listFailure(AzureBlobStorage s) {
    try {
      s.listFiles("currents/", null);
    } catch (StorageException e) {
      return e;
    }
    throw new AssertionError("the listing did not fail");
  }

  @Test
  void authorizationFailuresArePermissionErrorsAndNotRetried() {
    for (String[] c :
        new String[][] {{"403", "AuthorizationPermissionMismatch"}, {"403", "AuthenticationFailed"},
          {"401", "InvalidAuthenticationInfo"}}) {
      server.handler(r -> azureError(Integer.parseInt(c[0]), c[1]));
      try (AzureBlobStorage s = storage(2, Duration.ofSeconds(5), 1000)) {
        StorageException e = listFailure(s);
        assertThat(e.kind()).as(c[1]).isEqualTo(StorageException.Kind.PERMISSION);
        assertThat(e.getMessage()).contains("HTTP " + c[0] + " " + c[1]);
      }
    }
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void busyAndServerErrorsAreRetriedAsConfiguredThenUnavailable() {
    server.handler(r -> azureError(503, "ServerBusy"));
    try (AzureBlobStorage s = storage(2, Duration.ofSeconds(5), 1000)) {
      assertThat(listFailure(s).kind()).isEqualTo(StorageException.Kind.UNAVAILABLE);
      assertThat(server.requests()).hasSize(3);
    }
    server.handler(r -> azureError(500, "InternalError"));
    try (AzureBlobStorage s = storage(0, Duration.ofSeconds(5), 1000)) {
      assertThat(listFailure(s).kind()).isEqualTo(StorageException.Kind.UNAVAILABLE);
      assertThat(server.requests()).hasSize(4);
    }
  }

  @Test
  void aStoreThatNeverAnswersTimesOutAsUnavailable() {
    server.handler(r -> StubHttpServer.Response.hang());
    try (AzureBlobStorage s = storage(1, Duration.ofSeconds(1), 1000)) {
      StorageException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> listFailure(s));
      assertThat(e.kind()).isEqualTo(StorageException.Kind.UNAVAILABLE);
    }
  }

  @Test
  void foldersUseTheDelimiterAndPagesAreSizedByMaxResults() throws Exception {
    try (AzureBlobStorage s = storage(0, Duration.ofSeconds(5), 7)) {
      s.listFolders("currents/", null);
      s.listFiles("currents/", "marker-1");
    }
    List<StubHttpServer.Request> requests = server.requests();
    assertThat(requests.get(0).uri().getRawQuery())
        .contains("comp=list", "delimiter=/", "maxresults=7", "prefix=currents/");
    assertThat(requests.get(1).uri().getRawQuery())
        .contains("maxresults=7", "marker=marker-1")
        .doesNotContain("delimiter");
    assertThat(requests.get(0).header("Authorization")).startsWith("SharedKey acct:");
  }
}
