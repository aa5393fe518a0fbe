package io.ampbraze.benchmarks.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.ampbraze.benchmarks.common.Results;
import io.ampbraze.benchmarks.common.Stats;
import io.ampbraze.benchmarks.common.Table;

/** Turns the sink scenarios into Markdown tables and target verdicts. */
final class SinkReport {
  private final SinkPlan plan;
  private final Results results;

  SinkReport(SinkPlan plan, Results results) {
    this.plan = plan;
    this.results = results;
  }

  void write() throws Exception {
    transportTable();
    throughputTable();
    cpuTable();
    sweepTable();
    steadyTable();
    commitTable();
    outageTable();
    targets();
    results.write();
  }

  private Results.Scenario get(String id) {
    return results.get(id);
  }

  private String tput(long latency) {
    return "throughput-" + latency + "-json";
  }

  private void transportTable() {
    Results.Scenario s = get("transport-" + plan.latencyMs());
    if (s == null) {
      return;
    }
    Table t = new Table("client", "round trip p50 ms", "p99 ms");
    t.row("the connector's BrazeClient (OkHttp)", s.stats("connector_client_p50_ms").format("%.1f"),
        s.stats("connector_client_p99_ms").format("%.1f"));
    t.row("OkHttp with TCP_NODELAY", s.stats("okhttp_tcp_nodelay_p50_ms").format("%.1f"),
        s.stats("okhttp_tcp_nodelay_p99_ms").format("%.1f"));
    t.row("JDK HttpClient", s.stats("jdk_httpclient_p50_ms").format("%.1f"), s.stats("jdk_httpclient_p99_ms").format("%.1f"));
    results.markdown(t.render("Round trip of one full request (" + s.stats("request_body_bytes_avg").format("%,.0f")
        + " bytes) against the emulator set to " + plan.latencyMs() + " ms"));
  }

  private void throughputTable() {
    Table t = new Table("run", "config", "objects/s", "% of bound", "× naive", "requests/s", "objects/request (fill)",
        "429s", "CPU µs/record", "ack p50 / p99 ms", "peak heap MiB (after GC / used)", "retained by sink MiB");
    t.row("(a) bound: rate limit × batch", plan.rateLimitRequests() + " req / " + plan.rateLimitWindowMs() + " ms × "
        + SinkRunner.BATCH_CAPACITY, f(plan.bound(), "%,.0f"), "100%", "", f(plan.bound() / SinkRunner.BATCH_CAPACITY, "%,.0f"),
        "75 (1.000)", "", "", "", "", "");
    for (long latency : new long[] {plan.latencyMs(), plan.highLatencyMs()}) {
      Results.Scenario naive = get("naive-" + latency);
      double naiveMedian = naive == null ? Double.NaN : naive.stats("objects_per_s").median();
      if (naive != null) {
        t.row("(b) naive sender, " + latency + " ms", "1 in flight, full batches", naive.stats("objects_per_s").format("%,.0f"),
            pct(naive.stats("objects_per_s").median()), "1.0", naive.stats("requests_per_s").format("%,.1f"),
            naive.stats("objects_per_request").format("%.1f"), naive.stats("http_429_whole_run").format("%.0f"),
            "", "", "", "");
      }
      for (String shape : new String[] {"json", "struct", "json-buffer100k"}) {
        Results.Scenario s = get("throughput-" + latency + "-" + shape);
        if (s == null) {
          continue;
        }
        String buffer = shape.endsWith("buffer100k") ? "buffer 100,000" : "default buffer (20,000)";
        int tasks = latency == plan.latencyMs() ? plan.tasksAtLatency() : plan.tasksAtHighLatency();
        int inFlight = latency == plan.latencyMs() ? plan.inFlightAtLatency() : plan.inFlightAtHighLatency();
        Stats objects = s.stats("objects_per_s");
        t.row("sink, " + latency + " ms, " + (shape.equals("struct") ? "Struct" : "JSON schemaless"),
            tasks + " task(s) × " + inFlight + " in flight, " + buffer, objects.format("%,.0f"), pct(objects.median()),
            f(objects.median() / naiveMedian, "%.1f"), s.stats("requests_per_s").format("%,.0f"),
            s.stats("objects_per_request").format("%.2f") + " (" + s.stats("batch_fill").format("%.3f") + ")",
            s.stats("http_429_whole_run").format("%.0f"), s.stats("cpu_us_per_record").format("%.2f"),
            ack(s),
            s.stats("heap_peak_after_gc_mib").format("%.0f") + " / " + s.stats("heap_peak_used_mib").format("%.0f"),
            s.stats("heap_retained_by_sink_mib").format("%.0f"));
      }
    }
    results.markdown(t.render("Sink throughput against the baselines (backlog; median (min–max) of the runs)"));
  }

