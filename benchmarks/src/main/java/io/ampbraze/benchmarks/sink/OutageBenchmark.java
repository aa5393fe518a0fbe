package io.ampbraze.benchmarks.sink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ampbraze.benchmarks.common.HeapMonitor;
import io.ampbraze.benchmarks.common.Results;

/**
 * Memory during a Braze outage: the sink runs under backlog, then the emulator process is
 * killed (every connection refused) for the outage's length and started again on the same
 * port. Every few seconds the live heap (after a full collection) and the tasks' buffer are
 * sampled: before, during and after the outage.
 */
final class OutageBenchmark {
  private static final long SAMPLE_MS = 5_000;
  private static final long PRE_MS = 10_000;
  private static final long POST_MS = 20_000;
  /** Growth of the live heap over the outage (after its first 10 s) still counted as flat. */
  static final double FLAT_TOLERANCE_MIB = 16;

  private final SinkPlan plan;
  private final Results results;
  private final EmulatorProcess braze;
  private final AmplitudeRecordPool pool;

  OutageBenchmark(SinkPlan plan, Results results, EmulatorProcess braze, AmplitudeRecordPool pool) {
    this.plan = plan;
    this.results = results;
    this.braze = braze;
    this.pool = pool;
  }

  private record Sample(double atS, String phase, double liveMib, long buffered, int pausedTasks, long inFlight,
      long connectionErrors) {}

  void run() throws Exception {
    SinkRunConfig c = new SinkRunConfig("outage", InputShape.JSON_SCHEMALESS, plan.tasksAtLatency(),
        plan.inFlightAtLatency(), SinkBenchmarks.LARGE_BUFFER, plan.warmupMs(), 0, SinkPlan.CONNECT_COMMIT_INTERVAL_MS,
        plan.backlogProbeMs(), 0);
    ObjectNode settings = Results.object();
    settings.put("latencyMs", braze.settings().latencyMs());
    settings.put("tasks", c.tasks());
    settings.put("maxInFlightPerTask", c.maxInFlight());
    settings.put("outageMs", plan.outageMs());
    settings.put("outage", "emulator process killed: connections refused");
    settings.put("sampleEveryMs", SAMPLE_MS);
    settings.put("heapSample", "used heap right after System.gc() (the live set)");
    settings.put("flatToleranceMiB", FLAT_TOLERANCE_MIB);
    Results.Scenario s = results.scenario("outage-" + braze.settings().latencyMs(),
        "Sink through a " + plan.outageMs() / 1000 + " s Braze outage", settings);
    SinkRunner runner = new SinkRunner(braze, pool, plan.connectorOverrides());
    for (int i = 0; i < plan.outageRuns(); i++) {
      Thread.sleep(braze.settings().rateLimitWindowMs() + 250);
      List<Sample> samples = new ArrayList<>();
      Map<String, Double> figures = new LinkedHashMap<>();
      try (SinkRunner.Running r = runner.new Running(c)) {
        long t0 = System.nanoTime();
        Thread.sleep(plan.warmupMs());
        sampleFor(r, t0, "before", PRE_MS, samples);
        braze.kill();
        long outageStart = System.nanoTime();
        sampleFor(r, t0, "outage", plan.outageMs() - (System.nanoTime() - outageStart) / 1_000_000, samples);
        braze.restart();
        long restarted = System.nanoTime();
        EmulatorProcess.Counters base = braze.counters();
        long firstAcceptMs = waitForFirstAccept(base, POST_MS);
        sampleFor(r, t0, "after", POST_MS - (System.nanoTime() - restarted) / 1_000_000, samples);
        EmulatorProcess.Counters post = braze.counters().minus(base);
        double postS = (System.nanoTime() - restarted) / 1e9;
        r.checkAlive();
        figures.put("recovery_first_accept_ms", (double) firstAcceptMs);
        figures.put("after_objects_per_s", post.accepted() / postS);
        figures.put("after_429", (double) post.rateLimited());
        figures.put("records_reported", (double) r.reported());
      }
      summarize(samples, figures);
      s.addRun(figures);
      ObjectNode detail = Results.object();
      ArrayNode arr = detail.putArray("samples");
      for (Sample x : samples) {
        ObjectNode n = arr.addObject();
        n.put("atS", Math.round(x.atS() * 10) / 10.0);
        n.put("phase", x.phase());
        n.put("liveHeapMiB", Math.round(x.liveMib() * 10) / 10.0);
        n.put("bufferedObjects", x.buffered());
        n.put("pausedTasks", x.pausedTasks());
        n.put("inFlight", x.inFlight());
        n.put("connectionErrors", x.connectionErrors());
      }
      s.addDetail(detail);
      System.out.printf(Locale.ROOT,
          "  outage run %d: live heap before %.1f MiB, outage %.1f..%.1f MiB (growth %.1f), after %.1f MiB; "
              + "buffer during outage %.0f objects; first accept %.0f ms after restart; %,.0f objects/s after%n",
          i + 1, figures.get("heap_before_mib"), figures.get("heap_outage_min_mib"), figures.get("heap_outage_max_mib"),
          figures.get("heap_outage_growth_mib"), figures.get("heap_after_mib"), figures.get("outage_buffered_objects_max"),
          figures.get("recovery_first_accept_ms"), figures.get("after_objects_per_s"));
      results.write();
    }
  }

