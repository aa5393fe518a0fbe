package io.ampbraze.benchmarks.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ampbraze.benchmarks.common.CpuClock;
import io.ampbraze.benchmarks.common.Results;
import io.ampbraze.benchmarks.common.Stats;
import io.ampbraze.benchmarks.common.Table;
import io.ampbraze.testkit.currents.Codec;
import io.ampbraze.testkit.currents.CurrentsBucketGenerator;
import io.ampbraze.testkit.currents.CurrentsEventType;
import io.ampbraze.testkit.currents.FileSpec;
import io.ampbraze.testkit.currents.FolderSink;
import io.ampbraze.testkit.currents.GenerationReport;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * The source benchmarks: draining a generated Currents bucket through {@code
 * CurrentsSourceTask.poll()} against plain Avro decoding of the same files, and the storage
 * calls of a poll cycle on S3 with 2,000 against 20,000 files already read.
 */
public final class SourceBenchmarks {
  static final String PREFIX = "currents";
  static final List<CurrentsEventType> TYPES = List.of(CurrentsEventType.CUSTOM_EVENT, CurrentsEventType.PURCHASE,
      CurrentsEventType.SESSION_START, CurrentsEventType.EMAIL_SEND, CurrentsEventType.PROFILE_UPDATE);

  private final SourcePlan plan;
  private final Results results;
  private final Path workDir;

  public SourceBenchmarks(SourcePlan plan, Results results, Path workDir) {
    this.plan = plan;
    this.results = results;
    this.workDir = workDir;
  }

  public void run(boolean throughput, boolean listing) throws Exception {
    if (throughput) {
      throughput();
    }
    if (listing) {
      new ListingBenchmark(plan, results, workDir).run();
    }
    report();
    results.write();
  }

  private record Bucket(Path root, List<Path> files, long bytes, long records, long amplitudeReady) {}

  private Bucket generate() throws IOException {
    Path root = workDir.resolve("throughput-bucket");
    deleteTree(root);
    long started = System.nanoTime();
    CurrentsBucketGenerator generator = CurrentsBucketGenerator.builder(new FolderSink(root))
        .seed(20240501).prefix(PREFIX).users(50_000).retainRecords(false).build();
    Instant first = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(plan.hours(), ChronoUnit.HOURS);
    for (int h = 0; h < plan.hours(); h++) {
      for (CurrentsEventType t : TYPES) {
        generator.write(FileSpec.of(t, first.plus(h, ChronoUnit.HOURS)).withRecords(plan.recordsPerFile())
            .withCodec(Codec.DEFLATE).withRecordsPerBlock(1000));
      }
    }
    GenerationReport report = generator.report();
    List<Path> files;
    try (Stream<Path> all = Files.walk(root)) {
      files = all.filter(p -> p.toString().endsWith(".avro")).sorted().toList();
    }
    long bytes = 0;
    for (Path p : files) {
      bytes += Files.size(p);
    }
    System.out.printf(Locale.ROOT, "Generated a Currents bucket: %,d records in %d files (%d event types, %d hours, "
            + "deflate, 1,000 records per block), %.1f MB, in %.1f s%n", report.totalWrittenRecords(), files.size(),
        TYPES.size(), plan.hours(), bytes / 1e6, (System.nanoTime() - started) / 1e9);
    return new Bucket(root, files, bytes, report.totalWrittenRecords(), report.totalAmplitudeReady());
  }

  private void throughput() throws Exception {
    Bucket bucket = generate();
    ObjectNode settings = Results.object();
    settings.put("records", bucket.records());
    settings.put("files", bucket.files().size());
    settings.put("eventTypes", TYPES.size());
    settings.put("megabytes", bucket.bytes() / 1e6);
    settings.put("codec", "deflate");
    settings.put("recordsPerBlock", 1000);
    settings.put("storage", "local");
    settings.put("outputFormat", "amplitude (default)");
    settings.put("batchSize", "1000 (default)");
    Results.Scenario baseline = results.scenario("source-baseline", "Plain Avro DataFileStream to GenericRecords",
        settings);
    Results.Scenario connector = results.scenario("source-connector", "CurrentsSourceTask.poll() until drained",
        settings);
    // One unrecorded pass of each first: JIT compilation and the page cache.
    decodeBaseline(bucket);
    drainConnector(bucket);
    for (int i = 0; i < plan.runs(); i++) {
      Map<String, Double> b = decodeBaseline(bucket);
      Map<String, Double> c = drainConnector(bucket);
      c.put("ratio_to_baseline", c.get("records_per_s") / b.get("records_per_s"));
      baseline.addRun(b);
      connector.addRun(c);
      System.out.printf(Locale.ROOT, "  source run %d: baseline %,.0f records/s (%.1f MB/s, %.2f us CPU/record); "
              + "connector %,.0f records/s (%.1f MB/s, %.2f us CPU/record), ratio %.2f%n", i + 1,
          b.get("records_per_s"), b.get("mb_per_s"), b.get("cpu_us_per_record"), c.get("records_per_s"),
          c.get("mb_per_s"), c.get("cpu_us_per_record"), c.get("ratio_to_baseline"));
      results.write();
    }
    deleteTree(bucket.root());
  }

