package io.ampbraze.quickstart.platform;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft broker (combined broker and controller) in its own JVM, started the way
 * Kafka's scripts do it: {@code kafka-storage format} on a fresh log directory, then {@code
 * kafka-server-start}.
 */
public final class KafkaBroker implements AutoCloseable {
  private final int port;
  private final JavaProcess process;

  private KafkaBroker(int port, JavaProcess process) {
    this.port = port;
    this.process = process;
  }

  /** Formats the storage and starts the broker; returns once it answers an admin request. */
  public static KafkaBroker start(
      KafkaRuntime runtime, RunFolder run, Path log4jConfig, Duration timeout)
      throws IOException, InterruptedException {
    int port = FreePorts.next();
    int controllerPort = FreePorts.next();
    Path config = run.config().resolve("server.properties");
    writeConfig(config, port, controllerPort, run.brokerData());

    List<String> jvm = Log4jConfig.jvmOptions(log4jConfig, "512m");
    String clusterId = Uuid.randomUuid().toString();
    JavaProcess format =
        JavaProcess.start(
            "kafka-storage format",
            runtime.classpath(),
            jvm,
            "kafka.tools.StorageTool",
            List.of("format", "--cluster-id", clusterId, "--config", config.toString()),
            run.logs().resolve("kafka-storage-format.log"));
    int exit = format.awaitExit(timeout);
    if (exit != 0) {
      throw new IllegalStateException(
          "Formatting the KRaft storage failed (exit " + exit + "); see " + format.log());
    }

    JavaProcess broker =
        JavaProcess.start(
            "kafka broker",
            runtime.classpath(),
            jvm,
            "kafka.Kafka",
            List.of(config.toString()),
            run.logs().resolve("broker.log"));
    KafkaBroker started = new KafkaBroker(port, broker);
    try {
      started.awaitReady(timeout);
    } catch (RuntimeException | InterruptedException e) {
      started.close();
      throw e;
    }
    return started;
  }

  private static void writeConfig(Path file, int port, int controllerPort, Path dataDir)
      throws IOException {
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    props.put(
        "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    props.put("controller.listener.names", "CONTROLLER");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("log.dirs", dataDir.toString());
    props.put("num.partitions", "3");
    // One broker: every internal topic gets a single replica.
    props.put("offsets.topic.replication.factor", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    try (Writer out = Files.newBufferedWriter(file)) {
      props.store(out, "Single-node KRaft broker written by the quickstart");
    }
  }

  private void awaitReady(Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    Exception last = null;
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "The Kafka broker exited during startup; see " + process.log());
      }
      try (Admin admin = Admin.create(adminConfig())) {
        admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
        return;
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          throw (InterruptedException) e;
        }
        last = e;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(
        "The Kafka broker did not answer within "
            + timeout.toSeconds()
            + " s; see "
            + process.log(),
        last);
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** Client settings that reach this broker. */
  public Map<String, Object> adminConfig() {
    return Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
  }

  public JavaProcess process() {
    return process;
  }

  @Override
  public void close() {
    process.close();
  }
}
