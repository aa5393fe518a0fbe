package io.ampbraze.connect.currents.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/** S3Storage against a stub S3 endpoint that fails in chosen ways: error mapping, retries, auth. */
class S3StorageTest {
  static final String EMPTY_LISTING =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult"
          + " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>bucket</Name>"
          + "<Prefix>currents/</Prefix><KeyCount>0</KeyCount><MaxKeys>1000</MaxKeys>"
          + "<IsTruncated>false</IsTruncated></ListBucketResult>";

  private StubHttpServer server;

  @BeforeEach
  void start() throws Exception {
    server = new StubHttpServer(r -> StubHttpServer.Response.of(200, "application/xml", EMPTY_LISTING));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static StubHttpServer.Response s3Error(int status, String code, String message) {
    return StubHttpServer.Response.of(
        status,
        "application/xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>"
            + message + "</Message><RequestId>req-1</RequestId></Error>");
  }

  private S3Storage storage(int retries, Duration timeout) {
    return S3Storage.create(settings(server.endpoint(), "AKIASTUB", null, retries, timeout));
  }

  static S3Storage.Settings settings(
      URI endpoint, String keyId, String token, int retries, Duration timeout) {
    return new S3Storage.Settings(
        "bucket", "eu-west-1", endpoint, true, keyId, keyId == null ? null : "stub-secret-key",
        token, timeout, retries, 1000);
  }

  private StorageException listFailure(S3Storage s) {
    try {
      s.listFiles("currents/", null);
    } catch (StorageException e) {
      return e;
    }
    throw new AssertionError("the listing did not fail");
  }

  @Test
  void accessDeniedIsAPermissionErrorAndNotRetried() {
    server.handler(r -> s3Error(403, "AccessDenied", "Access Denied"));
    try (S3Storage s = storage(2, Duration.ofSeconds(5))) {
      StorageException e = listFailure(s);
      assertThat(e.kind()).isEqualTo(StorageException.Kind.PERMISSION);
      assertThat(e.getMessage())
          .startsWith("s3://bucket (region eu-west-1, endpoint " + server.endpoint())
          .contains("cannot list files under 'currents/'")
          .contains("HTTP 403 AccessDenied: Access Denied (request id req-1)");
      assertThat(server.requests()).hasSize(1);
    }
  }

  @Test
  void rejectedCredentialsArePermissionErrorsWhateverTheirStatus() {
    for (String[] c :
        new String[][] {
          {"403", "InvalidAccessKeyId"}, {"403", "SignatureDoesNotMatch"},
          {"400", "ExpiredToken"}, {"400", "InvalidToken"}, {"401", "Unauthorized"}
        }) {
      server.handler(r -> s3Error(Integer.parseInt(c[0]), c[1], "no"));
      try (S3Storage s = storage(0, Duration.ofSeconds(5))) {
        assertThat(listFailure(s).kind()).as(c[1]).isEqualTo(StorageException.Kind.PERMISSION);
      }
    }
  }

  @Test
  void aMissingBucketOrObjectIsNotFound() {
    server.handler(r -> s3Error(404, "NoSuchBucket", "The specified bucket does not exist"));
    try (S3Storage s = storage(2, Duration.ofSeconds(5))) {
      assertThat(listFailure(s).kind()).isEqualTo(StorageException.Kind.NOT_FOUND);
      server.handler(r -> s3Error(404, "NoSuchKey", "The specified key does not exist."));
      assertThatThrownBy(() -> s.open("currents/a.avro"))
          .isInstanceOfSatisfying(
              StorageException.class,
              e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.NOT_FOUND));
    }
  }

  @Test
  void throttlingAndServerErrorsAreRetriedAsConfiguredThenUnavailable() {
    server.handler(r -> s3Error(503, "SlowDown", "Please reduce your request rate."));
    try (S3Storage s = storage(2, Duration.ofSeconds(5))) {
      assertThat(listFailure(s).kind()).isEqualTo(StorageException.Kind.UNAVAILABLE);
      assertThat(server.requests()).hasSize(3);
    }
    server.handler(r -> s3Error(500, "InternalError", "We encountered an internal error."));
    try (S3Storage s = storage(0, Duration.ofSeconds(5))) {
      assertThat(listFailure(s).kind()).isEqualTo(StorageException.Kind.UNAVAILABLE);
      assertThat(server.requests()).hasSize(4);
    }
  }

