package io.ampbraze.connect.currents;

import static io.ampbraze.connect.currents.ConnectItSupport.expectedIds;
import static io.ampbraze.connect.currents.ConnectItSupport.hoursAgo;
import static io.ampbraze.connect.currents.ConnectItSupport.insertIds;
import static io.ampbraze.connect.currents.ConnectItSupport.key;
import static io.ampbraze.connect.currents.ConnectItSupport.readTopics;
import static io.ampbraze.connect.currents.ConnectItSupport.sourceConfig;
import static io.ampbraze.connect.currents.ConnectItSupport.taskMetric;
import static io.ampbraze.connect.currents.ConnectItSupport.text;
import static io.ampbraze.connect.currents.ConnectItSupport.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.ampbraze.testkit.currents.Codec;
import io.ampbraze.testkit.currents.CurrentsBucketGenerator;
import io.ampbraze.testkit.currents.CurrentsEventType;
import io.ampbraze.testkit.currents.Damage;
import io.ampbraze.testkit.currents.FileSpec;
import io.ampbraze.testkit.currents.FolderSink;
import io.ampbraze.testkit.currents.GeneratedFile;
import io.ampbraze.testkit.currents.IdMix;
import io.ampbraze.testkit.currents.TimeType;

/** The connector on a real embedded Kafka and Connect worker, configured through REST. */
class CurrentsSourceIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final Duration QUIET = Duration.ofSeconds(3);
  private static EmbeddedConnectCluster connect;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    connect =
        new EmbeddedConnectCluster.Builder()
            .name("currents-it")
            .numWorkers(1)
            .workerProps(new HashMap<>(Map.of(
                "offset.flush.interval.ms", "500",
                // the restart test throttles its producer through producer.override.*
                "connector.client.config.override.policy", "All")))
            .build();
    connect.start();
  }

  @AfterAll
  static void stop() {
    connect.stop();
  }

  private static Map<String, GenericRecord> byId(List<GeneratedFile> files) {
    Map<String, GenericRecord> out = new HashMap<>();
    files.forEach(f -> f.records().forEach(r -> out.put(r.get("id").toString(), r)));
    return out;
  }

  private static final Map<CurrentsEventType, String> EVENT_TYPES =
      Map.of(
          CurrentsEventType.PURCHASE, "[Appboy] Purchase",
          CurrentsEventType.SESSION_START, "[Appboy] Session Start",
          CurrentsEventType.EMAIL_SEND, "[Appboy] Email Send",
          CurrentsEventType.PROFILE_UPDATE, "$identify",
          CurrentsEventType.WHATSAPP_SEND, "[Appboy] WhatsApp Send",
          CurrentsEventType.AGENT_EXECUTED, "[Appboy] Agent Console Agent Executed");

  /** Checks one emitted event against the Currents record it came from, field by field. */
  private static void assertMapped(ConsumerRecord<byte[], byte[]> rec, GenericRecord source, CurrentsEventType type) {
    JsonNode e = value(rec);
    String ext = text(source, "external_user_id");
    String dev = text(source, "device_id");
    assertThat(key(rec)).isEqualTo(ext != null ? ext : dev);
    assertThat(e.path("user_id").isMissingNode() ? null : e.get("user_id").asText()).isEqualTo(ext);
    assertThat(e.path("device_id").isMissingNode() ? null : e.get("device_id").asText()).isEqualTo(dev);
    long seconds = ((Number) source.get("time")).longValue();
    if (type == CurrentsEventType.PROFILE_UPDATE) {
      assertThat(e.get("time").asLong()).isEqualTo((Long) source.get("time_ms"));
    } else {
      assertThat(e.get("time").asLong()).isEqualTo(seconds * 1000);
    }
    if (type == CurrentsEventType.CUSTOM_EVENT) {
      assertThat(e.get("event_type").asText()).isEqualTo("[Appboy] [Custom Event] " + source.get("name"));
      e.get("event_properties").fieldNames().forEachRemaining(
          name -> assertThat(name.startsWith("[Custom event property] ")
              || !name.contains(" ")).as(name).isTrue());
    } else {
      assertThat(e.get("event_type").asText()).isEqualTo(EVENT_TYPES.get(type));
    }
    if (type == CurrentsEventType.PURCHASE) {
      assertThat(e.get("productId").asText()).isEqualTo(source.get("product_id").toString());
      assertThat(e.get("revenue").asDouble())
          .isEqualTo(Double.parseDouble(source.get("price").toString()));
      assertThat(e.get("currency").asText()).isEqualTo(source.get("currency").toString());
    }
    if (type == CurrentsEventType.PROFILE_UPDATE && text(source, "first_name") != null) {
      assertThat(e.at("/user_properties/$set/first_name").asText()).isEqualTo(text(source, "first_name"));
    }
    assertThat(e.at("/event_properties/braze_id").asText()).isEqualTo(source.get("user_id").toString());
  }

  @Test
  void deliversEveryGoodRecordOnceWithTheMappingIncludingALateFile() throws Exception {
    Path root = Files.createDirectories(dir.resolve("bucket"));
    CurrentsBucketGenerator gen = CurrentsBucketGenerator.builder(new FolderSink(root)).seed(21).build();
    List<GeneratedFile> files = new ArrayList<>();
    files.add(gen.write(FileSpec.of(CurrentsEventType.CUSTOM_EVENT, hoursAgo(3)).withRecords(120)));
    files.add(gen.write(FileSpec.of(CurrentsEventType.CUSTOM_EVENT, hoursAgo(2)).withCodec(Codec.SNAPPY).withSchema(2, true)));
    files.add(gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(5)).withCodec(Codec.DEFLATE)));
    files.add(gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(60)).withCodec(Codec.SNAPPY)));
    files.add(gen.write(FileSpec.of(CurrentsEventType.SESSION_START, hoursAgo(1))));
    files.add(gen.write(FileSpec.of(CurrentsEventType.EMAIL_SEND, hoursAgo(4)).withSchema(7, true)));
    files.add(gen.write(FileSpec.of(CurrentsEventType.PROFILE_UPDATE, hoursAgo(6)).withCodec(Codec.DEFLATE)));
    files.add(gen.write(FileSpec.of(CurrentsEventType.WHATSAPP_SEND, hoursAgo(2))));
    files.add(gen.write(FileSpec.of(CurrentsEventType.AGENT_EXECUTED, hoursAgo(8)).withCodec(Codec.SNAPPY)));
    files.add(gen.write(FileSpec.of(CurrentsEventType.SESSION_START, hoursAgo(9)).withTimeType(TimeType.LONG)));
    GeneratedFile truncated =
        gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(5)).withRecords(90).withDamage(Damage.TRUNCATED));
    files.add(truncated);
    files.add(gen.write(FileSpec.of(CurrentsEventType.EMAIL_SEND, hoursAgo(4)).withDamage(Damage.NOT_AVRO)));

    String name = "mapping";
    connect.configureConnector(name, sourceConfig(root, "amp.${event_type}"));
    connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "the connector runs");
    Set<String> topics = new HashSet<>();
    for (CurrentsEventType t : CurrentsEventType.values()) {
      topics.add("amp." + t.currentsName());
    }
    List<String> expected = expectedIds(files);
    List<ConsumerRecord<byte[], byte[]>> got = readTopics(connect, topics, expected.size(), TIMEOUT, QUIET, false);
    assertThat(insertIds(got)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);

    Map<String, GenericRecord> sources = byId(files);
    for (ConsumerRecord<byte[], byte[]> r : got) {
      String type = r.topic().substring("amp.".length());
      assertMapped(r, sources.get(value(r).get("insert_id").asText()), CurrentsEventType.of(type));
    }
    assertThat(taskMetric(name, 0, "FilesSkipped")).isEqualTo(2);
    assertThat(taskMetric(name, 0, "RecordsEmitted")).isEqualTo(expected.size());
    int noId = files.stream().mapToInt(GeneratedFile::readableWithoutId).sum();
    assertThat(taskMetric(name, 0, "RecordsSkippedNoId")).isEqualTo(noId);

    // a file lands late in an hour already read
    GeneratedFile late = gen.write(FileSpec.of(CurrentsEventType.CUSTOM_EVENT, hoursAgo(3)).withRecords(40));
    List<String> all = new ArrayList<>(expected);
    all.addAll(expectedIds(List.of(late)));
    got = readTopics(connect, topics, all.size(), TIMEOUT, QUIET, false);
    assertThat(insertIds(got)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
    connect.deleteConnector(name);
  }

  @Test
  void jsonAndStringConvertersBothGivePlainJson() throws Exception {
    Path root = Files.createDirectories(dir.resolve("bucket"));
    CurrentsBucketGenerator gen = CurrentsBucketGenerator.builder(new FolderSink(root)).seed(22).build();
    List<GeneratedFile> files = List.of(
        gen.write(FileSpec.of(CurrentsEventType.CUSTOM_EVENT, hoursAgo(2))),
        gen.write(FileSpec.of(CurrentsEventType.PROFILE_UPDATE, hoursAgo(2))),
        gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(2))));
    Map<String, String> json = sourceConfig(root, "conv-json");
    Map<String, String> string = sourceConfig(root, "conv-string");
    string.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    connect.configureConnector("conv-json", json);
    connect.configureConnector("conv-string", string);
    int n = expectedIds(files).size();
    List<ConsumerRecord<byte[], byte[]>> a = readTopics(connect, Set.of("conv-json"), n, TIMEOUT, QUIET, false);
    List<ConsumerRecord<byte[], byte[]>> b = readTopics(connect, Set.of("conv-string"), n, TIMEOUT, QUIET, false);
    assertThat(a).hasSize(n);
    assertThat(b).hasSize(n);
    Map<String, JsonNode> viaJson = new HashMap<>();
    a.forEach(r -> viaJson.put(value(r).get("insert_id").asText(), value(r)));
    for (ConsumerRecord<byte[], byte[]> r : b) {
      JsonNode v = value(r);
      assertThat(v.isObject()).isTrue();
      assertThat(v).isEqualTo(viaJson.get(v.get("insert_id").asText()));
    }
    connect.deleteConnector("conv-json");
    connect.deleteConnector("conv-string");
  }

  @Test
  void rawCurrentsOutputAndTasksSplitTheWork() throws Exception {
    Path root = Files.createDirectories(dir.resolve("bucket"));
    CurrentsBucketGenerator gen = CurrentsBucketGenerator.builder(new FolderSink(root)).seed(23).build();
    List<GeneratedFile> files = gen.writeHours(
        List.of(CurrentsEventType.values()), hoursAgo(6), 3, 1, 20, Codec.DEFLATE);
    Map<String, String> c = sourceConfig(root, "raw");
    c.put("output.format", "currents");
    c.put("tasks.max", "3");
    connect.configureConnector("raw", c);
    int n = files.stream().mapToInt(GeneratedFile::readableRecords).sum();
    List<ConsumerRecord<byte[], byte[]>> got = readTopics(connect, Set.of("raw"), n, TIMEOUT, QUIET, false);
    List<String> ids = got.stream().map(r -> value(r).get("id").asText()).toList();
    assertThat(ids).doesNotHaveDuplicates().hasSize(n);
    JsonNode first = value(got.get(0));
    assertThat(first.has("event_type")).isFalse();
    assertThat(first.has("time")).isTrue();
    assertThat(got.get(0).headers().lastHeader("currents.event_type")).isNotNull();
    connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("raw", 3, "three tasks run");
    connect.deleteConnector("raw");
  }

  @Test
  void restartsOfTheTaskAndTheConnectorResumeExactly() throws Exception {
    Path root = Files.createDirectories(dir.resolve("bucket"));
    CurrentsBucketGenerator gen = CurrentsBucketGenerator.builder(new FolderSink(root)).seed(24).build();
    // One big file, so a task stopped while records flow is stopped mid-file.
    List<GeneratedFile> files = List.of(
        gen.write(FileSpec.of(CurrentsEventType.CUSTOM_EVENT, hoursAgo(3)).withRecords(15000)
            .withRecordsPerBlock(500).withIdMix(IdMix.ALL_IDENTIFIED)));
    String name = "restarts";
    Map<String, String> fast = sourceConfig(root, name);
    fast.put("currents.batch.size", "10");
    // First run: a producer that can hold a few records only and sends them one small batch
    // at a time, so the file takes minutes and the pause below always lands inside it.
    Map<String, String> throttled = new HashMap<>(fast);
    throttled.put("producer.override.buffer.memory", "4096");
    throttled.put("producer.override.batch.size", "1024");
    throttled.put("producer.override.linger.ms", "50");
    throttled.put("producer.override.max.in.flight.requests.per.connection", "1");
    connect.configureConnector(name, throttled);
    int total = expectedIds(files).size();

    // Pause as soon as records flow, restart the task (its final commit records where it
    // stopped), check that point is inside the file, resume.
    readTopics(connect, Set.of(name), 1, TIMEOUT, Duration.ZERO, false);
    connect.pauseConnector(name);
    connect.assertions().assertConnectorAndExactlyNumTasksArePaused(name, 1, "paused");
    connect.restartTask(name, 0);
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(connect.connectorOffsets(name).offsets())
        .anySatisfy(o -> assertThat(o.offset()).containsKeys("file", "record")));
    connect.resumeConnector(name);

    // Reconfiguring without the throttle restarts the task again, mid-file; then the whole
    // connector restarts half way through.
    readTopics(connect, Set.of(name), 200, TIMEOUT, Duration.ZERO, false);
    connect.configureConnector(name, fast);
    readTopics(connect, Set.of(name), total / 2, TIMEOUT, Duration.ZERO, false);
    connect.restartConnectorAndTasks(name, false, true, false);
    List<ConsumerRecord<byte[], byte[]>> got = readTopics(connect, Set.of(name), total, TIMEOUT, QUIET, false);
    assertThat(insertIds(got)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expectedIds(files));
    connect.deleteConnector(name);
  }

  @Test
  void offsetsSetThroughRestResumeAtThatRecord() throws Exception {
    Path root = Files.createDirectories(dir.resolve("bucket"));
    CurrentsBucketGenerator gen = CurrentsBucketGenerator.builder(new FolderSink(root)).seed(25).build();
    GeneratedFile f = gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(2)).withRecords(100)
        .withIdMix(IdMix.ALL_IDENTIFIED));
    String name = "offsets";
    connect.configureConnector(name, sourceConfig(root, name));
    readTopics(connect, Set.of(name), 100, TIMEOUT, QUIET, false);
    await().atMost(TIMEOUT).until(() -> connect.connectorOffsets(name).offsets().stream()
        .anyMatch(o -> o.offset().containsKey("done") && !((String) o.offset().get("done")).isEmpty()));
    ConnectorOffset stored = connect.connectorOffsets(name).offsets().get(0);
    assertThat(stored.partition()).containsOnlyKeys("folder", "hour");

    connect.stopConnector(name);
    connect.assertions().assertConnectorIsStopped(name, "stopped");
    Map<String, Object> offset = new HashMap<>();
    offset.put("done", "");
    offset.put("file", f.key());
    offset.put("record", 60);
    connect.alterSourceConnectorOffset(name, stored.partition(), offset);
    connect.resumeConnector(name);
    List<ConsumerRecord<byte[], byte[]>> got = readTopics(connect, Set.of(name), 140, TIMEOUT, QUIET, false);
    List<String> fileIds = f.records().stream().map(r -> r.get("id").toString()).toList();
    Map<String, Integer> seen = new HashMap<>();
    insertIds(got).forEach(id -> seen.merge(id, 1, Integer::sum));
    assertThat(got).hasSize(140);
    for (int i = 0; i < 100; i++) {
      // records 60.. were read again from where the offset pointed; none before it
      assertThat(seen.get(fileIds.get(i))).as("record %d", i).isEqualTo(i < 60 ? 1 : 2);
    }
    connect.deleteConnector(name);
  }

  @Test
  void invalidConfigsAreReportedOnTheirKeysThroughRest() throws Exception {
    Map<String, String> c = sourceConfig(dir, "x");
    c.put("name", "invalid");
    c.put("currents.event.types.include", "users.(behaviors");
    c.put("currents.start.hour", "2024-13-01-00");
    c.put("topic", "a/${event}");
    c.put("output.format", "avro");
    // Plain REST (not the test kit's entity classes, which differ between Kafka 3.x and 4.x).
    JsonNode infos = new ConnectRest(connect).validate(CurrentsSourceConnector.class.getSimpleName(), c);
    Map<String, List<String>> errors = new HashMap<>();
    for (JsonNode i : infos.get("configs")) {
      JsonNode value = i.get("value");
      if (!value.get("errors").isEmpty()) {
        List<String> messages = new ArrayList<>();
        value.get("errors").forEach(e -> messages.add(e.asText()));
        errors.put(value.get("name").asText(), messages);
      }
    }
    assertThat(errors).containsOnlyKeys(
        "currents.event.types.include", "currents.start.hour", "topic", "output.format");
    assertThat(errors.get("currents.event.types.include").get(0)).contains("not a valid regular expression");
    assertThat(infos.get("error_count").asInt()).isEqualTo(4);
  }
}
