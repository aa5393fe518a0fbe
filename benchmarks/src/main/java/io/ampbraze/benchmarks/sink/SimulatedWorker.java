package io.ampbraze.benchmarks.sink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Plays Connect's WorkerSinkTask loop for one task on its own thread, against a consumer whose
 * records are already fetched: poll up to {@code max.poll.records} from the partitions that are
 * not paused (blocking for the poll timeout when there is nothing to return, as KafkaConsumer
 * does), hand them to {@code put()} (also when empty), and call {@code preCommit()} every
 * {@code offset.flush.interval.ms}. The poll timeout is the time to the next commit, shortened
 * by {@code context.timeout()} for one poll, exactly as the worker computes it.
 *
 * <p>Two load models: backlog (every partition always has records: the topic is behind) and an
 * offered rate (records arrive at a steady rate spread over the task's partitions). Optionally
 * probes acknowledgements every few milliseconds for {@link AckLatency} without calling put()
 * more often than the worker would.
 */
final class SimulatedWorker implements Runnable {
  /** How the worker behaves. */
  record Settings(int maxPollRecords, long commitIntervalMs, long probeIntervalMs, double offeredRecordsPerSecond) {}

  private final ProbedBrazeSinkTask task;
  private final FakeSinkTaskContext context;
  private final AmplitudeRecordPool pool;
  private final int[] partitions;
  private final TopicPartition[] tps;
  private final long[] position;
  private final Settings settings;
  private final AckLatency latency;
  private final AtomicLong putRecords = new AtomicLong();
  private final AtomicLong commits = new AtomicLong();
  private volatile boolean stopping;
  private volatile Throwable failure;
  private long startNanos;
  private long nextProbeNanos;
  private int rotate;

  SimulatedWorker(
      ProbedBrazeSinkTask task,
      FakeSinkTaskContext context,
      AmplitudeRecordPool pool,
      List<Integer> partitions,
      Settings settings,
      AckLatency latency) {
    this.task = task;
    this.context = context;
    this.pool = pool;
    this.partitions = partitions.stream().mapToInt(Integer::intValue).toArray();
    this.tps = new TopicPartition[this.partitions.length];
    for (int i = 0; i < this.partitions.length; i++) {
      tps[i] = new TopicPartition(AmplitudeRecordPool.TOPIC, this.partitions[i]);
    }
    this.position = new long[this.partitions.length];
    this.settings = settings;
    this.latency = latency;
  }

  @Override
  public void run() {
    try {
      task.open(List.of(tps));
      startNanos = System.nanoTime();
      nextProbeNanos = startNanos;
      long nextCommit = System.currentTimeMillis() + settings.commitIntervalMs();
      while (!stopping) {
        long now = System.currentTimeMillis();
        if (now >= nextCommit) {
          task.preCommit(currentOffsets());
          commits.incrementAndGet();
          nextCommit = now + settings.commitIntervalMs();
        }
        probeIfDue();
        long timeout = Math.max(0, nextCommit - now);
        long asked = context.takeTimeout();
        if (asked > 0) {
          timeout = Math.min(timeout, asked);
        }
        List<SinkRecord> batch = poll(timeout);
        task.put(batch);
        putRecords.addAndGet(batch.size());
      }
    } catch (Throwable t) {
      failure = t;
    }
  }

  /** Stops the loop after the current put (the caller joins the thread, then stops the task). */
  void stop() {
    stopping = true;
  }

  Throwable failure() {
    return failure;
  }

  long putRecords() {
    return putRecords.get();
  }

  long commits() {
    return commits.get();
  }

  private List<SinkRecord> poll(long timeoutMs) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (true) {
      List<SinkRecord> batch = fetch();
      long now = System.nanoTime();
      if (!batch.isEmpty() || now >= deadline || stopping) {
        return batch;
      }
      // Nothing to return: KafkaConsumer blocks until records arrive or the timeout passes.
      long wakeAt = deadline;
      if (settings.probeIntervalMs() > 0) {
        wakeAt = Math.min(wakeAt, nextProbeNanos);
      }
      if (settings.offeredRecordsPerSecond() > 0) {
        wakeAt = Math.min(wakeAt, now + 1_000_000); // new records arrive continuously
      }
      LockSupport.parkNanos(Math.max(100_000, wakeAt - now));
      probeIfDue();
    }
  }

  private List<SinkRecord> fetch() {
    List<SinkRecord> batch = new ArrayList<>(settings.maxPollRecords());
    int n = partitions.length;
    int share = Math.max(1, (settings.maxPollRecords() + n - 1) / n);
    long now = System.nanoTime();
    long putAt = now;
    for (int k = 0; k < n && batch.size() < settings.maxPollRecords(); k++) {
      int i = (rotate + k) % n;
      if (context.isPaused(tps[i])) {
        continue;
      }
      long available = settings.offeredRecordsPerSecond() > 0 ? produced(i, now) - position[i] : Long.MAX_VALUE;
      long take = Math.min(available, Math.min(share, settings.maxPollRecords() - batch.size()));
      for (long t = 0; t < take; t++) {
        batch.add(pool.record(partitions[i], position[i]));
        if (latency != null) {
          latency.put(partitions[i], position[i], putAt);
        }
        position[i]++;
      }
    }
    rotate++;
    return batch;
  }

  /** Records produced into the task's i-th partition by now, under the offered rate. */
  private long produced(int i, long nowNanos) {
    double perPartition = settings.offeredRecordsPerSecond() / partitions.length;
    return (long) ((nowNanos - startNanos) / 1e9 * perPartition);
  }

  private void probeIfDue() {
    if (latency == null || settings.probeIntervalMs() <= 0) {
      return;
    }
    long now = System.nanoTime();
    if (now < nextProbeNanos) {
      return;
    }
    nextProbeNanos = now + TimeUnit.MILLISECONDS.toNanos(settings.probeIntervalMs());
    Map<TopicPartition, OffsetAndMetadata> acked = task.probe(currentOffsets());
    long at = System.nanoTime();
    for (int i = 0; i < tps.length; i++) {
      OffsetAndMetadata o = acked.get(tps[i]);
      if (o != null) {
        latency.acknowledged(partitions[i], o.offset(), at);
      }
    }
  }

  private Map<TopicPartition, OffsetAndMetadata> currentOffsets() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (int i = 0; i < tps.length; i++) {
      offsets.put(tps[i], new OffsetAndMetadata(position[i]));
    }
    return offsets;
  }
}