  @Test
  void aStoreThatNeverAnswersTimesOutAsUnavailable() {
    server.handler(r -> StubHttpServer.Response.hang());
    try (S3Storage s = storage(1, Duration.ofMillis(500))) {
      StorageException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> listFailure(s));
      assertThat(e.kind()).isEqualTo(StorageException.Kind.UNAVAILABLE);
    }
  }

  @Test
  void aClosedPortIsUnavailable() throws Exception {
    URI closed;
    try (StubHttpServer gone = new StubHttpServer(r -> null)) {
      closed = gone.endpoint();
    }
    try (S3Storage s = S3Storage.create(settings(closed, "AKIASTUB", null, 1, Duration.ofSeconds(5)))) {
      StorageException e = listFailure(s);
      assertThat(e.kind()).isEqualTo(StorageException.Kind.UNAVAILABLE);
      assertThat(e.getMessage()).contains("cannot list files under 'currents/'");
    }
  }

  @Test
  void aWrongRegionIsReportedWithAHint() {
    server.handler(
        r -> s3Error(301, "PermanentRedirect", "The bucket you are attempting to access must be"
            + " addressed using the specified endpoint."));
    try (S3Storage s = storage(0, Duration.ofSeconds(5))) {
      StorageException e = listFailure(s);
      assertThat(e.kind()).isEqualTo(StorageException.Kind.OTHER);
      assertThat(e.getMessage()).contains("s3.region");
    }
  }

  @Test
  void requestsAreSignedWithTheConfiguredRegionAndKeys() throws Exception {
    try (S3Storage s = S3Storage.create(settings(server.endpoint(), "AKIASTUB", "session-tok-1", 0,
        Duration.ofSeconds(5)))) {
      s.listFiles("currents/", null);
    }
    StubHttpServer.Request r = server.requests().get(0);
    assertThat(r.header("Authorization"))
        .contains("Credential=AKIASTUB/")
        .contains("/eu-west-1/s3/aws4_request")
        .doesNotContain("stub-secret-key");
    assertThat(r.header("x-amz-security-token")).isEqualTo("session-tok-1");
  }

  @Test
  void withoutKeysTheDefaultCredentialsChainIsUsed() throws Exception {
    System.setProperty("aws.accessKeyId", "AKIAFROMCHAIN");
    System.setProperty("aws.secretAccessKey", "chain-secret");
    try (S3Storage s = S3Storage.create(settings(server.endpoint(), null, null, 0,
        Duration.ofSeconds(5)))) {
      s.listFiles("currents/", null);
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
    assertThat(server.requests().get(0).header("Authorization")).contains("Credential=AKIAFROMCHAIN/");
  }

  @Test
  void withoutRegionOrEndpointTheRegionChainMustFindOne() {
    S3Storage.Settings s =
        new S3Storage.Settings("bucket", null, null, false, "AKIA", "secret", null,
            Duration.ofSeconds(1), 0, 1000);
    assertThatThrownBy(() -> S3Storage.create(s))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("s3.region")
        .hasMessageNotContaining("secret");
  }

  @Test
  void anEndpointWithoutRegionSignsForUsEast1() throws Exception {
    S3Storage.Settings s =
        new S3Storage.Settings("bucket", null, server.endpoint(), true, "AKIASTUB", "secret",
            null, Duration.ofSeconds(5), 0, 1000);
    try (S3Storage storage = S3Storage.create(s)) {
      storage.listFiles("currents/", null);
    }
    assertThat(server.requests().get(0).header("Authorization")).contains("/us-east-1/s3/");
  }

  @Test
  void foldersAreListedWithADelimiterAndFilesWithoutOnePageSizedByMaxKeys() throws Exception {
    S3Storage.Settings s =
        new S3Storage.Settings("bucket", "eu-west-1", server.endpoint(), true, "AKIASTUB",
            "secret", null, Duration.ofSeconds(5), 0, 7);
    try (S3Storage storage = S3Storage.create(s)) {
      storage.listFolders("currents/", null);
      storage.listFiles("currents/", "token-1");
    }
    List<StubHttpServer.Request> requests = server.requests();
    String folders = requests.get(0).uri().getRawQuery();
    String files = requests.get(1).uri().getRawQuery();
    assertThat(requests.get(0).uri().getPath()).isEqualTo("/bucket");
    assertThat(folders).contains("list-type=2", "delimiter=%2F", "max-keys=7", "prefix=currents%2F");
    assertThat(files).contains("list-type=2", "max-keys=7", "continuation-token=token-1")
        .doesNotContain("delimiter");
  }

  @Test
  void pathStyleAndVirtualHostAddressingFollowTheConfig() {
    for (boolean pathStyle : new boolean[] {true, false}) {
      AtomicReference<SdkHttpRequest> seen = new AtomicReference<>();
      ExecutionInterceptor capture =
          new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission c, ExecutionAttributes a) {
              seen.set(c.httpRequest());
              throw new IllegalStateException("captured, not sent");
            }
          };
      S3Storage.Settings s =
          new S3Storage.Settings("bucket", "eu-west-1", URI.create("http://s3.example.test:9000"),
              pathStyle, "AKIA", "secret", null, Duration.ofSeconds(5), 0, 1000);
      try (S3Storage storage = S3Storage.create(s, List.of(capture))) {
        assertThatThrownBy(() -> storage.listFiles("currents/", null))
            .isInstanceOf(StorageException.class);
      }
      if (pathStyle) {
        assertThat(seen.get().host()).isEqualTo("s3.example.test");
        assertThat(seen.get().encodedPath()).isEqualTo("/bucket");
      } else {
        assertThat(seen.get().host()).isEqualTo("bucket.s3.example.test");
      }
    }
  }

  @Test
  void aBodyCutShortFailsTheReadWithAStorageReadException() throws Exception {
    byte[] part = "only part of it".getBytes(StandardCharsets.UTF_8);
    server.handler(r -> StubHttpServer.Response.truncated(part, 1000));
    try (S3Storage s = storage(0, Duration.ofSeconds(5));
        InputStream in = s.open("currents/a.avro")) {
      assertThatThrownBy(in::readAllBytes)
          .isInstanceOfSatisfying(
              StorageReadException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(StorageException.Kind.UNAVAILABLE);
                assertThat(e.getMessage()).contains("cannot read 'currents/a.avro'");
                assertThat(StorageException.in(new RuntimeException(e))).contains(e.getCause());
              });
    }
  }
}
