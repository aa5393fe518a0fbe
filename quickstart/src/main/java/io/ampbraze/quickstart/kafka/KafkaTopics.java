package io.ampbraze.quickstart.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The few admin and read operations the quickstart needs on its broker. */
public final class KafkaTopics implements AutoCloseable {
  private static final long TIMEOUT_S = 30;

  private final String bootstrapServers;
  private final Admin admin;

  public KafkaTopics(Map<String, Object> adminConfig) {
    this.bootstrapServers = (String) adminConfig.get("bootstrap.servers");
    this.admin = Admin.create(adminConfig);
  }

  /** Creates the topics that do not exist yet. */
  public void create(Collection<String> topics, int partitions)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<NewTopic> newTopics = new ArrayList<>();
    for (String topic : topics) {
      newTopics.add(new NewTopic(topic, partitions, (short) 1));
    }
    for (var result : admin.createTopics(newTopics).values().values()) {
      try {
        result.get(TIMEOUT_S, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
  }

  /** The latest offset of every partition of these topics. */
  public Map<TopicPartition, Long> endOffsets(Collection<String> topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<String, TopicDescription> descriptions =
        admin.describeTopics(topics).allTopicNames().get(TIMEOUT_S, TimeUnit.SECONDS);
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    descriptions
        .values()
        .forEach(
            d ->
                d.partitions()
                    .forEach(
                        p ->
                            request.put(
                                new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
    Map<TopicPartition, Long> ends = new HashMap<>();
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answer =
        admin.listOffsets(request).all().get(TIMEOUT_S, TimeUnit.SECONDS);
    answer.forEach((partition, info) -> ends.put(partition, info.offset()));
    return ends;
  }

  /** Records in these topics (the sum of their end offsets; the quickstart never deletes any). */
  public long recordCount(Collection<String> topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    return endOffsets(topics).values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * How far a sink connector's consumer group ({@code connect-<name>}) has committed on these
   * topics: the committed offsets summed over their partitions.
   */
  public long committed(String group, Collection<String> topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    Set<String> wanted = Set.copyOf(topics);
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin
            .listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata()
            .get(TIMEOUT_S, TimeUnit.SECONDS);
    return offsets.entrySet().stream()
        .filter(e -> wanted.contains(e.getKey().topic()) && e.getValue() != null)
        .mapToLong(e -> e.getValue().offset())
        .sum();
  }

  /** Every record a topic holds right now, in partition order, as strings. */
  public List<ConsumerRecord<String, String>> readAll(String topic)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<TopicPartition, Long> ends = endOffsets(List.of(topic));
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    if (ends.values().stream().allMatch(end -> end == 0)) {
      return records;
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(ends.keySet());
      consumer.seekToBeginning(ends.keySet());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
      while (!reachedEnd(consumer, ends)) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException("Reading " + topic + " did not reach its end offsets " + ends);
        }
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
    }
    return records;
  }

  private static boolean reachedEnd(
      KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      if (consumer.position(end.getKey()) < end.getValue()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(10));
  }
}
