package io.ampbraze.quickstart.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real single-node Kafka cluster with a distributed Connect worker, each in its own JVM, with the
 * plugin archives installed on the worker's plugin.path. The quickstart and the tests that check
 * the plugins on a real worker both run on it.
 */
public final class LocalKafkaPlatform implements AutoCloseable {
  private static final Duration BROKER_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration WORKER_TIMEOUT = Duration.ofMinutes(3);

  private final RunFolder run;
  private final KafkaRuntime runtime;
  private final List<AutoCloseable> started = new ArrayList<>();
  private volatile KafkaBroker broker;
  private volatile ConnectWorker worker;
  private boolean closed;

  public LocalKafkaPlatform(RunFolder run, KafkaRuntime runtime) {
    this.run = run;
    this.runtime = runtime;
  }

  /**
   * Starts the broker, installs the archives found under {@code projectDir}, starts the worker. On
   * failure, whatever was started is stopped again before the exception propagates; {@link
   * #close()} may be called from another thread meanwhile (a shutdown hook) and stops the rest.
   *
   * @param workerOverrides worker settings beyond {@link WorkerProperties}'s
   */
  public void start(Path projectDir, Map<String, String> workerOverrides, Progress progress)
      throws Exception {
    try {
      Path log4j = Log4jConfig.write(run.config());
      broker =
          track(
              progress.step(
                  "Starting a Kafka " + runtime.version() + " broker (KRaft, single node)",
                  () -> KafkaBroker.start(runtime, run, log4j, BROKER_TIMEOUT)));
      progress.detail(
          "bootstrap servers " + broker.bootstrapServers() + ", log " + broker.process().log());

      progress.step(
          "Installing the plugin archives on the worker's plugin.path",
          () -> {
            for (Path archive : PluginArchives.find(projectDir)) {
              Path plugin = PluginArchives.install(archive, run.plugins());
              progress.detail(projectDir.relativize(archive) + " -> " + plugin);
            }
            return null;
          });

      worker =
          track(
              progress.step(
                  "Starting a distributed Connect worker",
                  () ->
                      ConnectWorker.start(
                          runtime,
                          run,
                          log4j,
                          broker.bootstrapServers(),
                          workerOverrides,
                          WORKER_TIMEOUT)));
      progress.detail("REST API " + worker.url() + ", log " + worker.process().log());
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  private synchronized <T extends AutoCloseable> T track(T started) throws Exception {
    if (closed) {
      started.close();
      throw new IllegalStateException("The platform was stopped while it was starting");
    }
    this.started.add(started);
    return started;
  }

  public RunFolder run() {
    return run;
  }

  public KafkaBroker broker() {
    return broker;
  }

  public ConnectWorker worker() {
    return worker;
  }

  /** Stops the worker first (it commits offsets and leaves its group), then the broker. */
  @Override
  public synchronized void close() {
    closed = true;
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        System.err.println("Stopping the platform failed: " + e);
      }
    }
    started.clear();
  }
}
