package io.ampbraze.benchmarks.sink;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ampbraze.benchmarks.common.HeapMonitor;
import io.ampbraze.benchmarks.common.Results;

/**
 * The sink benchmarks: the connector's tasks driven in-process by simulated workers against the
 * Braze emulator (its own JVM) over real HTTP, next to the two baselines of the issue: (a) the
 * bound, rate limit × batch size, and (b) a naive sender with one full request in flight.
 */
public final class SinkBenchmarks {
  /**
   * A larger buffer than the default 20,000 objects, for one comparison row: the backlog runs
   * use the connector's defaults (but braze.max.in.flight.requests), as users get them.
   */
  static final Map<String, String> LARGE_BUFFER = Map.of("braze.buffer.max.objects", "100000");
  private final SinkPlan plan;
  private final Results results;
  private final Path logDir;
  private AmplitudeRecordPool jsonPool;
  private AmplitudeRecordPool structPool;

  public SinkBenchmarks(SinkPlan plan, Results results, Path logDir) {
    this.plan = plan;
    this.results = results;
    this.logDir = logDir;
  }

  public void run() throws Exception {
    System.out.printf(Locale.ROOT, "%nSink: bound = %d requests / %d ms x %d objects = %,.0f objects/s%n",
        plan.rateLimitRequests(), plan.rateLimitWindowMs(), SinkRunner.BATCH_CAPACITY, plan.bound());
    jsonPool = pool(InputShape.JSON_SCHEMALESS);
    try (EmulatorProcess braze = EmulatorProcess.start(
        new EmulatorProcess.Settings(plan.latencyMs(), plan.rateLimitRequests(), plan.rateLimitWindowMs()), logDir)) {
      String at = plan.latencyMs() + " ms";
      if (plan.runs("transport")) {
        transport(braze);
      }
      if (plan.runs("naive")) {
        naive("naive-" + plan.latencyMs(), "Naive sender, " + at, braze);
      }
      SinkRunConfig main = backlog(InputShape.JSON_SCHEMALESS, plan.tasksAtLatency(), plan.inFlightAtLatency(), Map.of());
      if (plan.runs("throughput") || plan.runs("sweep") || plan.runs("latency") || plan.runs("commit")
          || plan.runs("outage")) {
        warmUpJvm(braze, main);
      }
      if (plan.runs("throughput")) {
        repeat("throughput-" + plan.latencyMs() + "-json", "Sink, backlog, " + at + ", JSON (schemaless)", braze,
            jsonPool, main, plan.cheapRuns());
        structPool = pool(InputShape.STRUCT);
        repeat("throughput-" + plan.latencyMs() + "-struct", "Sink, backlog, " + at + ", Struct", braze, structPool,
            backlog(InputShape.STRUCT, plan.tasksAtLatency(), plan.inFlightAtLatency(), Map.of()), plan.runs());
        structPool = null;
        repeat("throughput-" + plan.latencyMs() + "-json-buffer100k",
            "Sink, backlog, " + at + ", JSON, braze.buffer.max.objects=100000", braze, jsonPool,
            backlog(InputShape.JSON_SCHEMALESS, plan.tasksAtLatency(), plan.inFlightAtLatency(), LARGE_BUFFER),
            plan.runs());
      }
      if (plan.runs("sweep")) {
        for (int n : plan.sweep()) {
          SinkRunConfig c = new SinkRunConfig("in-flight " + n, InputShape.JSON_SCHEMALESS, 1, n, Map.of(),
              plan.sweepWarmupMs(), plan.sweepMeasureMs(), SinkPlan.CONNECT_COMMIT_INTERVAL_MS, plan.backlogProbeMs(), 0);
          repeat("sweep-" + n, "In-flight sweep, " + at + ", 1 task, " + n + " in flight", braze, jsonPool, c,
              plan.runs());
        }
      }
      if (plan.runs("latency")) {
        double offered = plan.bound() / 2;
        SinkRunConfig c = new SinkRunConfig("steady load", InputShape.JSON_SCHEMALESS, plan.tasksAtLatency(),
            plan.inFlightAtLatency(), Map.of(), plan.warmupMs(), plan.measureMs(), SinkPlan.CONNECT_COMMIT_INTERVAL_MS,
            plan.probeIntervalMs(),
            offered);
        repeat("steady-" + plan.latencyMs(), String.format(Locale.ROOT, "Sink, steady %,.0f records/s, %s", offered, at),
            braze, jsonPool, c, plan.runs());
      }
      if (plan.runs("commit")) {
        for (long interval : new long[] {SinkPlan.CONNECT_COMMIT_INTERVAL_MS, 5_000}) {
          SinkRunConfig c = new SinkRunConfig("commit " + interval, InputShape.JSON_SCHEMALESS, plan.tasksAtLatency(),
              plan.inFlightAtLatency(), Map.of(), 0, plan.commitMeasureMs(), interval, 0, 0);
          repeat("commit-" + interval, "Sink as the worker drives it, offset.flush.interval.ms=" + interval
              + ", no probing", braze, jsonPool, c, plan.runs());
        }
      }
      if (plan.runs("outage")) {
        new OutageBenchmark(plan, results, braze, jsonPool).run();
      }
    }
    if (plan.runs("naive") || plan.runs("throughput")) {
      try (EmulatorProcess braze = EmulatorProcess.start(
          new EmulatorProcess.Settings(plan.highLatencyMs(), plan.rateLimitRequests(), plan.rateLimitWindowMs()), logDir)) {
        if (plan.runs("naive")) {
          naive("naive-" + plan.highLatencyMs(), "Naive sender, " + plan.highLatencyMs() + " ms", braze);
        }
        if (plan.runs("throughput")) {
          repeat("throughput-" + plan.highLatencyMs() + "-json",
              "Sink, backlog, " + plan.highLatencyMs() + " ms, JSON (schemaless)", braze, jsonPool,
              backlog(InputShape.JSON_SCHEMALESS, plan.tasksAtHighLatency(), plan.inFlightAtHighLatency(), Map.of()),
              plan.cheapRuns());
          repeat("throughput-" + plan.highLatencyMs() + "-json-buffer100k",
              "Sink, backlog, " + plan.highLatencyMs() + " ms, JSON, braze.buffer.max.objects=100000", braze, jsonPool,
              backlog(InputShape.JSON_SCHEMALESS, plan.tasksAtHighLatency(), plan.inFlightAtHighLatency(), LARGE_BUFFER),
              plan.runs());
        }
      }
    }
    new SinkReport(plan, results).write();
  }

