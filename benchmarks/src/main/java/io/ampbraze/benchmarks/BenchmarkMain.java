package io.ampbraze.benchmarks;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ampbraze.benchmarks.common.Machine;
import io.ampbraze.benchmarks.common.Results;
import io.ampbraze.benchmarks.sink.SinkBenchmarks;
import io.ampbraze.benchmarks.sink.SinkPlan;
import io.ampbraze.benchmarks.source.SourceBenchmarks;
import io.ampbraze.benchmarks.source.SourcePlan;

/**
 * Runs the benchmarks (see BENCHMARKS.md) and writes their raw results as JSON and their tables
 * as Markdown.
 *
 * <pre>
 * ./benchmarks.sh [--quick] [--only sink|source|NAME,...] [--runs N] [--out DIR]
 *                 [--latency-ms 50] [--high-latency-ms 200] [--rate-limit 3000/3000]
 *                 [--tasks N] [--in-flight N] [--tasks-high N] [--in-flight-high N] [--sweep N,N,...]
 *                 [--probe-backlog-ms MS] [--set KEY=VALUE]...
 * </pre>
 *
 * Names for --only: sink (all of it) or its scenarios transport, naive, throughput, sweep, latency,
 * commit, outage; source (all of it) or source-throughput, source-listing. {@code BENCH_S3_SEED}
 * ({@code bulk} or {@code api}) says how source-listing fills its S3Mock buckets (see S3MockSeeder).
 */
public final class BenchmarkMain {
  private BenchmarkMain() {}

  public static void main(String[] args) throws Exception {
    boolean quick = false;
    Set<String> only = new HashSet<>();
    Integer runs = null;
    Path out = null;
    long latency = -1;
    long highLatency = -1;
    int rate = -1;
    long window = -1;
    int tasks = -1;
    int inFlight = -1;
    int tasksHigh = -1;
    int inFlightHigh = -1;
    java.util.List<Integer> sweep = null;
    long backlogProbe = -1;
    Map<String, String> overrides = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--only" -> only.addAll(Arrays.asList(args[++i].split(",")));
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--latency-ms" -> latency = Long.parseLong(args[++i]);
        case "--high-latency-ms" -> highLatency = Long.parseLong(args[++i]);
        case "--rate-limit" -> {
          String[] r = args[++i].split("/");
          rate = Integer.parseInt(r[0]);
          window = Long.parseLong(r[1]);
        }
        case "--tasks" -> tasks = Integer.parseInt(args[++i]);
        case "--in-flight" -> inFlight = Integer.parseInt(args[++i]);
        case "--tasks-high" -> tasksHigh = Integer.parseInt(args[++i]);
        case "--in-flight-high" -> inFlightHigh = Integer.parseInt(args[++i]);
        case "--probe-backlog-ms" -> backlogProbe = Long.parseLong(args[++i]);
        case "--sweep" -> sweep = Arrays.stream(args[++i].split(",")).map(String::trim).map(Integer::valueOf).toList();
        case "--set" -> {
          String[] kv = args[++i].split("=", 2);
          overrides.put(kv[0], kv[1]);
        }
        case "--help", "-h" -> {
          System.out.println("usage: ./benchmarks.sh [--quick] [--only sink|source|transport,naive,throughput,sweep,latency,"
              + "commit,outage,source-throughput,source-listing] [--runs N] [--out DIR] [--latency-ms MS] [--high-latency-ms MS] [--rate-limit R/W] "
              + "[--tasks N] [--in-flight N] [--tasks-high N] [--in-flight-high N] [--sweep N,N,...] [--probe-backlog-ms MS] [--set CONNECTOR_KEY=VALUE]...\n"
              + "environment: BENCH_S3_SEED=bulk (default: source-listing writes S3Mock's store directly) or api "
              + "(every file PUT through the S3 API: slow for 20,000 files)");
          return;
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i] + " (try --help)");
      }
    }
    SinkPlan base = quick ? SinkPlan.forDevelopment() : SinkPlan.forResults();
    Set<String> sinkScenarios = new HashSet<>(only);
    boolean sink = only.isEmpty() || only.contains("sink")
        || only.stream().anyMatch(s -> Set.of("transport", "naive", "throughput", "sweep", "latency", "commit", "outage").contains(s));
    boolean sourceThroughput = only.isEmpty() || only.contains("source") || only.contains("source-throughput");
    boolean sourceListing = only.isEmpty() || only.contains("source") || only.contains("source-listing");
    sinkScenarios.removeAll(Set.of("sink", "source", "source-throughput", "source-listing"));
    SinkPlan plan = base.with(sinkScenarios, runs,
        tasks > 0 ? tasks : base.tasksAtLatency(), inFlight > 0 ? inFlight : base.inFlightAtLatency(),
        tasksHigh > 0 ? tasksHigh : base.tasksAtHighLatency(),
        inFlightHigh > 0 ? inFlightHigh : base.inFlightAtHighLatency(),
        latency > 0 ? latency : base.latencyMs(), highLatency > 0 ? highLatency : base.highLatencyMs(),
        rate > 0 ? rate : base.rateLimitRequests(), window > 0 ? window : base.rateLimitWindowMs(),
        sweep != null ? sweep : base.sweep(), backlogProbe >= 0 ? backlogProbe : base.backlogProbeMs(), overrides);
    if (out == null) {
      out = quick ? Path.of("benchmarks", "target", "quick-results") : Path.of("benchmarks", "results");
    }

    // S3Mock's Tomcat and MockWebServer log through java.util.logging: warnings only.
    java.util.logging.Logger root = java.util.logging.LogManager.getLogManager().getLogger("");
    root.setLevel(java.util.logging.Level.WARNING);
    for (java.util.logging.Handler h : root.getHandlers()) {
      h.setLevel(java.util.logging.Level.WARNING);
    }
    ObjectNode machine = Machine.describe();
    System.out.println("Benchmarks" + (quick ? " (--quick: shorter and fewer runs, for development)" : "")
        + " on " + Machine.summary(machine));
    ObjectNode options = Results.object();
    options.put("quick", quick);
    options.put("args", String.join(" ", args));
    Results results = new Results(machine, options, out.resolve("benchmark-results.json"), out.resolve("benchmark-results.md"));
    long started = System.nanoTime();
    if (sink) {
      new SinkBenchmarks(plan, results, Path.of("benchmarks", "target", "logs")).run();
    }
    if (sourceThroughput || sourceListing) {
      Path work = Path.of("benchmarks", "target", "source-work");
      new SourceBenchmarks(quick ? SourcePlan.forDevelopment() : SourcePlan.forResults(), results, work)
          .run(sourceThroughput, sourceListing);
      SourceBenchmarks.deleteTree(work);
    }
    results.write();
    System.out.printf(Locale.ROOT, "%nDone in %.1f min; results in %s and %s%n", (System.nanoTime() - started) / 60e9,
        out.resolve("benchmark-results.json"), out.resolve("benchmark-results.md"));
    System.exit(0);
  }
}
