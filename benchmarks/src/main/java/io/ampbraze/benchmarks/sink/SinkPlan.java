package io.ampbraze.benchmarks.sink;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the sink benchmarks run: sizes, durations, repetitions and the connector configurations,
 * for the full run or the --quick development run.
 *
 * @param scenarios the scenario ids to run (empty: all)
 * @param probeIntervalMs how often the steady-load scenario probes acknowledgements (its latency)
 * @param backlogProbeMs the same for the backlog runs (throughput, sweep, outage); 0 (default):
 *     they run exactly as a worker drives a task, preCommit every offset.flush.interval.ms only
 * @param connectorOverrides connector properties set in every sink run (--set key=value)
 */
public record SinkPlan(
    boolean quick,
    Set<String> scenarios,
    int runs,
    int cheapRuns,
    long warmupMs,
    long measureMs,
    long sweepWarmupMs,
    long sweepMeasureMs,
    long naiveMs,
    long commitMeasureMs,
    int outageRuns,
    long outageMs,
    int poolSize,
    int users,
    int partitions,
    long latencyMs,
    long highLatencyMs,
    int rateLimitRequests,
    long rateLimitWindowMs,
    int tasksAtLatency,
    int inFlightAtLatency,
    int tasksAtHighLatency,
    int inFlightAtHighLatency,
    List<Integer> sweep,
    long probeIntervalMs,
    long backlogProbeMs,
    Map<String, String> connectorOverrides) {

  /** Connect's default offset.flush.interval.ms: how often a worker calls preCommit. */
  public static final long CONNECT_COMMIT_INTERVAL_MS = 60_000;

  public static SinkPlan forResults() {
    return new SinkPlan(false, Set.of(), 3, 5, 5_000, 15_000, 2_000, 5_000, 10_000, 15_000, 3, 60_000,
        400_000, 10_000, 8, 50, 200, 3000, 3000, 1, 64, 4, 96, List.of(1, 4, 8, 16, 32, 64, 128, 256), 5, 0,
        Map.of());
  }

  public static SinkPlan forDevelopment() {
    return new SinkPlan(true, Set.of(), 1, 1, 3_000, 5_000, 2_000, 3_000, 4_000, 8_000, 1, 10_000,
        150_000, 10_000, 8, 50, 200, 3000, 3000, 1, 64, 4, 96, List.of(1, 8, 64, 256), 5, 0, Map.of());
  }

  public boolean runs(String scenario) {
    return scenarios.isEmpty() || scenarios.contains(scenario);
  }

  /** Baseline (a): the rate limit times the batch size, in objects per second. */
  public double bound() {
    return rateLimitRequests * 1000.0 / rateLimitWindowMs * SinkRunner.BATCH_CAPACITY;
  }

  public SinkPlan with(Set<String> only, Integer runsOverride, int tasks, int inFlight, int tasksHigh, int inFlightHigh,
      long latency, long highLatency, int rate, long window, List<Integer> sweepPoints, long backlogProbe,
      Map<String, String> overrides) {
    return new SinkPlan(quick, only, runsOverride == null ? runs : runsOverride,
        runsOverride == null ? cheapRuns : runsOverride, warmupMs, measureMs, sweepWarmupMs, sweepMeasureMs, naiveMs,
        commitMeasureMs, runsOverride == null ? outageRuns : runsOverride, outageMs, poolSize, users, partitions,
        latency, highLatency, rate, window, tasks, inFlight, tasksHigh, inFlightHigh, List.copyOf(sweepPoints),
        probeIntervalMs, backlogProbe, Map.copyOf(overrides));
  }
}
