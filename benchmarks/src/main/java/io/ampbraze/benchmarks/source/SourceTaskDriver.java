package io.ampbraze.benchmarks.source;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import io.ampbraze.connect.currents.CurrentsSourceConnector;
import io.ampbraze.connect.currents.CurrentsSourceTask;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Plays Connect's WorkerSourceTask for one Currents source task: poll() in a loop, then for
 * every returned record what the worker does once the producer has acknowledged it
 * ({@code commitRecord}) and what its offset commit keeps (the record's source offset, for a
 * later restart); {@code commit()} every few seconds. No converter or producer runs: the
 * figures are the plugin's own.
 */
final class SourceTaskDriver implements AutoCloseable {
  private static final AtomicInteger RUNS = new AtomicInteger();
  private static final long COMMIT_INTERVAL_MS = 5_000;

  final String name;
  final CurrentsSourceTask task = new CurrentsSourceTask();
  final SourceTaskMetrics metrics;
  final FakeSourceTaskContext.InMemoryOffsets offsets;
  private final AtomicLong returned = new AtomicLong();
  private long nextCommit;

  SourceTaskDriver(Map<String, String> props, FakeSourceTaskContext.InMemoryOffsets offsets) {
    this.name = "bench-source-" + RUNS.incrementAndGet();
    this.offsets = offsets;
    Map<String, String> connectorProps = new HashMap<>(props);
    connectorProps.put("name", name);
    connectorProps.put("connector.class", CurrentsSourceConnector.class.getName());
    CurrentsSourceConnector connector = new CurrentsSourceConnector();
    connector.start(connectorProps);
    Map<String, String> taskProps = connector.taskConfigs(1).get(0);
    connector.stop();
    task.initialize(new FakeSourceTaskContext(taskProps, offsets));
    task.start(taskProps);
    metrics = new SourceTaskMetrics(name, 0);
    nextCommit = System.currentTimeMillis() + COMMIT_INTERVAL_MS;
  }

  /** One poll, with the worker's follow-up for each returned record. */
  int pollOnce() throws InterruptedException {
    List<SourceRecord> records = task.poll();
    int n = 0;
    if (records != null) {
      for (SourceRecord r : records) {
        task.commitRecord(r, null);
        offsets.commit(r.sourcePartition(), r.sourceOffset());
      }
      n = records.size();
      returned.addAndGet(n);
    }
    long now = System.currentTimeMillis();
    if (now >= nextCommit) {
      task.commit();
      nextCommit = now + COMMIT_INTERVAL_MS;
    }
    return n;
  }

  /** Polls until {@code done} is true, or throws after {@code timeoutMs}. */
  void pollUntil(BooleanSupplier done, long timeoutMs) throws InterruptedException {
    long end = System.currentTimeMillis() + timeoutMs;
    while (!done.getAsBoolean()) {
      if (System.currentTimeMillis() > end) {
        throw new IllegalStateException("the source task did not get there within " + timeoutMs + " ms: " + metrics.read());
      }
      pollOnce();
    }
  }

  long returnedRecords() {
    return returned.get();
  }

  @Override
  public void close() {
    task.commit();
    task.stop();
  }
}
