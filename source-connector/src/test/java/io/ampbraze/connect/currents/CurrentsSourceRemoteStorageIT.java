package io.ampbraze.connect.currents;

import static io.ampbraze.connect.currents.ConnectItSupport.baseConfig;
import static io.ampbraze.connect.currents.ConnectItSupport.expectedIds;
import static io.ampbraze.connect.currents.ConnectItSupport.hoursAgo;
import static io.ampbraze.connect.currents.ConnectItSupport.insertIds;
import static io.ampbraze.connect.currents.ConnectItSupport.key;
import static io.ampbraze.connect.currents.ConnectItSupport.readTopics;
import static io.ampbraze.connect.currents.ConnectItSupport.taskAttribute;
import static io.ampbraze.connect.currents.ConnectItSupport.taskMetric;
import static io.ampbraze.connect.currents.ConnectItSupport.text;
import static io.ampbraze.connect.currents.ConnectItSupport.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;

import io.ampbraze.connect.currents.storage.AzuriteServer;
import io.ampbraze.connect.currents.storage.FakeGcsServer;
import io.ampbraze.connect.currents.storage.S3MockServer;
import io.ampbraze.connect.currents.storage.StubHttpServer;
import io.ampbraze.connect.currents.storage.TestKeys;
import io.ampbraze.testkit.currents.BucketSink;
import io.ampbraze.testkit.currents.Codec;
import io.ampbraze.testkit.currents.CurrentsBucketGenerator;
import io.ampbraze.testkit.currents.CurrentsEventType;
import io.ampbraze.testkit.currents.Damage;
import io.ampbraze.testkit.currents.FileSpec;
import io.ampbraze.testkit.currents.GeneratedFile;
import io.ampbraze.testkit.currents.TimeType;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The same generated Currents bucket served by each real store emulator (S3Mock, Azurite, the GCS
 * JSON-API fake), read by the connector on an embedded Connect worker configured through REST with
 * that store's own config keys. Each store must yield every readable record with an id exactly
 * once, keyed by its user, with the right {@code insert_id} and source file, including the good
 * records of a truncated file, which the task reports in its metrics. (The mapping itself is
 * covered store-independently by {@link CurrentsSourceIT}.)
 */
class CurrentsSourceRemoteStorageIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final Duration QUIET = Duration.ofSeconds(3);
  private static final String BUCKET = "braze-currents";
  private static EmbeddedConnectCluster connect;

  /** What was written into a store; {@code truncated} is one of {@code files}. */
  private record Bucket(List<GeneratedFile> files, GeneratedFile truncated) {}

  @BeforeAll
  static void start() {
    connect =
        new EmbeddedConnectCluster.Builder()
            .name("currents-remote-it")
            .numWorkers(1)
            .workerProps(new HashMap<>(Map.of("offset.flush.interval.ms", "500")))
            .build();
    connect.start();
  }

  @AfterAll
  static void stop() {
    connect.stop();
  }

  /**
   * Several event types in hours inside the lookback window, all three codecs, {@code int} and
   * {@code long} time, two schema ids, and a file cut short in its last block.
   */
  private static Bucket writeBucket(BucketSink sink, String connectionType, long seed) {
    CurrentsBucketGenerator gen =
        CurrentsBucketGenerator.builder(sink).seed(seed).connectionType(connectionType).build();
    List<GeneratedFile> files = new ArrayList<>();
    files.add(gen.write(FileSpec.of(CurrentsEventType.CUSTOM_EVENT, hoursAgo(3)).withRecords(120)));
    files.add(gen.write(FileSpec.of(CurrentsEventType.CUSTOM_EVENT, hoursAgo(1))
        .withCodec(Codec.SNAPPY).withSchema(2, true)));
    files.add(gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(5))
        .withCodec(Codec.DEFLATE)));
    files.add(gen.write(FileSpec.of(CurrentsEventType.PROFILE_UPDATE, hoursAgo(6))
        .withCodec(Codec.SNAPPY)));
    files.add(gen.write(FileSpec.of(CurrentsEventType.SESSION_START, hoursAgo(2))
        .withTimeType(TimeType.LONG).withCodec(Codec.DEFLATE)));
    files.add(gen.write(FileSpec.of(CurrentsEventType.EMAIL_SEND, hoursAgo(4))));
    GeneratedFile truncated = gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(5))
        .withRecords(90).withCodec(Codec.SNAPPY).withDamage(Damage.TRUNCATED));
    files.add(truncated);
    return new Bucket(files, truncated);
  }

  /** Quick polling, and a store that fails fast rather than hanging a test. */
  private static Map<String, String> config(String name, String storage) {
    Map<String, String> c = baseConfig(name);
    c.put("currents.storage", storage);
    c.put("currents.bucket", BUCKET);
    c.put("currents.storage.request.timeout.ms", "10000");
    return c;
  }

  @Test
  void s3WithEndpointOverridePathStyleAndStaticKeys() throws Exception {
    try (S3MockServer s3mock = S3MockServer.start(); S3Client s3 = s3mock.client()) {
      s3.createBucket(b -> b.bucket(BUCKET));
      Bucket bucket = writeBucket(
          (k, v) -> s3.putObject(r -> r.bucket(BUCKET).key(k), RequestBody.fromBytes(v)), "S3", 41);
      Map<String, String> c = config("remote-s3", "s3");
      c.put("s3.endpoint.url", s3mock.endpoint().toString());
      c.put("s3.path.style.access", "true");
      c.put("s3.region", "eu-central-1");
      c.put("s3.access.key.id", "AKIAQ3EGRIT5EXAMPLE7");
      c.put("s3.secret.access.key", "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");
      connect.configureConnector("remote-s3", c);
      assertDeliveredExactlyOnce("remote-s3", bucket);
      connect.deleteConnector("remote-s3");
    }
  }

  @Test
  void azureWithAccountKeyAndWithAConnectionString() throws Exception {
    try (AzuriteServer azurite = AzuriteServer.start()) {
      BlobContainerClient container = azurite.container(BUCKET);
      container.create();
      Bucket bucket = writeBucket(
          (k, v) -> container.getBlobClient(k).upload(BinaryData.fromBytes(v), true),
          "AzureBlob", 42);
      Map<String, String> byKey = config("remote-azure-key", "azure");
      byKey.put("azure.account.name", AzuriteServer.ACCOUNT);
      byKey.put("azure.account.key", AzuriteServer.KEY);
      byKey.put("azure.endpoint.url", azurite.endpoint().toString());
      Map<String, String> byConnectionString = config("remote-azure-connstr", "azure");
      byConnectionString.put("azure.connection.string", azurite.connectionString());
      // Both read the same container at once: the two ways to authenticate, one emulator start.
      connect.configureConnector("remote-azure-key", byKey);
      connect.configureConnector("remote-azure-connstr", byConnectionString);
      assertDeliveredExactlyOnce("remote-azure-key", bucket);
      assertDeliveredExactlyOnce("remote-azure-connstr", bucket);
      connect.deleteConnector("remote-azure-key");
      connect.deleteConnector("remote-azure-connstr");
    }
  }

  @Test
  void gcsWithEndpointOverrideAndAServiceAccountKey() throws Exception {
    try (FakeGcsServer gcs = new FakeGcsServer(BUCKET)) {
      Bucket bucket = writeBucket(gcs::put, "GCS", 43);
      Map<String, String> c = config("remote-gcs", "gcs");
      c.put("gcs.endpoint.url", gcs.endpoint().toString());
      c.put("gcs.credentials.json", TestKeys.serviceAccountJson(gcs.tokenUri().toString()));
      connect.configureConnector("remote-gcs", c);
      assertDeliveredExactlyOnce("remote-gcs", bucket);
      connect.deleteConnector("remote-gcs");

      // The key from gcs.credentials.json was exchanged for a token that every call carried.
      List<StubHttpServer.Request> requests = gcs.http().requests();
      assertThat(requests).anySatisfy(r -> assertThat(r.uri().getPath()).isEqualTo("/token"));
      assertThat(requests)
          .filteredOn(r -> !r.uri().getPath().equals("/token"))
          .isNotEmpty()
          .allSatisfy(r -> assertThat(r.header("Authorization"))
              .isEqualTo("Bearer " + FakeGcsServer.ACCESS_TOKEN));
    }
  }

  private static void assertDeliveredExactlyOnce(String name, Bucket bucket) throws Exception {
    List<String> expected = expectedIds(bucket.files());
    Map<String, GenericRecord> sources = new HashMap<>();
    Map<String, String> fileOf = new HashMap<>();
    for (GeneratedFile f : bucket.files()) {
      for (GenericRecord r : f.records()) {
        sources.put(r.get("id").toString(), r);
        fileOf.put(r.get("id").toString(), f.key());
      }
    }
    List<ConsumerRecord<byte[], byte[]>> got =
        readTopics(connect, Set.of(name), expected.size(), TIMEOUT, QUIET, false);
    assertThat(insertIds(got)).as(name)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(expected);
    int fromTruncated = 0;
    for (ConsumerRecord<byte[], byte[]> r : got) {
      String id = value(r).get("insert_id").asText();
      GenericRecord source = sources.get(id);
      String ext = text(source, "external_user_id");
      assertThat(key(r)).as("%s key of %s", name, id)
          .isEqualTo(ext != null ? ext : text(source, "device_id"));
      String file = header(r, "currents.file");
      assertThat(file).as("%s file of %s", name, id).isEqualTo(fileOf.get(id));
      if (file.equals(bucket.truncated().key())) {
        fromTruncated++;
      }
    }
    assertThat(fromTruncated)
        .as("%s: the good records before the truncated file's damage", name)
        .isPositive()
        .isEqualTo(expectedIds(List.of(bucket.truncated())).size());
    assertThat(taskMetric(name, 0, "FilesSkipped")).as(name).isEqualTo(1);
    assertThat((String) taskAttribute(name, 0, "LastCorruptFile")).as(name)
        .contains(bucket.truncated().key());
    assertThat(taskMetric(name, 0, "FilesRead")).as(name).isEqualTo(bucket.files().size() - 1);
    assertThat(taskMetric(name, 0, "RecordsEmitted")).as(name).isEqualTo(expected.size());
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
