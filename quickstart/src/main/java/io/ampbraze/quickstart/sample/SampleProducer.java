package io.ampbraze.quickstart.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes sample records to a topic, keyed so that one user's records share a partition. */
public final class SampleProducer implements AutoCloseable {
  private final KafkaProducer<String, String> producer;

  public SampleProducer(String bootstrapServers) {
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                5),
            new StringSerializer(),
            new StringSerializer());
  }

  /** Sends every record and waits until the broker has acknowledged all of them. */
  public int send(String topic, List<SampleRecord> records)
      throws InterruptedException, ExecutionException {
    List<Future<?>> acks = new ArrayList<>(records.size());
    for (SampleRecord record : records) {
      acks.add(producer.send(new ProducerRecord<>(topic, record.key(), record.value())));
    }
    producer.flush();
    for (Future<?> ack : acks) {
      ack.get();
    }
    return records.size();
  }

  @Override
  public void close() {
    producer.close();
  }
}