  private Map<String, Double> decodeBaseline(Bucket bucket) throws IOException {
    long cpu = CpuClock.processCpuNanos();
    long start = System.nanoTime();
    long records = 0;
    long sink = 0;
    for (Path p : bucket.files()) {
      try (InputStream in = new BufferedInputStream(Files.newInputStream(p), 1 << 16);
          DataFileStream<GenericRecord> stream = new DataFileStream<>(in, new GenericDatumReader<>())) {
        for (GenericRecord r : stream) {
          sink += System.identityHashCode(r.get(0));
          records++;
        }
      }
    }
    return figures(bucket, records, System.nanoTime() - start, CpuClock.processCpuNanos() - cpu, sink);
  }

  private Map<String, Double> drainConnector(Bucket bucket) throws Exception {
    Map<String, String> props = new HashMap<>();
    props.put("currents.storage", "local");
    props.put("currents.local.root", bucket.root().toString());
    props.put("currents.prefix", PREFIX);
    props.put("topic", "amplitude-events");
    long cpu = CpuClock.processCpuNanos();
    long start = System.nanoTime();
    Map<String, Double> out;
    try (SourceTaskDriver driver = new SourceTaskDriver(props, new FakeSourceTaskContext.InMemoryOffsets())) {
      int files = bucket.files().size();
      driver.pollUntil(() -> {
        SourceTaskMetrics.Snapshot s = driver.metrics.read();
        return s.filesRead() >= files && s.pendingFiles() == 0 && s.recordsRead() >= bucket.records();
      }, 600_000);
      long elapsed = System.nanoTime() - start;
      long used = CpuClock.processCpuNanos() - cpu;
      SourceTaskMetrics.Snapshot s = driver.metrics.read();
      out = figures(bucket, s.recordsRead(), elapsed, used, 0);
      out.put("records_emitted", (double) driver.returnedRecords());
      out.put("records_skipped_no_id", (double) s.recordsSkippedNoId());
      out.put("read_calls", (double) s.readCalls());
      out.put("list_calls", (double) s.listCalls());
    }
    return out;
  }

  private static Map<String, Double> figures(Bucket bucket, long records, long nanos, long cpuNanos, long sink) {
    Map<String, Double> out = new LinkedHashMap<>();
    double secs = nanos / 1e9;
    out.put("records", (double) records);
    out.put("seconds", secs);
    out.put("records_per_s", records / secs);
    out.put("mb_per_s", bucket.bytes() / 1e6 / secs);
    out.put("cpu_us_per_record", cpuNanos / 1e3 / records);
    out.put("cores", cpuNanos / 1e9 / secs);
    if (sink == 42) {
      out.put("unlikely", 0.0); // keeps the baseline's reads observable to the JIT
    }
    return out;
  }

  private void report() {
    Results.Scenario b = results.get("source-baseline");
    Results.Scenario c = results.get("source-connector");
    if (b != null && c != null && c.runCount() > 0) {
      Table t = new Table("run", "records/s", "MB/s (file bytes)", "CPU µs/record", "cores used", "ratio to baseline");
      t.row("(baseline) Avro DataFileStream → GenericRecord", b.stats("records_per_s").format("%,.0f"),
          b.stats("mb_per_s").format("%.1f"), b.stats("cpu_us_per_record").format("%.2f"), b.stats("cores").format("%.2f"),
          "1.00");
      t.row("CurrentsSourceTask.poll() → Amplitude SourceRecords", c.stats("records_per_s").format("%,.0f"),
          c.stats("mb_per_s").format("%.1f"), c.stats("cpu_us_per_record").format("%.2f"), c.stats("cores").format("%.2f"),
          c.stats("ratio_to_baseline").format("%.2f"));
      results.markdown(t.render("Source: draining " + String.format(Locale.ROOT, "%,.0f", c.stats("records").median())
          + " records from local storage (median (min–max) of " + c.runCount() + " runs)"));
      Stats ratio = c.stats("ratio_to_baseline");
      results.target("source", "≥ 0.6 of the baseline's records/s", ratio.median() >= 0.6,
          String.format(Locale.ROOT, "ratio %s (connector %s records/s, baseline %s records/s)", ratio.format("%.2f"),
              c.stats("records_per_s").format("%,.0f"), b.stats("records_per_s").format("%,.0f")));
    }
    ListingBenchmark.report(plan, results);
  }

  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
