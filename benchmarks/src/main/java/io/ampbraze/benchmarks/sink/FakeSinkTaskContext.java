package io.ampbraze.benchmarks.sink;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * The worker's side of one sink task, as far as the benchmarks need it: the assignment, the
 * paused partitions (the simulated consumer skips them), the poll timeout the task asks for,
 * and an errant record reporter that counts.
 */
final class FakeSinkTaskContext implements SinkTaskContext {
  private final Map<String, String> configs;
  private final Set<TopicPartition> assignment;
  private final Set<TopicPartition> paused = ConcurrentHashMap.newKeySet();
  private final AtomicLong reported = new AtomicLong();
  private final AtomicLong pauseCalls = new AtomicLong();
  private long timeoutMs = -1;

  FakeSinkTaskContext(Map<String, String> configs, Set<TopicPartition> assignment) {
    this.configs = configs;
    this.assignment = Set.copyOf(assignment);
  }

  @Override
  public Map<String, String> configs() {
    return configs;
  }

  @Override
  public void offset(Map<TopicPartition, Long> offsets) {
    throw new UnsupportedOperationException("the benchmark consumer does not rewind");
  }

  @Override
  public void offset(TopicPartition tp, long offset) {
    throw new UnsupportedOperationException("the benchmark consumer does not rewind");
  }

  @Override
  public void timeout(long timeoutMs) {
    this.timeoutMs = timeoutMs;
  }

  /** The timeout the task asked for since the last poll, or -1; resets it (as the worker does). */
  long takeTimeout() {
    long t = timeoutMs;
    timeoutMs = -1;
    return t;
  }

  @Override
  public Set<TopicPartition> assignment() {
    return assignment;
  }

  @Override
  public void pause(TopicPartition... partitions) {
    pauseCalls.incrementAndGet();
    paused.addAll(Arrays.asList(partitions));
  }

  @Override
  public void resume(TopicPartition... partitions) {
    Arrays.asList(partitions).forEach(paused::remove);
  }

  boolean isPaused(TopicPartition tp) {
    return paused.contains(tp);
  }

  @Override
  public void requestCommit() {
    // The simulated worker commits on its own interval.
  }

  @Override
  public ErrantRecordReporter errantRecordReporter() {
    return this::report;
  }

  private Future<Void> report(SinkRecord record, Throwable error) {
    reported.incrementAndGet();
    return CompletableFuture.completedFuture(null);
  }

  long reportedRecords() {
    return reported.get();
  }

  @Override
  public PluginMetrics pluginMetrics() {
    return null; // the sink registers its own MBean (Connect 3.6 has no plugin metrics)
  }
}
