package io.ampbraze.connect.currents;

import static io.ampbraze.connect.currents.ConnectItSupport.baseConfig;
import static io.ampbraze.connect.currents.ConnectItSupport.expectedIds;
import static io.ampbraze.connect.currents.ConnectItSupport.hoursAgo;
import static io.ampbraze.connect.currents.ConnectItSupport.insertIds;
import static io.ampbraze.connect.currents.ConnectItSupport.readTopics;
import static io.ampbraze.connect.currents.ConnectItSupport.taskMetric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.fasterxml.jackson.databind.JsonNode;

import io.ampbraze.connect.currents.storage.AzuriteServer;
import io.ampbraze.connect.currents.storage.S3MockServer;
import io.ampbraze.testkit.currents.Codec;
import io.ampbraze.testkit.currents.CurrentsBucketGenerator;
import io.ampbraze.testkit.currents.CurrentsEventType;
import io.ampbraze.testkit.currents.FileSpec;
import io.ampbraze.testkit.currents.GeneratedFile;
import io.ampbraze.testkit.currents.IdMix;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Storage faults on an embedded Connect worker configured through REST: a store that goes away in
 * the middle of a file, and credentials the store rejects. Failures are retried with backoff, never
 * move an offset, fail the task after {@code currents.storage.retry.timeout.ms} with a status
 * trace that names the store and holds no secret, and a task restarted once the store is back
 * resumes exactly where it stopped.
 */
class CurrentsSourceStorageFaultIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final Duration QUIET = Duration.ofSeconds(3);
  private static final String BUCKET = "braze-currents";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static EmbeddedConnectCluster connect;
  private static ConnectRest rest;

  @BeforeAll
  static void start() {
    connect =
        new EmbeddedConnectCluster.Builder()
            .name("currents-fault-it")
            .numWorkers(1)
            .workerProps(new HashMap<>(Map.of("offset.flush.interval.ms", "500")))
            .build();
    connect.start();
    rest = new ConnectRest(connect);
  }

  @AfterAll
  static void stop() {
    connect.stop();
  }

  /** {@code n} random characters of {@code alphabet}: credentials that look like real ones. */
  private static String random(String alphabet, int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final String B64 =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  /** Fails fast enough for a test, with the backoff visible: waits of 1 s, no SDK retries. */
  private static Map<String, String> failFast(Map<String, String> c, String retryTimeoutMs) {
    c.put("currents.storage.retries", "0");
    c.put("currents.storage.request.timeout.ms", "5000");
    c.put("currents.storage.retry.timeout.ms", retryTimeoutMs);
    c.put("currents.storage.retry.backoff.max.ms", "1000");
    return c;
  }

  @Test
  void anS3OutageMidFileMovesNoOffsetFailsTheTaskWithoutSecretsAndARestartResumesExactly()
      throws Exception {
    String secretKey = random(B64, 40);
    String sessionToken = "IQoJb3JpZ2luX2VjE" + random(B64, 300);
    try (S3MockServer s3mock = S3MockServer.start();
        S3Client s3 = s3mock.client();
        // Two whole files, then the third is cut in half and the store is gone.
        S3OutageGateway gateway = new S3OutageGateway(s3mock.endpoint(), BUCKET, 2)) {
      s3.createBucket(b -> b.bucket(BUCKET));
      CurrentsBucketGenerator gen = CurrentsBucketGenerator.builder(
              (k, v) -> s3.putObject(r -> r.bucket(BUCKET).key(k), RequestBody.fromBytes(v)))
          .seed(51).build();
      List<GeneratedFile> files = new ArrayList<>();
      for (CurrentsEventType type :
          List.of(CurrentsEventType.PURCHASE, CurrentsEventType.CUSTOM_EVENT)) {
        for (int h = 2; h <= 3; h++) {
          files.add(gen.write(FileSpec.of(type, hoursAgo(h))
              .withRecords(300)
              .withRecordsPerBlock(25)
              .withCodec(h == 2 ? Codec.DEFLATE : Codec.NULL)
              .withIdMix(IdMix.ALL_IDENTIFIED)));
        }
      }
      List<String> expected = expectedIds(files);

      String name = "s3-outage";
      Map<String, String> c = failFast(baseConfig(name), "8000");
      c.put("currents.storage", "s3");
      c.put("currents.bucket", BUCKET);
      c.put("currents.batch.size", "20");
      c.put("s3.endpoint.url", gateway.endpoint().toString());
      c.put("s3.path.style.access", "true");
      c.put("s3.region", "us-east-1");
      c.put("s3.access.key.id", "AKIA" + random(UPPER, 16));
      c.put("s3.secret.access.key", secretKey);
      c.put("s3.session.token", sessionToken);
      rest.putConfig(name, c);

      // The store goes away in the middle of the third file. The records read before the cut
      // are emitted and committed; the offset of the cut file points into it.
      await().atMost(TIMEOUT).until(gateway::isDown);
      String cut = gateway.cutKey();
      // While the store is away, the task retries and stays RUNNING (until the retry timeout).
      await().atMost(TIMEOUT).until(() -> gateway.refused() >= 2);
      assertThat(rest.taskState(name, 0)).isEqualTo("RUNNING");
      assertThat(taskMetric(name, 0, "StorageErrors")).isGreaterThanOrEqualTo(2);
      List<ConsumerRecord<byte[], byte[]>> beforeOutage = new ArrayList<>();
      await().atMost(TIMEOUT).untilAsserted(() -> {
        JsonNode cutOffset = rest.offsets(name).values().stream()
            .filter(o -> cut.equals(o.path("file").asText()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no committed offset in " + cut + " yet"));
        long committed = cutOffset.path("record").asLong();
        List<ConsumerRecord<byte[], byte[]>> sofar = readTopics(
            connect, Set.of(name), (int) committed, TIMEOUT, Duration.ofSeconds(1), false);
        long fromCut = sofar.stream().filter(r -> cut.equals(header(r, "currents.file"))).count();
        assertThat(fromCut).as("records of the cut file before the cut")
            .isPositive()
            .isLessThan(300);
        assertThat(committed).as("the committed offset is the cut file's next record")
            .isEqualTo(fromCut);
        beforeOutage.clear();
        beforeOutage.addAll(sofar);
      });
      Map<String, JsonNode> duringOutage = rest.offsets(name);
      int emittedBeforeOutage = beforeOutage.size();
      assertThat(emittedBeforeOutage).isLessThan(expected.size());

      // After retrying with backoff for the retry timeout: FAILED, with a trace that names the
      // store and holds no secret.
      await().atMost(TIMEOUT).until(() -> rest.taskState(name, 0).equals("FAILED"));
      String trace = rest.taskStatus(name, 0).path("trace").asText();
      assertThat(trace).contains("s3://" + BUCKET, gateway.endpoint().toString(), "UNAVAILABLE",
          "currents.storage.retry.timeout.ms", "HTTP 503 ServiceUnavailable");
      assertThat(rest.status(name).toString())
          .doesNotContain(secretKey, sessionToken, sessionToken.substring(0, 40),
              URLEncoder.encode(secretKey, StandardCharsets.UTF_8));
      Matcher attempts = Pattern.compile("\\((\\d+) attempts, UNAVAILABLE\\)").matcher(trace);
      assertThat(attempts.find()).as(trace).isTrue();
      assertThat(Integer.parseInt(attempts.group(1))).as("retried").isGreaterThanOrEqualTo(3);
      assertThat(gateway.refused())
          .as("waits between attempts, not a hot loop")
          .isBetween(2, 40);

      // No offset moved while the store was away, and nothing more was written.
      assertThat(rest.offsets(name)).isEqualTo(duringOutage);
      assertThat(readTopics(connect, Set.of(name), emittedBeforeOutage, TIMEOUT, QUIET, false))
          .hasSize(emittedBeforeOutage);

      // The store is back; a task restarted through REST resumes exactly: every record once.
      gateway.heal();
      rest.restartTask(name, 0);
      await().atMost(TIMEOUT).until(() -> rest.taskState(name, 0).equals("RUNNING"));
      List<ConsumerRecord<byte[], byte[]>> got =
          readTopics(connect, Set.of(name), expected.size(), TIMEOUT, QUIET, false);
      assertThat(insertIds(got))
          .doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(expected);
      connect.deleteConnector(name);
    }
  }

  @Test
  void aWrongAzureAccountKeyFailsTheTaskWithAPermissionErrorAndNoSecret() throws Exception {
    byte[] raw = new byte[64];
    RANDOM.nextBytes(raw);
    String wrongKey = Base64.getEncoder().encodeToString(raw);
    try (AzuriteServer azurite = AzuriteServer.start()) {
      BlobContainerClient container = azurite.container(BUCKET);
      container.create();
      CurrentsBucketGenerator gen = CurrentsBucketGenerator.builder(
              (k, v) -> container.getBlobClient(k).upload(BinaryData.fromBytes(v), true))
          .seed(52).connectionType("AzureBlob").build();
      List<GeneratedFile> files = List.of(
          gen.write(FileSpec.of(CurrentsEventType.SESSION_START, hoursAgo(2))),
          gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(3)).withCodec(Codec.SNAPPY)));

      String name = "azure-wrong-key";
      Map<String, String> c = failFast(baseConfig(name), "3000");
      c.put("currents.storage", "azure");
      c.put("currents.bucket", BUCKET);
      c.put("azure.account.name", AzuriteServer.ACCOUNT);
      c.put("azure.account.key", wrongKey);
      c.put("azure.endpoint.url", azurite.endpoint().toString());
      rest.putConfig(name, c);

      await().atMost(TIMEOUT).until(() -> rest.taskState(name, 0).equals("FAILED"));
      String trace = rest.taskStatus(name, 0).path("trace").asText();
      assertThat(trace).contains("azure://" + AzuriteServer.ACCOUNT + "/" + BUCKET, "PERMISSION",
          "HTTP 403", "currents.storage.retry.timeout.ms");
      assertThat(rest.status(name).toString())
          .doesNotContain(wrongKey, URLEncoder.encode(wrongKey, StandardCharsets.UTF_8),
              wrongKey.substring(0, 24), AzuriteServer.KEY);
      assertThat(rest.offsets(name)).as("nothing was read, so no offset").isEmpty();

      // With the right key (a config update restarts the task) everything arrives, once.
      c.put("azure.account.key", AzuriteServer.KEY);
      rest.putConfig(name, c);
      List<String> expected = expectedIds(files);
      List<ConsumerRecord<byte[], byte[]>> got =
          readTopics(connect, Set.of(name), expected.size(), TIMEOUT, QUIET, false);
      assertThat(insertIds(got))
          .doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(expected);
      assertThat(rest.taskState(name, 0)).isEqualTo("RUNNING");
      connect.deleteConnector(name);
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
