package io.ampbraze.quickstart.platform;

import io.ampbraze.quickstart.connect.ConnectRestClient;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A distributed Connect worker in its own JVM ({@code connect-distributed} on Kafka's jars), with
 * its JMX endpoint open on the loopback interface ({@link WorkerJmx}).
 */
public final class ConnectWorker implements AutoCloseable {
  private final URI url;
  private final JavaProcess process;
  private final WorkerJmx jmx;

  private ConnectWorker(URI url, JavaProcess process, WorkerJmx jmx) {
    this.url = url;
    this.process = process;
    this.jmx = jmx;
  }

  /**
   * Writes {@code connect-distributed.properties} and starts the worker; returns once its REST API
   * answers.
   *
   * @param overrides worker settings added to or replacing {@link WorkerProperties}'s
   */
  public static ConnectWorker start(
      KafkaRuntime runtime,
      RunFolder run,
      Path log4jConfig,
      String bootstrapServers,
      Map<String, String> overrides,
      Duration timeout)
      throws IOException, InterruptedException {
    int restPort = FreePorts.next();
    Properties props = new Properties();
    props.putAll(
        WorkerProperties.of(
            bootstrapServers,
            "127.0.0.1",
            restPort,
            run.plugins().toString(),
            run.secrets().toString()));
    props.putAll(overrides);
    Path config = run.config().resolve("connect-distributed.properties");
    try (Writer out = Files.newBufferedWriter(config)) {
      props.store(out, "Distributed Connect worker written by the quickstart");
    }

    WorkerJmx jmx = new WorkerJmx(FreePorts.next());
    List<String> jvmOptions = new ArrayList<>(Log4jConfig.jvmOptions(log4jConfig, "768m"));
    jvmOptions.addAll(jmx.jvmOptions());
    JavaProcess process =
        JavaProcess.start(
            "connect worker",
            runtime.classpath(),
            jvmOptions,
            "org.apache.kafka.connect.cli.ConnectDistributed",
            List.of(config.toString()),
            run.logs().resolve("connect.log"));
    ConnectWorker worker =
        new ConnectWorker(URI.create("http://127.0.0.1:" + restPort + "/"), process, jmx);
    try {
      worker
          .rest()
          .awaitReady(
              timeout,
              () -> {
                if (!process.isAlive()) {
                  throw new IllegalStateException(
                      "The Connect worker exited during startup; see " + process.log());
                }
              });
    } catch (RuntimeException | InterruptedException e) {
      worker.close();
      throw e;
    }
    return worker;
  }

  public URI url() {
    return url;
  }

  public ConnectRestClient rest() {
    return new ConnectRestClient(url);
  }

  public JavaProcess process() {
    return process;
  }

  /** The worker JVM's JMX endpoint, where the connectors register their metrics MBeans. */
  public WorkerJmx jmx() {
    return jmx;
  }

  @Override
  public void close() {
    process.close();
  }
}
