package io.ampbraze.connect.braze;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/** An embedded KRaft broker and Connect worker for the sink's integration tests. */
final class SinkCluster implements AutoCloseable {
  final EmbeddedConnectCluster connect;

  SinkCluster(String name) {
    Map<String, String> worker = new HashMap<>();
    worker.put(WorkerConfig.OFFSET_COMMIT_INTERVAL_MS_CONFIG, "1000");
    connect =
        new EmbeddedConnectCluster.Builder()
            .name(name)
            .numWorkers(1)
            .workerProps(worker)
            .brokerProps(new Properties())
            .build();
    connect.start();
  }

  void createTopic(String topic, int partitions) {
    connect.kafka().createTopic(topic, partitions);
  }

  /** Produces keyed values with a batching producer (the embedded helper sends one by one). */
  void produce(String topic, List<String[]> keyValues) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<byte[], byte[]> producer = connect.kafka().createProducer(props)) {
      for (String[] kv : keyValues) {
        producer.send(
            new ProducerRecord<>(
                topic,
                kv[0] == null ? null : kv[0].getBytes(StandardCharsets.UTF_8),
                kv[1] == null ? null : kv[1].getBytes(StandardCharsets.UTF_8)));
      }
      producer.flush();
    }
  }

  /** Every record of a topic (all partitions), read from the beginning. */
  List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int partitions) throws Exception {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + System.nanoTime());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<TopicPartition> tps = new ArrayList<>();
    long total = 0;
    for (int p = 0; p < partitions; p++) {
      TopicPartition tp = new TopicPartition(topic, p);
      tps.add(tp);
      total += connect.kafka().endOffset(tp);
    }
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = connect.kafka().createConsumer(props)) {
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (out.size() < total && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(out::add);
      }
    }
    return out;
  }

  /** The end offset of every partition of a topic. */
  Map<TopicPartition, Long> endOffsets(String topic, int partitions) throws Exception {
    Map<TopicPartition, OffsetSpec> spec = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      spec.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    Map<TopicPartition, Long> out = new HashMap<>();
    try (Admin admin = connect.kafka().createAdminClient()) {
      for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e :
          admin.listOffsets(spec).all().get(30, TimeUnit.SECONDS).entrySet()) {
        out.put(e.getKey(), e.getValue().offset());
      }
    }
    return out;
  }

  /** The sink connector's committed consumer-group offsets. */
  Map<TopicPartition, Long> committedOffsets(String connector) throws Exception {
    Map<TopicPartition, Long> out = new HashMap<>();
    try (Admin admin = connect.kafka().createAdminClient()) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets("connect-" + connector).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
      offsets.forEach((tp, o) -> {
        if (o != null) {
          out.put(tp, o.offset());
        }
      });
    }
    return out;
  }

  static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  /** Config shared by the ITs' connectors. */
  static Map<String, String> sinkConfig(String topics, String brazeUrl, String apiKey) {
    Map<String, String> c = new HashMap<>();
    c.put("connector.class", BrazeSinkConnector.class.getName());
    c.put("topics", topics);
    c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    c.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    c.put("value.converter.schemas.enable", "false");
    c.put("braze.rest.url", brazeUrl);
    c.put("braze.allow.http", "true");
    c.put("braze.api.key", apiKey);
    c.put("braze.linger.ms", "50");
    c.put("braze.retry.backoff.ms", "50");
    c.put("braze.retry.backoff.max.ms", "1000");
    return c;
  }

  @Override
  public void close() {
    connect.stop();
  }
}
