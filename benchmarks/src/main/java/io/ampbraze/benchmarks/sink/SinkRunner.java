package io.ampbraze.benchmarks.sink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.ampbraze.benchmarks.common.CpuClock;
import io.ampbraze.benchmarks.common.HeapMonitor;
import io.ampbraze.connect.braze.BrazeSinkConnector;
import org.apache.kafka.common.TopicPartition;

/**
 * Runs one {@link SinkRunConfig} against a running emulator: starts the connector's tasks as
 * the worker would (initialize, start, open), drives each from its own {@link SimulatedWorker}
 * thread, warms up, measures, and stops them (close, stop). Returns the figures of the measured
 * interval, and the 429s of the whole run (warm-up included: a client that bursts does it at
 * the start).
 */
final class SinkRunner {
  private static final AtomicInteger RUNS = new AtomicInteger();
  static final int BATCH_CAPACITY = 75;

  private final EmulatorProcess emulator;
  private final AmplitudeRecordPool pool;

  private final Map<String, String> overrides;

  SinkRunner(EmulatorProcess emulator, AmplitudeRecordPool pool, Map<String, String> overrides) {
    this.emulator = emulator;
    this.pool = pool;
    this.overrides = overrides;
  }

  /** The connector properties of a run (what a user would PUT), before the connector splits them. */
  Map<String, String> connectorProps(String name, SinkRunConfig c) {
    Map<String, String> props = new HashMap<>();
    props.put("name", name);
    props.put("connector.class", BrazeSinkConnector.class.getName());
    props.put("tasks.max", Integer.toString(c.tasks()));
    props.put("topics", AmplitudeRecordPool.TOPIC);
    props.put("braze.rest.url", emulator.baseUrl());
    props.put("braze.api.key", EmulatorProcess.API_KEY);
    props.put("braze.allow.http", "true");
    props.put("braze.max.in.flight.requests", Integer.toString(c.maxInFlight()));
    props.put("braze.rate.limit.requests", Integer.toString(emulator.settings().rateLimitRequests()));
    props.put("braze.rate.limit.window.ms", Long.toString(emulator.settings().rateLimitWindowMs()));
    props.put("errors.tolerance", "all");
    props.putAll(c.extraProps());
    props.putAll(overrides);
    return props;
  }

  /** A started set of tasks with their worker threads. */
  final class Running implements AutoCloseable {
    final String name;
    final BrazeSinkConnector connector = new BrazeSinkConnector();
    final List<ProbedBrazeSinkTask> tasks = new ArrayList<>();
    final List<List<TopicPartition>> assignments = new ArrayList<>();
    final List<FakeSinkTaskContext> contexts = new ArrayList<>();
    final List<SimulatedWorker> workers = new ArrayList<>();
    final List<Thread> threads = new ArrayList<>();
    final AckLatency.Histogram histogram = new AckLatency.Histogram();
    final List<AckLatency> latencies = new ArrayList<>();
    final TaskMetrics metrics;

    Running(SinkRunConfig c) {
      this.name = "bench-" + RUNS.incrementAndGet();
      connector.start(connectorProps(name, c));
      List<Map<String, String>> taskConfigs = connector.taskConfigs(c.tasks());
      for (int i = 0; i < c.tasks(); i++) {
        List<Integer> parts = new ArrayList<>();
        Set<TopicPartition> tps = new HashSet<>();
        for (int p = i; p < pool.partitions(); p += c.tasks()) {
          parts.add(p);
          tps.add(new TopicPartition(AmplitudeRecordPool.TOPIC, p));
        }
        FakeSinkTaskContext context = new FakeSinkTaskContext(taskConfigs.get(i), tps);
        ProbedBrazeSinkTask task = new ProbedBrazeSinkTask();
        task.initialize(context);
        task.start(taskConfigs.get(i));
        AckLatency latency = c.probeIntervalMs() > 0 ? new AckLatency(pool.partitions(), histogram) : null;
        SimulatedWorker worker = new SimulatedWorker(
            task, context, pool, parts,
            new SimulatedWorker.Settings(500, c.commitIntervalMs(), c.probeIntervalMs(),
                c.offeredRecordsPerSecond() / c.tasks()),
            latency);
        tasks.add(task);
        assignments.add(new ArrayList<>(tps));
        contexts.add(context);
        workers.add(worker);
        latencies.add(latency);
        Thread t = new Thread(worker, "bench-worker-" + name + "-" + i);
        t.setDaemon(true);
        threads.add(t);
      }
      metrics = new TaskMetrics(name, c.tasks());
      threads.forEach(Thread::start);
    }