  private void cpuTable() {
    Table t = new Table("run", "sink JVM cores", "task threads", "sender threads", "HTTP threads",
        "GC/JIT/other", "CPU µs/record", "CPU µs/object", "emulator cores", "emulator µs/object", "machine busy");
    boolean any = false;
    for (String id : new String[] {tput(plan.latencyMs()), "throughput-" + plan.latencyMs() + "-struct",
        tput(plan.highLatencyMs())}) {
      Results.Scenario s = get(id);
      if (s == null) {
        continue;
      }
      any = true;
      t.row(s.title(), s.stats("sink_jvm_cores").format("%.2f"), s.stats("cores_task_threads").format("%.2f"),
          s.stats("cores_sender_threads").format("%.2f"), s.stats("cores_http_threads").format("%.2f"),
          s.stats("cores_jvm_gc_jit_other").format("%.2f"),
          s.stats("cpu_us_per_record").format("%.2f"), s.stats("cpu_us_per_object").format("%.2f"),
          s.stats("emulator_cores").format("%.2f"), s.stats("emulator_cpu_us_per_object").format("%.2f"),
          s.stats("machine_busy_pct").format("%.0f") + "%");
    }
    if (!any) {
      return;
    }
    results.markdown(t.render("Where the CPU goes (cores = CPU seconds per second; the machine has "
        + Runtime.getRuntime().availableProcessors() + ")"));
  }

  private void sweepTable() {
    Table t = new Table("braze.max.in.flight.requests", "objects/s", "% of bound", "requests/s", "avg in flight",
        "fill", "429s", "CPU µs/record", "ack p50 / p99 ms");
    boolean any = false;
    for (int n : plan.sweep()) {
      Results.Scenario s = get("sweep-" + n);
      if (s == null) {
        continue;
      }
      any = true;
      Stats o = s.stats("objects_per_s");
      t.row(Integer.toString(n), o.format("%,.0f"), pct(o.median()), s.stats("requests_per_s").format("%,.0f"),
          s.stats("avg_in_flight").format("%.1f"), s.stats("batch_fill").format("%.3f"),
          s.stats("http_429_whole_run").format("%.0f"), s.stats("cpu_us_per_record").format("%.2f"), ack(s));
    }
    if (any) {
      results.markdown(t.render("In-flight sweep: 1 task, " + plan.latencyMs() + " ms latency, backlog"));
    }
  }

  private void steadyTable() {
    Results.Scenario s = get("steady-" + plan.latencyMs());
    if (s == null) {
      return;
    }
    Table t = new Table("offered", "objects/s", "requests/s", "objects/request", "ack p50 ms", "ack p99 ms", "CPU µs/record",
        "429s");
    t.row(f(plan.bound() / 2, "%,.0f") + " records/s", s.stats("objects_per_s").format("%,.0f"),
        s.stats("requests_per_s").format("%,.0f"), s.stats("objects_per_request").format("%.1f"),
        s.stats("latency_p50_ms").format("%.0f"), s.stats("latency_p99_ms").format("%.0f"),
        s.stats("cpu_us_per_record").format("%.2f"), s.stats("http_429_whole_run").format("%.0f"));
    results.markdown(t.render("Record-to-acknowledgement latency at a steady half of the bound (" + plan.latencyMs()
        + " ms latency, braze.linger.ms=100)"));
  }

