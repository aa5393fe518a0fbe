package io.ampbraze.connect.currents;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.management.ObjectName;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ampbraze.connect.currents.metrics.SourceTaskMetrics;
import io.ampbraze.testkit.currents.GeneratedFile;

/** What the integration tests share: connector configs, reading topics, reading task metrics. */
final class ConnectItSupport {
  static final ObjectMapper JSON = new ObjectMapper();

  private ConnectItSupport() {}

  /** The start of the hour {@code n} hours before this one. */
  static Instant hoursAgo(int n) {
    return Instant.now().truncatedTo(ChronoUnit.HOURS).minus(n, ChronoUnit.HOURS);
  }

  /** A source config through the REST API: local storage, quick polling, plain JSON values. */
  static Map<String, String> sourceConfig(Path root, String topic) {
    Map<String, String> c = baseConfig(topic);
    c.put("currents.storage", "local");
    c.put("currents.local.root", root.toString());
    return c;
  }

  /** As {@link #sourceConfig} but without the storage keys: the caller picks the store. */
  static Map<String, String> baseConfig(String topic) {
    Map<String, String> c = new HashMap<>();
    c.put("connector.class", CurrentsSourceConnector.class.getName());
    c.put("tasks.max", "1");
    c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    c.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    c.put("value.converter.schemas.enable", "false");
    c.put("currents.prefix", "currents");
    c.put("currents.poll.interval.ms", "1000");
    c.put("currents.discovery.interval.ms", "1000");
    c.put("currents.batch.size", "100");
    c.put("topic", topic);
    // Let the worker create the topics (one per event type with ${event_type}).
    c.put("topic.creation.default.replication.factor", "1");
    c.put("topic.creation.default.partitions", "2");
    return c;
  }

  /**
   * Reads the topics from the beginning until at least {@code atLeast} records are there (or the
   * timeout passes), then on until no more arrive for {@code quiet}.
   */
  static List<ConsumerRecord<byte[], byte[]>> readTopics(
      EmbeddedConnectCluster connect,
      Set<String> topics,
      int atLeast,
      Duration timeout,
      Duration quiet,
      boolean readCommitted) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = connect.kafka().createConsumer(props)) {
      Instant deadline = Instant.now().plus(timeout);
      List<TopicPartition> assigned = new ArrayList<>();
      Instant lastRecord = Instant.now();
      while (Instant.now().isBefore(deadline)) {
        List<TopicPartition> parts = partitions(consumer, topics);
        if (!parts.equals(assigned)) {
          consumer.assign(parts);
          List<TopicPartition> fresh = new ArrayList<>(parts);
          fresh.removeAll(assigned);
          consumer.seekToBeginning(fresh);
          assigned = parts;
        }
        if (assigned.isEmpty()) {
          sleep(200); // the connector has not created its topics yet
          continue;
        }
        int before = out.size();
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
        if (out.size() > before) {
          lastRecord = Instant.now();
        }
        if (out.size() >= atLeast && Duration.between(lastRecord, Instant.now()).compareTo(quiet) >= 0) {
          break;
        }
      }
    }
    return out;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, Set<String> topics) {
    List<TopicPartition> out = new ArrayList<>();
    Map<String, List<PartitionInfo>> all = consumer.listTopics(Duration.ofSeconds(5));
    for (String t : topics.stream().sorted().toList()) {
      for (PartitionInfo p : all.getOrDefault(t, List.of())) {
        out.add(new TopicPartition(t, p.partition()));
      }
    }
    return out;
  }

  static JsonNode value(ConsumerRecord<byte[], byte[]> r) {
    try {
      return JSON.readTree(new String(r.value(), StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + new String(r.value(), StandardCharsets.UTF_8), e);
    }
  }

  static String key(ConsumerRecord<byte[], byte[]> r) {
    return r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
  }

  static List<String> insertIds(List<ConsumerRecord<byte[], byte[]>> records) {
    return records.stream().map(r -> value(r).get("insert_id").asText()).collect(Collectors.toList());
  }

  static long taskMetric(String connector, int task, String attribute) throws Exception {
    return (Long) taskAttribute(connector, task, attribute);
  }

  /** Any attribute of a running task's metrics MBean (the worker runs in this JVM). */
  static Object taskAttribute(String connector, int task, String attribute) throws Exception {
    ObjectName name = SourceTaskMetrics.objectName(connector, task);
    return ManagementFactory.getPlatformMBeanServer().getAttribute(name, attribute);
  }

  /** The ids of the records the connector must emit: readable ones with a user or device id. */
  static List<String> expectedIds(List<GeneratedFile> files) {
    List<String> out = new ArrayList<>();
    for (GeneratedFile f : files) {
      for (GenericRecord r : f.records()) {
        if (text(r, "external_user_id") != null || text(r, "device_id") != null) {
          out.add(r.get("id").toString());
        }
      }
    }
    return out;
  }

  /** A string field of a Currents record, null when the schema lacks it or it is blank. */
  static String text(GenericRecord r, String field) {
    Schema.Field f = r.getSchema().getField(field);
    Object v = f == null ? null : r.get(f.pos());
    return v == null || v.toString().isBlank() ? null : v.toString();
  }
}