  private long waitForFirstAccept(EmulatorProcess.Counters base, long limitMs) throws Exception {
    long start = System.nanoTime();
    while ((System.nanoTime() - start) / 1_000_000 < limitMs) {
      if (braze.counters().minus(base).accepted() > 0) {
        return (System.nanoTime() - start) / 1_000_000;
      }
      Thread.sleep(50);
    }
    return -1;
  }

  private void sampleFor(SinkRunner.Running r, long t0, String phase, long durationMs, List<Sample> out)
      throws InterruptedException {
    long end = System.nanoTime() + Math.max(0, durationMs) * 1_000_000L;
    while (true) {
      long next = System.nanoTime() + SAMPLE_MS * 1_000_000L;
      if (next > end) {
        Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
        out.add(sample(r, t0, phase));
        return;
      }
      Thread.sleep(SAMPLE_MS);
      out.add(sample(r, t0, phase));
    }
  }

  private Sample sample(SinkRunner.Running r, long t0, String phase) {
    double live = SinkRunner.mib(HeapMonitor.liveAfterFullGc());
    TaskMetrics.Snapshot m = r.metrics.read();
    return new Sample((System.nanoTime() - t0) / 1e9, phase, live, m.bufferedObjects(), m.pausedTasks(), m.inFlight(),
        m.connectionErrors());
  }

  private static void summarize(List<Sample> samples, Map<String, Double> f) {
    List<Sample> before = samples.stream().filter(x -> x.phase().equals("before")).toList();
    List<Sample> outage = samples.stream().filter(x -> x.phase().equals("outage")).toList();
    List<Sample> after = samples.stream().filter(x -> x.phase().equals("after")).toList();
    f.put("heap_before_mib", before.get(before.size() - 1).liveMib());
    double min = Double.MAX_VALUE;
    double max = 0;
    long buffered = 0;
    for (Sample x : outage) {
      min = Math.min(min, x.liveMib());
      max = Math.max(max, x.liveMib());
      buffered = Math.max(buffered, x.buffered());
    }
    // The buffer fills in the outage's first seconds; from then on the heap must not grow.
    int settledAt = outage.size() > 1 ? 1 : 0;
    Sample settled = outage.get(settledAt);
    double laterMax = 0;
    for (Sample x : outage.subList(settledAt, outage.size())) {
      laterMax = Math.max(laterMax, x.liveMib());
    }
    f.put("heap_outage_min_mib", min);
    f.put("heap_outage_max_mib", max);
    f.put("heap_outage_last_mib", outage.get(outage.size() - 1).liveMib());
    f.put("heap_outage_growth_mib", laterMax - settled.liveMib());
    f.put("heap_after_mib", after.get(after.size() - 1).liveMib());
    f.put("outage_buffered_objects_max", (double) buffered);
    f.put("outage_paused_samples_share", outage.stream().filter(x -> x.pausedTasks() > 0).count() / (double) outage.size());
    f.put("outage_connection_errors", (double) (outage.get(outage.size() - 1).connectionErrors()
        - before.get(before.size() - 1).connectionErrors()));
  }
}