  private void commitTable() {
    Table t = new Table("offset.flush.interval.ms", "objects/s", "% of bound", "share of time paused", "commits");
    boolean any = false;
    for (long interval : new long[] {60_000, 5_000}) {
      Results.Scenario s = get("commit-" + interval);
      if (s == null) {
        continue;
      }
      any = true;
      Stats o = s.stats("objects_per_s");
      t.row(interval + (interval == 60_000 ? " (Connect's default)" : ""), o.format("%,.0f"), pct(o.median()),
          s.stats("paused_fraction").format("%.2f"), s.stats("commits").format("%.0f"));
    }
    if (any) {
      results.markdown(t.render("The sink as a worker drives it, measured from its start: preCommit only every "
          + "offset.flush.interval.ms (no acknowledgement probing), " + plan.commitMeasureMs() / 1000
          + " s backlog runs"));
    }
  }

  private void outageTable() {
    Results.Scenario s = get("outage-" + plan.latencyMs());
    if (s == null) {
      return;
    }
    Table t = new Table("live heap before", "during outage (min–max of samples)", "growth during outage",
        "after recovery", "buffered objects in outage", "first accepted after restart", "objects/s after");
    t.row(s.stats("heap_before_mib").format("%.1f") + " MiB",
        s.stats("heap_outage_min_mib").format("%.1f") + " – " + s.stats("heap_outage_max_mib").format("%.1f") + " MiB",
        s.stats("heap_outage_growth_mib").format("%.1f") + " MiB", s.stats("heap_after_mib").format("%.1f") + " MiB",
        s.stats("outage_buffered_objects_max").format("%,.0f"), s.stats("recovery_first_accept_ms").format("%,.0f") + " ms",
        s.stats("after_objects_per_s").format("%,.0f"));
    results.markdown(t.render("Memory through a " + plan.outageMs() / 1000 + " s Braze outage (emulator killed; live "
        + "heap after a full GC, whole harness JVM including the record pool)"));
  }

  private void targets() {
    double bound = plan.bound();
    for (long latency : new long[] {plan.latencyMs(), plan.highLatencyMs()}) {
      Results.Scenario s = get(tput(latency));
      if (s != null) {
        Stats o = s.stats("objects_per_s");
        int tasks = latency == plan.latencyMs() ? plan.tasksAtLatency() : plan.tasksAtHighLatency();
        int inFlight = latency == plan.latencyMs() ? plan.inFlightAtLatency() : plan.inFlightAtHighLatency();
        results.target("sink", "≥ 95% of the bound at " + latency + " ms latency", o.median() >= 0.95 * bound,
            String.format(Locale.ROOT, "median %,.0f objects/s (%s) = %.1f%% of %,.0f, %d task(s) × %d in flight, "
                + "the other settings at their defaults, preCommit every %d ms", o.median(), o.format("%,.0f"),
                100 * o.median() / bound, bound, tasks, inFlight, SinkPlan.CONNECT_COMMIT_INTERVAL_MS));
      }
    }
    // CPU and batch fill of the same backlogged throughput runs.
    List<String> cpu = new ArrayList<>();
    boolean cpuMet = true;
    List<String> fill = new ArrayList<>();
    boolean fillMet = true;
    for (String id : new String[] {tput(plan.latencyMs()), "throughput-" + plan.latencyMs() + "-struct",
        tput(plan.highLatencyMs())}) {
      Results.Scenario s = get(id);
      if (s != null) {
        Stats c = s.stats("cpu_us_per_record");
        cpuMet &= c.median() <= 10;
        cpu.add(s.title() + ": " + c.format("%.2f") + " µs");
        Stats b = s.stats("batch_fill");
        fillMet &= b.min() >= 0.98;
        fill.add(s.title() + ": " + b.format("%.3f"));
      }
    }
    if (!cpu.isEmpty()) {
      results.target("sink", "CPU ≤ 10 µs per record", cpuMet, String.join("; ", cpu)
          + " (all of the harness JVM's CPU: task, sender, HTTP, GC and JIT threads; the emulator runs in its own JVM)");
    }
    if (!fill.isEmpty()) {
      for (long latency : new long[] {plan.latencyMs(), plan.highLatencyMs()}) {
        Results.Scenario d = get("throughput-" + latency + "-json-buffer100k");
        if (d != null) {
          fillMet &= d.stats("batch_fill").min() >= 0.98;
          fill.add("with braze.buffer.max.objects=100000, " + latency + " ms: " + d.stats("batch_fill").format("%.3f"));
        }
      }
      results.target("sink", "batch fill ≥ 0.98 under backlog", fillMet, String.join("; ", fill));
    }
    long total429 = 0;
    long runs = 0;
    List<String> with429 = new ArrayList<>();
    for (String id : scenarioIds()) {
      Results.Scenario s = get(id);
      if (s == null || id.startsWith("naive") || id.startsWith("outage")) {
        continue;
      }
      Stats st = s.stats("http_429_whole_run");
      long sum = Math.round(st.values().stream().mapToDouble(Double::doubleValue).sum());
      total429 += sum;
      runs += st.values().size();
      if (sum > 0) {
        with429.add(s.title() + ": " + sum);
      }
    }
    if (runs > 0) {
      results.target("sink", "no 429 caused by the sink's own pacing (emulator enforcing "
          + plan.rateLimitRequests() + "/" + plan.rateLimitWindowMs() + " ms)", total429 == 0,
          total429 + " 429 answers over " + runs + " runs of the sink (warm-up included)"
              + (with429.isEmpty() ? "" : ": " + String.join("; ", with429)));
    }
    sweepTarget(bound);
    Results.Scenario outage = get("outage-" + plan.latencyMs());
    if (outage != null) {
      Stats g = outage.stats("heap_outage_growth_mib");
      results.target("sink", "memory stays flat during a " + plan.outageMs() / 1000 + " s outage",
          g.max() <= OutageBenchmark.FLAT_TOLERANCE_MIB,
          String.format(Locale.ROOT, "live heap growth over the outage %s MiB (tolerance %.0f MiB); before %s, during %s–%s, "
              + "after %s MiB", g.format("%.1f"), OutageBenchmark.FLAT_TOLERANCE_MIB,
              outage.stats("heap_before_mib").format("%.1f"), outage.stats("heap_outage_min_mib").format("%.1f"),
              outage.stats("heap_outage_max_mib").format("%.1f"), outage.stats("heap_after_mib").format("%.1f")));
    }
  }