    void window(long fromNanos, long untilNanos) {
      latencies.forEach(l -> {
        if (l != null) {
          l.window(fromNanos, untilNanos);
        }
      });
    }

    void checkAlive() {
      for (SimulatedWorker w : workers) {
        if (w.failure() != null) {
          throw new IllegalStateException("a sink task failed: " + w.failure(), w.failure());
        }
      }
    }

    long putRecords() {
      return workers.stream().mapToLong(SimulatedWorker::putRecords).sum();
    }

    long commits() {
      return workers.stream().mapToLong(SimulatedWorker::commits).sum();
    }

    long reported() {
      return contexts.stream().mapToLong(FakeSinkTaskContext::reportedRecords).sum();
    }

    @Override
    public void close() throws InterruptedException {
      workers.forEach(SimulatedWorker::stop);
      for (Thread t : threads) {
        t.join(30_000);
      }
      for (int i = 0; i < tasks.size(); i++) {
        tasks.get(i).close(assignments.get(i));
        tasks.get(i).stop();
      }
      connector.stop();
    }
  }

  /** A snapshot of everything measured at one instant. */
  record Snapshot(
      long nanos,
      EmulatorProcess.Counters emulator,
      long emulatorCpu,
      TaskMetrics.Snapshot tasks,
      long processCpu,
      Map<Long, long[]> threadCpu,
      long[] machine,
      long putRecords) {}

  Snapshot snapshot(Running r) throws Exception {
    return new Snapshot(System.nanoTime(), emulator.counters(), emulator.cpuNanos(), r.metrics.read(),
        CpuClock.processCpuNanos(), ThreadGroups.cpuByThread(), CpuClock.machineJiffies(), r.putRecords());
  }

  /** Runs the configuration once and returns its figures. */
  Map<String, Double> run(SinkRunConfig c) throws Exception {
    // Start on a fresh rate-limit window: the previous run's requests must not count against this one.
    Thread.sleep(emulator.settings().rateLimitWindowMs() + 250);
    long baseline = HeapMonitor.liveAfterFullGc();
    EmulatorProcess.Counters atStart = emulator.counters();
    Map<String, Double> out = new LinkedHashMap<>();
    try (Running r = new Running(c)) {
      Thread.sleep(c.warmupMs());
      r.checkAlive();
      // Measure whole rate-limit windows, aligned to the emulator's (epoch-aligned, fixed)
      // windows: a measurement covering one window start more than another would count a
      // window's budget twice.
      long window = emulator.settings().rateLimitWindowMs();
      long measureMs = Math.max(window, (c.measureMs() + window - 1) / window * window);
      // (Runs without warm-up measure from the start instead.)
      long start = c.warmupMs() == 0 ? System.currentTimeMillis()
          : sleepUntil((System.currentTimeMillis() / window + 1) * window + 20);
      Snapshot a = snapshot(r);
      r.window(a.nanos(), a.nanos() + measureMs * 1_000_000L);
      GaugeSampler gauges = new GaugeSampler(r.metrics);
      HeapMonitor heap = new HeapMonitor();
      sleepUntil(start + measureMs);
      Snapshot b = snapshot(r);
      heap.close();
      gauges.close();
      r.checkAlive();
      long liveAtEnd = HeapMonitor.liveAfterFullGc();
      fill(out, c, a, b, heap, gauges, r);
      out.put("heap_baseline_mib", mib(baseline));
      out.put("heap_live_end_mib", mib(liveAtEnd));
      out.put("heap_retained_by_sink_mib", mib(liveAtEnd - baseline));
    }
    EmulatorProcess.Counters atEnd = emulator.counters();
    out.put("http_429_whole_run", (double) atEnd.minus(atStart).rateLimited());
    return out;
  }

