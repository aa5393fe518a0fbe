package io.ampbraze.connect.currents;

import static io.ampbraze.connect.currents.ConnectItSupport.insertIds;
import static io.ampbraze.connect.currents.ConnectItSupport.readTopics;
import static io.ampbraze.connect.currents.ConnectItSupport.sourceConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ampbraze.testkit.currents.Codec;
import io.ampbraze.testkit.currents.CurrentsBucketGenerator;
import io.ampbraze.testkit.currents.CurrentsEventType;
import io.ampbraze.testkit.currents.FileSpec;
import io.ampbraze.testkit.currents.FolderSink;
import io.ampbraze.testkit.currents.GeneratedFile;
import io.ampbraze.testkit.currents.IdMix;

/** With a worker at exactly.once.source.support=enabled, restarts leave no duplicate behind. */
class CurrentsSourceExactlyOnceIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static EmbeddedConnectCluster connect;

  @TempDir Path root;

  @BeforeAll
  static void start() {
    Properties broker = new Properties();
    broker.put("transaction.state.log.replication.factor", "1");
    broker.put("transaction.state.log.min.isr", "1");
    Map<String, String> worker = new HashMap<>();
    worker.put("exactly.once.source.support", "enabled");
    worker.put("offset.flush.interval.ms", "500");
    connect =
        new EmbeddedConnectCluster.Builder()
            .name("currents-eos-it")
            .numWorkers(1)
            .brokerProps(broker)
            .workerProps(worker)
            .build();
    connect.start();
  }

  @AfterAll
  static void stop() {
    connect.stop();
  }

  @Test
  void everyRecordOnceAcrossRestartsWithReadCommitted() throws Exception {
    CurrentsBucketGenerator gen = CurrentsBucketGenerator.builder(new FolderSink(root)).seed(31).build();
    Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
    List<GeneratedFile> files = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      files.add(gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hour).withRecords(5000)
          .withRecordsPerBlock(500).withCodec(Codec.SNAPPY).withIdMix(IdMix.ALL_IDENTIFIED)));
    }
    files.add(gen.write(FileSpec.of(CurrentsEventType.EMAIL_SEND, hour.minus(1, ChronoUnit.HOURS))
        .withRecords(3000).withRecordsPerBlock(500).withIdMix(IdMix.ALL_IDENTIFIED)));
    List<String> expected = new ArrayList<>();
    for (GeneratedFile f : files) {
      for (GenericRecord r : f.records()) {
        expected.add(r.get("id").toString());
      }
    }

    String name = "eos";
    Map<String, String> c = sourceConfig(root, name);
    c.put("exactly.once.support", "required");
    c.put("transaction.boundary", "poll");
    c.put("currents.batch.size", "25");
    connect.configureConnector(name, c);
    connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "eos connector runs");

    awaitCommitted(name, 1);
    connect.restartTask(name, 0);
    awaitCommitted(name, expected.size() / 3);
    connect.restartConnectorAndTasks(name, false, true, false);
    awaitCommitted(name, expected.size() * 2 / 3);
    connect.stopConnector(name);
    connect.assertions().assertConnectorIsStopped(name, "stopped");
    connect.resumeConnector(name);

    List<ConsumerRecord<byte[], byte[]>> got =
        readTopics(connect, Set.of(name), expected.size(), TIMEOUT, Duration.ofSeconds(3), true);
    assertThat(insertIds(got)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
    connect.deleteConnector(name);
  }

  /**
   * Waits until the topic holds {@code atLeast} committed records. A task restarted while its
   * predecessor's transaction is still being completed can be failed by the broker's transaction
   * coordinator (InvalidTxnStateException/ProducerFencedException from the worker's producer, seen
   * rarely on Kafka 4.x); that transaction is aborted, so an operator's task restart loses and
   * duplicates nothing, and this test does what the operator would. Any other failure fails it.
   */
  private static void awaitCommitted(String name, int atLeast) throws Exception {
    ConnectRest rest = new ConnectRest(connect);
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (readTopics(connect, Set.of(name), atLeast, Duration.ofSeconds(5), Duration.ZERO, true).size()
          >= atLeast) {
        return;
      }
      // Plain REST, not the test kit's status classes, which differ between Kafka 3.x and 4.x.
      JsonNode task = rest.taskStatus(name, 0);
      if ("FAILED".equals(task.path("state").asText())) {
        assertThat(task.path("trace").asText())
            .as("only the transaction coordinator's fencing of a restarted task is tolerated")
            .containsAnyOf("InvalidTxnStateException", "ProducerFencedException");
        rest.restartTask(name, 0);
      }
      Thread.sleep(200);
    }
    throw new AssertionError("fewer than " + atLeast + " committed records after " + TIMEOUT);
  }
}