  private SinkRunConfig backlog(InputShape shape, int tasks, int inFlight, Map<String, String> props) {
    return new SinkRunConfig(shape.name(), shape, tasks, inFlight, props, plan.warmupMs(), plan.measureMs(),
        SinkPlan.CONNECT_COMMIT_INTERVAL_MS, plan.backlogProbeMs(), 0);
  }

  /** One unrecorded run first, so that no scenario pays for compiling the sink's code paths. */
  private void warmUpJvm(EmulatorProcess braze, SinkRunConfig main) throws Exception {
    System.out.println("  warming the JVM up (one unrecorded run)");
    new SinkRunner(braze, jsonPool, plan.connectorOverrides()).run(new SinkRunConfig("warm-up", main.shape(),
        main.tasks(), main.maxInFlight(), main.extraProps(), plan.warmupMs(), plan.warmupMs(),
        SinkPlan.CONNECT_COMMIT_INTERVAL_MS, plan.backlogProbeMs(), 0));
  }

  private AmplitudeRecordPool pool(InputShape shape) {
    long started = System.nanoTime();
    AmplitudeRecordPool pool = new AmplitudeRecordPool(shape, plan.poolSize(), plan.users(), plan.partitions(), 20240501);
    System.out.printf(Locale.ROOT,
        "Generated %,d %s records for %,d users over %d partitions in %.1f s: %.1f%% events, %.1f%% user updates, "
            + "%.1f%% revenue; live heap now %.0f MiB%n",
        pool.size(), shape, pool.users(), pool.partitions(), (System.nanoTime() - started) / 1e9,
        100 * pool.share(AmplitudeRecordPool.Kind.EVENT), 100 * pool.share(AmplitudeRecordPool.Kind.USER_UPDATE),
        100 * pool.share(AmplitudeRecordPool.Kind.REVENUE), SinkRunner.mib(HeapMonitor.liveAfterFullGc()));
    return pool;
  }

