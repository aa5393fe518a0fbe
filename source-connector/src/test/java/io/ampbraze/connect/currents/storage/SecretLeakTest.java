package io.ampbraze.connect.currents.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No secret reaches describe(), an exception (message, causes, stack trace text) or a log line,
 * even when the store echoes the secret back in its error, as a misbehaving server or proxy
 * might.
 */
class SecretLeakTest {
  static final String S3_SECRET = "s3Secret/Key+9f8e7d6c5b4a";
  static final String S3_TOKEN = "s3SessionToken0a1b2c3d4e5f";
  static final String AZURE_KEY =
      Base64.getEncoder().encodeToString("azure-account-key-0123456789".getBytes());
  static final String SAS_SIG = "SasSignature0123456789abcdef%3D";

  private StubHttpServer server;
  private LogCapture logs;
  private final List<String> texts = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    logs = new LogCapture();
    server = new StubHttpServer(r -> null);
  }

  @AfterEach
  void stop() {
    server.close();
    logs.close();
  }

  private static AbstractConfig config(String... kv) {
    Map<String, String> props = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      props.put(kv[i], kv[i + 1]);
    }
    props.put("currents.storage.retries", "0");
    return new AbstractConfig(StorageConfig.define(new ConfigDef()), props, true);
  }

  /** Runs every operation (each fails) and keeps every text a user could see. */
  private void exercise(CurrentsStorage s) {
    texts.add(s.describe());
    List<ThrowingRunnable> calls =
        List.of(
            () -> s.listFolders("currents/", null),
            () -> s.listFiles("currents/", "page-2"),
            () -> s.open("currents/a.avro").readAllBytes());
    for (ThrowingRunnable call : calls) {
      try {
        call.run();
        throw new AssertionError("expected the stub store to fail the call");
      } catch (StorageException e) {
        texts.add(e.getMessage());
        texts.add(stackTrace(e));
      } catch (Exception e) {
        throw new AssertionError("not a StorageException", e);
      }
    }
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  private static String stackTrace(Throwable e) {
    StringWriter w = new StringWriter();
    e.printStackTrace(new PrintWriter(w));
    return w.toString();
  }

  private void assertNoneContains(String... secrets) {
    String all = String.join("\n", texts) + "\n" + logs.text();
    assertThat(logs.text()).as("the capture works").contains("Opened ");
    for (String secret : secrets) {
      assertThat(all).doesNotContain(secret);
      assertThat(all).doesNotContain(URLEncoder.encode(secret, StandardCharsets.UTF_8));
    }
  }

  @Test
  void s3SecretKeyAndSessionToken() {
    server.handler(
        r -> S3StorageTest.s3Error(403, "AccessDenied",
            "echo " + S3_SECRET + " " + S3_TOKEN + " " + r.header("Authorization")));
    try (CurrentsStorage s =
        StorageConfig.open(
            config("currents.storage", "s3", "currents.bucket", "bucket",
                "s3.endpoint.url", server.endpoint().toString(), "s3.path.style.access", "true",
                "s3.access.key.id", "AKIALEAK", "s3.secret.access.key", S3_SECRET,
                "s3.session.token", S3_TOKEN))) {
      exercise(s);
    }
    assertThat(String.join("\n", texts)).contains("[hidden]").contains("AccessDenied");
    assertNoneContains(S3_SECRET, S3_TOKEN);
  }

  @Test
  void gcsServiceAccountKey() {
    String json = TestKeys.serviceAccountJson(server.endpoint() + "/token");
    String keyLine = TestKeys.privateKeyPem().split("\n")[3];
    server.handler(
        r -> StubHttpServer.Response.of(400, "application/json",
            "{\"error\":\"invalid_grant\",\"error_description\":\"bad key " + keyLine + "\"}"));
    try (CurrentsStorage s =
        StorageConfig.open(
            config("currents.storage", "gcs", "currents.bucket", "bucket",
                "gcs.endpoint.url", server.endpoint().toString(),
                "gcs.credentials.json", json))) {
      exercise(s);
    }
    assertThat(String.join("\n", texts)).contains("invalid_grant");
    assertNoneContains(keyLine, TestKeys.privateKeyPem(), json);
  }

  @Test
  void azureConnectionStringAndAccountKey() {
    String cs = "DefaultEndpointsProtocol=http;AccountName=acct;AccountKey=" + AZURE_KEY
        + ";BlobEndpoint=" + server.endpoint() + "/acct;";
    server.handler(r -> AzureBlobStorageTest.azureError(403, "AuthenticationFailed " + cs));
    try (CurrentsStorage s =
        StorageConfig.open(
            config("currents.storage", "azure", "currents.bucket", "currents",
                "azure.connection.string", cs))) {
      exercise(s);
    }
    assertThat(String.join("\n", texts)).contains("AuthenticationFailed");
    assertNoneContains(AZURE_KEY, cs);
  }

  @Test
  void azureSasToken() {
    String sas = "sv=2023-01-03&sp=rl&sr=c&sig=" + SAS_SIG;
    server.handler(
        r -> AzureBlobStorageTest.azureError(403, "AuthorizationFailure " + r.uri()));
    try (CurrentsStorage s =
        StorageConfig.open(
            config("currents.storage", "azure", "currents.bucket", "currents",
                "azure.account.name", "acct", "azure.sas.token", sas,
                "azure.endpoint.url", server.endpoint() + "/acct"))) {
      exercise(s);
    }
    assertThat(server.requests().get(0).uri().getRawQuery()).contains("sig=");
    assertNoneContains(SAS_SIG, sas);
  }
}