  private void sweepTarget(double bound) {
    List<String> points = new ArrayList<>();
    boolean met = true;
    boolean reached = false;
    double previous = -1;
    for (int n : plan.sweep()) {
      Results.Scenario s = get("sweep-" + n);
      if (s == null) {
        continue;
      }
      double m = s.stats("objects_per_s").median();
      points.add(n + ": " + f(m, "%,.0f"));
      reached |= m >= 0.95 * bound;
      if (previous > 0) {
        if (previous < 0.9 * bound) {
          met &= m > previous * 1.2 || m >= 0.95 * bound; // below the bound: more in flight must help
        } else {
          met &= m >= previous * 0.95; // at the bound: no loss
        }
      }
      previous = m;
    }
    if (points.size() > 1) {
      results.target("sink", "throughput grows with braze.max.in.flight.requests until the bound (and loses "
          + "no more than 5% past it)", met && reached,
          String.join(", ", points) + " objects/s" + (reached ? "" : " (the bound was not reached)"));
    }
  }

  private List<String> scenarioIds() {
    List<String> ids = new ArrayList<>();
    for (long latency : new long[] {plan.latencyMs(), plan.highLatencyMs()}) {
      ids.add("throughput-" + latency + "-json");
      ids.add("throughput-" + latency + "-json-buffer100k");
      ids.add("throughput-" + latency + "-struct");
      ids.add("steady-" + latency);
    }
    plan.sweep().forEach(n -> ids.add("sweep-" + n));
    ids.add("commit-60000");
    ids.add("commit-5000");
    return ids;
  }

  /** Acknowledgement latency, when the run probed it. */
  private static String ack(Results.Scenario s) {
    if (!(s.stats("latency_samples").median() > 0)) {
      return "not probed";
    }
    return s.stats("latency_p50_ms").format("%.0f") + " / " + s.stats("latency_p99_ms").format("%.0f");
  }

  private String pct(double objects) {
    return f(100 * objects / plan.bound(), "%.1f") + "%";
  }

  private static String f(double v, String format) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, format, v);
  }
}