  private void naive(String id, String title, EmulatorProcess braze) throws Exception {
    ObjectNode settings = Results.object();
    settings.put("latencyMs", braze.settings().latencyMs());
    settings.put("inFlight", 1);
    settings.put("batch", SinkRunner.BATCH_CAPACITY);
    settings.put("durationMs", plan.naiveMs());
    Results.Scenario s = results.scenario(id, title, settings);
    NaiveSender sender = new NaiveSender(braze, jsonPool, 2_000);
    for (int i = 0; i < plan.runs(); i++) {
      Map<String, Double> r = sender.run(plan.naiveMs());
      s.addRun(r);
      System.out.printf(Locale.ROOT, "  %s run %d: %,.0f objects/s, %.1f requests/s%n", title, i + 1,
          r.get("objects_per_s"), r.get("requests_per_s"));
    }
    results.write();
  }

  private void transport(EmulatorProcess braze) throws Exception {
    ObjectNode settings = Results.object();
    settings.put("latencyMs", braze.settings().latencyMs());
    settings.put("requests", 200);
    settings.put("inFlight", 1);
    Results.Scenario s = results.scenario("transport-" + braze.settings().latencyMs(),
        "Round trip of one full request, by HTTP client, " + braze.settings().latencyMs() + " ms", settings);
    TransportBenchmark bench = new TransportBenchmark(braze, jsonPool, plan.quick() ? 50 : 100);
    for (int i = 0; i < plan.runs(); i++) {
      Map<String, Double> r = bench.run();
      s.addRun(r);
      System.out.printf(Locale.ROOT, "  transport run %d: connector's client p50 %.1f ms, OkHttp+TCP_NODELAY %.1f ms, "
              + "JDK HttpClient %.1f ms (body %.0f bytes)%n", i + 1, r.get("connector_client_p50_ms"),
          r.get("okhttp_tcp_nodelay_p50_ms"), r.get("jdk_httpclient_p50_ms"), r.get("request_body_bytes_avg"));
    }
    results.write();
  }

  private void repeat(String id, String title, EmulatorProcess braze, AmplitudeRecordPool pool, SinkRunConfig c,
      int runs) throws Exception {
    ObjectNode settings = Results.object();
    settings.put("latencyMs", braze.settings().latencyMs());
    settings.put("rateLimit", braze.settings().rateLimitRequests() + " requests / " + braze.settings().rateLimitWindowMs() + " ms");
    settings.put("input", c.shape().name());
    settings.put("tasks", c.tasks());
    settings.put("maxInFlightPerTask", c.maxInFlight());
    settings.put("load", c.offeredRecordsPerSecond() > 0
        ? String.format(Locale.ROOT, "steady %.0f records/s", c.offeredRecordsPerSecond()) : "backlog");
    settings.put("warmupMs", c.warmupMs());
    settings.put("measureMs", c.measureMs());
    settings.put("offsetFlushIntervalMs", c.commitIntervalMs());
    settings.put("ackProbeIntervalMs", c.probeIntervalMs());
    settings.put("poolRecords", pool.size());
    settings.put("users", pool.users());
    settings.put("partitions", pool.partitions());
    ObjectNode props = settings.putObject("connectorConfig");
    new SinkRunner(braze, pool, plan.connectorOverrides()).connectorProps("<name>", c).forEach((k, v) -> {
      if (!k.equals("braze.api.key") && !k.equals("braze.rest.url")) {
        props.put(k, v);
      }
    });
    Results.Scenario s = results.scenario(id, title, settings);
    SinkRunner runner = new SinkRunner(braze, pool, plan.connectorOverrides());
    for (int i = 0; i < runs; i++) {
      Map<String, Double> r = runner.run(c);
      s.addRun(r);
      System.out.printf(Locale.ROOT,
          "  %s run %d: %,.0f objects/s (%.1f%% of bound), %,.0f requests/s, fill %.3f, 429s %.0f (measured %.0f), %.2f us CPU/record, "
              + "p50/p99 %.0f/%.0f ms, paused %.0f%%, in flight %.1f, request latency %.0f ms, sink JVM %.2f cores, emulator %.2f cores, machine %.0f%% busy%n",
          title, i + 1, r.get("objects_per_s"), 100 * r.get("objects_per_s") / plan.bound(), r.get("requests_per_s"),
          r.get("batch_fill"), r.get("http_429_whole_run"), r.get("http_429_measured"), r.get("cpu_us_per_record"), r.get("latency_p50_ms"),
          r.get("latency_p99_ms"), 100 * r.get("paused_fraction"), r.get("avg_in_flight"),
          r.get("request_latency_avg_ms"), r.get("sink_jvm_cores"), r.get("emulator_cores"),
          r.get("machine_busy_pct"));
    }
    results.write();
  }
}