  private static long sleepUntil(long epochMs) throws InterruptedException {
    long wait = epochMs - System.currentTimeMillis();
    if (wait > 0) {
      Thread.sleep(wait);
    }
    return epochMs;
  }

  private void fill(Map<String, Double> out, SinkRunConfig c, Snapshot a, Snapshot b, HeapMonitor heap,
      GaugeSampler gauges, Running r) {
    double secs = (b.nanos() - a.nanos()) / 1e9;
    EmulatorProcess.Counters e = b.emulator().minus(a.emulator());
    TaskMetrics.Snapshot t = b.tasks().minus(a.tasks());
    long cpu = b.processCpu() - a.processCpu();
    long records = t.recordsFinished();
    out.put("objects_per_s", e.accepted() / secs);
    out.put("records_per_s", records / secs);
    out.put("requests_per_s", e.requests() / secs);
    out.put("accepted_requests_per_s", e.created() / secs);
    out.put("objects_per_request", e.created() == 0 ? 0 : (double) e.accepted() / e.created());
    out.put("batch_fill", e.created() == 0 ? 0 : (double) e.accepted() / e.created() / BATCH_CAPACITY);
    out.put("http_429_measured", (double) e.rateLimited());
    out.put("http_other_errors", (double) e.otherStatuses());
    out.put("item_errors", (double) e.itemErrors());
    out.put("cpu_us_per_record", records == 0 ? Double.NaN : cpu / 1e3 / records);
    out.put("cpu_us_per_object", e.accepted() == 0 ? Double.NaN : cpu / 1e3 / e.accepted());
    out.put("sink_jvm_cores", cpu / 1e9 / secs);
    long emuCpu = b.emulatorCpu() - a.emulatorCpu();
    out.put("emulator_cores", emuCpu / 1e9 / secs);
    out.put("emulator_cpu_us_per_object", e.accepted() == 0 ? Double.NaN : emuCpu / 1e3 / e.accepted());
    out.put("machine_busy_pct", 100 * CpuClock.machineBusy(a.machine(), b.machine()));
    ThreadGroups.delta(a.threadCpu(), b.threadCpu(), cpu).forEach((g, nanos) -> out.put("cores_" + g, nanos / 1e9 / secs));
    out.put("heap_peak_used_mib", mib(heap.peakUsedBytes()));
    out.put("heap_peak_after_gc_mib", mib(heap.peakAfterGcBytes()));
    out.put("gc_collections", (double) heap.gcCollections());
    out.put("gc_time_ms", (double) heap.gcTimeMillis());
    out.put("latency_p50_ms", r.histogram.quantileMs(0.50));
    out.put("latency_p99_ms", r.histogram.quantileMs(0.99));
    out.put("latency_samples", (double) r.histogram.count());
    out.put("paused_fraction", gauges.pausedFraction());
    out.put("avg_buffered_objects", gauges.avgBuffered());
    out.put("avg_in_flight", gauges.avgInFlight());
    out.put("request_latency_avg_ms", r.metrics.requestLatencyAvgMs());
    out.put("put_records_per_s", (b.putRecords() - a.putRecords()) / secs);
    out.put("task_requests_per_s", t.requests() / secs);
    out.put("task_retries", (double) t.retries());
    out.put("task_429", (double) t.rateLimited());
    out.put("task_server_errors", (double) t.serverErrors());
    out.put("task_connection_errors", (double) t.connectionErrors());
    out.put("records_reported", (double) t.recordsReported());
    out.put("records_skipped_share", t.recordsIn() == 0 ? 0 : (double) t.recordsSkipped() / Math.max(1, records));
    out.put("commits", (double) r.commits());
    out.put("measured_s", secs);
  }

  static double mib(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}
