package io.ampbraze.benchmarks.source;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ampbraze.benchmarks.common.Results;
import io.ampbraze.benchmarks.common.Table;
import io.ampbraze.testkit.currents.BucketSink;
import io.ampbraze.testkit.currents.CurrentsBucketGenerator;
import io.ampbraze.testkit.currents.CurrentsEventType;
import io.ampbraze.testkit.currents.FileSpec;
import io.ampbraze.testkit.currents.FolderSink;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Listing cost: two buckets whose recent hours look alike, one with 2,000 and one with 20,000
 * files already read (the extra files in older hours, as a bucket that has been written for
 * longer), on S3 (S3Mock) and on the local store. The files are written to a local folder; a
 * first task reads them there and leaves its offsets; for S3 the folder is then put into an
 * S3Mock bucket ({@link S3MockSeeder}) and deleted. A second task starts from the offsets (as
 * after a restart) on the store, settles, and then the storage calls of its poll cycles are
 * counted: quiet cycles, and cycles in which 10 new files arrived (on S3, PUT through the S3 API).
 * A cycle is one burst of listing; should a measurement catch two, its counts are halved.
 */
final class ListingBenchmark {
  private static final List<CurrentsEventType> TYPES = List.of(CurrentsEventType.CUSTOM_EVENT,
      CurrentsEventType.PURCHASE, CurrentsEventType.SESSION_START, CurrentsEventType.EMAIL_SEND);
  private static final int FILES_PER_HOUR = 5;
  private static final int RECORDS_PER_FILE = 3;

  private final SourcePlan plan;
  private final Results results;
  private final Path workDir;

  ListingBenchmark(SourcePlan plan, Results results, Path workDir) {
    this.plan = plan;
    this.results = results;
    this.workDir = workDir;
  }

  void run() throws Exception {
    S3MockSeeder.Mode seeding = S3MockSeeder.modeFromEnvironment();
    try (S3MockHandle s3 = S3MockHandle.start()) {
      for (int files : new int[] {plan.smallBucketFiles(), plan.largeBucketFiles()}) {
        bucket(new S3Store(s3, seeding), files);
      }
    }
    for (int files : new int[] {plan.smallBucketFiles(), plan.largeBucketFiles()}) {
      bucket(null, files);
    }
  }

  /** The S3 side of a run: S3Mock and how buckets are filled. */
  private record S3Store(S3MockHandle s3, S3MockSeeder.Mode seeding) {}

  /** Writes the generator's files where the measured task will find them: first locally, later to S3. */
  private static final class SwitchingSink implements BucketSink {
    private volatile BucketSink target;

    SwitchingSink(BucketSink target) {
      this.target = target;
    }

    void switchTo(BucketSink next) {
      target = next;
    }

    @Override
    public void put(String key, byte[] bytes) throws IOException {
      target.put(key, bytes);
    }
  }

  private void bucket(S3Store s3, int existing) throws Exception {
    String store = s3 == null ? "local" : "s3";
    String bucket = "currents-" + existing;
    Path localRoot = workDir.resolve("listing-" + store + "-" + existing);
    SourceBenchmarks.deleteTree(localRoot);
    int hours = existing / (TYPES.size() * FILES_PER_HOUR);
    Instant current = Instant.now().truncatedTo(ChronoUnit.HOURS);
    Instant first = current.minus(hours, ChronoUnit.HOURS);
    long started = System.nanoTime();
    SwitchingSink sink = new SwitchingSink(new FolderSink(localRoot));
    CurrentsBucketGenerator generator = CurrentsBucketGenerator.builder(sink).seed(existing)
        .prefix(SourceBenchmarks.PREFIX).retainRecords(false).build();
    generator.writeHours(TYPES, first, hours, FILES_PER_HOUR, RECORDS_PER_FILE, io.ampbraze.testkit.currents.Codec.NULL);
    System.out.printf(Locale.ROOT, "Listing bucket %s: %,d files over %d hours × %d event types, written in %.1f s%n",
        bucket, existing, hours, TYPES.size(), (System.nanoTime() - started) / 1e9);

    // A first task reads every file (locally: same keys, same offsets) and leaves its offsets.
    FakeSourceTaskContext.InMemoryOffsets offsets = new FakeSourceTaskContext.InMemoryOffsets();
    Pace localPace = Pace.of(plan, 0);
    Map<String, String> local = props(localPace);
    local.put("currents.storage", "local");
    local.put("currents.local.root", localRoot.toString());
    try (SourceTaskDriver reader = new SourceTaskDriver(local, offsets)) {
      reader.pollUntil(() -> reader.metrics.read().filesRead() >= existing && reader.metrics.read().pendingFiles() == 0,
          600_000);
    }
    ObjectNode settings = Results.object();
    if (s3 == null) {
      measure(store, existing, local, localPace, offsets, settings, generator, current);
    } else {
      long seeding = System.nanoTime();
      S3MockSeeder.seed(s3.s3(), bucket, localRoot, s3.seeding());
      double seedSeconds = (System.nanoTime() - seeding) / 1e9;
      System.out.printf(Locale.ROOT, "  put into S3Mock bucket %s (%s) and checked through the S3 API in %.1f s%n",
          bucket, s3.seeding() == S3MockSeeder.Mode.BULK ? "bulk" : "S3 API PUTs", seedSeconds);
      settings.put("s3Seeding", s3.seeding().name().toLowerCase(Locale.ROOT));
      settings.put("s3SeedingSeconds", seedSeconds);
      SourceBenchmarks.deleteTree(localRoot);
      long slowestList = S3MockSeeder.slowestDayListingMs(s3.s3(), bucket, SourceBenchmarks.PREFIX, current);
      Pace pace = Pace.of(plan, slowestList);
      System.out.printf(Locale.ROOT, "  S3Mock answers a day's listing in up to %d ms: poll interval %,d ms%n", slowestList,
          pace.pollIntervalMs());
      settings.put("s3SlowestDayListingMs", slowestList);
      Map<String, String> remote = props(pace);
      remote.put("currents.storage", "s3");
      remote.put("currents.bucket", bucket);
      remote.put("s3.endpoint.url", s3.s3().endpoint().toString());
      remote.put("s3.path.style.access", "true");
      remote.put("s3.region", "us-east-1");
      remote.put("s3.access.key.id", S3MockHandle.ACCESS_KEY);
      remote.put("s3.secret.access.key", S3MockHandle.SECRET_KEY);
      try (S3Client client = s3.s3().client()) {
        // New files arrive through the S3 API.
        sink.switchTo((key, bytes) -> client.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(bytes)));
        measure(store, existing, remote, pace, offsets, settings, generator, current);
      }
    }
    SourceBenchmarks.deleteTree(localRoot);
  }

  /** Starts the measured task from {@code offsets} and counts the storage calls of its cycles. */
  private void measure(String store, int existing, Map<String, String> props, Pace pace,
      FakeSourceTaskContext.InMemoryOffsets offsets, ObjectNode settings, CurrentsBucketGenerator generator,
      Instant current) throws Exception {
    int hours = existing / (TYPES.size() * FILES_PER_HOUR);
    settings.put("store", store);
    settings.put("existingFiles", existing);
    settings.put("hours", hours);
    settings.put("eventTypes", TYPES.size());
    settings.put("filesPerHourAndType", FILES_PER_HOUR);
    settings.put("newFilesPerCycle", plan.newFiles());
    settings.put("pollIntervalMs", pace.pollIntervalMs());
    settings.put("cycleEndsAfterQuietMs", pace.quietMs());
    settings.put("lookbackHours", "48 (default)");
    settings.put("sweepHorizonHours", "168 (default)");
    String id = store + "-" + existing;
    Results.Scenario startup = results.scenario("listing-start-" + id,
        "Start of a task on " + store + " with " + existing + " files read", settings);
    Results.Scenario quiet = results.scenario("listing-quiet-" + id,
        "Poll cycle on " + store + ", " + existing + " files read, nothing new", settings);
    Results.Scenario fresh = results.scenario("listing-new-" + id,
        "Poll cycle on " + store + ", " + existing + " files read, " + plan.newFiles() + " new", settings);
    try (SourceTaskDriver task = new SourceTaskDriver(props, offsets)) {
      SourceTaskMetrics.Snapshot s0 = task.metrics.read();
      long t0 = System.nanoTime();
      int more = settle(task, pace, System.currentTimeMillis());
      // Not per cycle: the start's discovery and sweep happen once. Window cycles that fell due
      // meanwhile are in it too (more of them where list requests are slow): hence its time.
      Map<String, Double> start = calls(task.metrics.read().minus(s0));
      start.put("cycles_observed", 1.0 + more);
      start.put("seconds", (System.nanoTime() - t0) / 1e9);
      startup.addRun(start);
      for (int c = 0; c < plan.cycles(); c++) {
        quiet.addRun(oneCycle(task, pace, () -> { }));
      }
      for (int c = 0; c < plan.cycles(); c++) {
        long before = task.metrics.read().recordsRead();
        Map<String, Double> d = oneCycle(task, pace, () -> {
          for (int i = 0; i < plan.newFiles(); i++) {
            generator.write(FileSpec.of(TYPES.get(i % TYPES.size()), current).withRecords(RECORDS_PER_FILE));
          }
        });
        long read = task.metrics.read().recordsRead() - before;
        if (read < (long) plan.newFiles() * RECORDS_PER_FILE) {
          throw new IllegalStateException("the new files were not read in the poll cycle: " + d);
        }
        fresh.addRun(d);
      }
    }
    System.out.printf(Locale.ROOT, "  %s, %,d files read: start %s list / %s get calls; quiet cycle %s list / %s get; "
            + "cycle with %d new files %s list / %s get%n", store, existing,
        startup.stats("list_calls").format("%.0f"), startup.stats("read_calls").format("%.0f"),
        quiet.stats("list_calls").format("%.0f"), quiet.stats("read_calls").format("%.0f"), plan.newFiles(),
        fresh.stats("list_calls").format("%.0f"), fresh.stats("read_calls").format("%.0f"));
    results.write();
  }

  private Map<String, String> props(Pace pace) {
    Map<String, String> p = new HashMap<>();
    p.put("currents.prefix", SourceBenchmarks.PREFIX);
    p.put("topic", "amplitude-events");
    p.put("currents.poll.interval.ms", Long.toString(pace.pollIntervalMs()));
    return p;
  }

  /**
   * How the measured task is paced: its poll interval, and how long listing must pause to count
   * as the end of a cycle. One cycle's listing must end, and pause, well before the next one is
   * due, or cycles run into each other and cannot be told apart. S3Mock answers a list request in
   * time that grows with its bucket (it reads the bucket's whole key index for each): up to a
   * second with 20,000 objects on a busy machine, so the S3 runs are paced by the measured time
   * of a list request. Only the wait between cycles changes: what a cycle lists does not depend on
   * the poll interval.
   */
  record Pace(long pollIntervalMs, long quietMs) {
    /** A pause longer than this between list calls separates two cycles. */
    long gapMs() {
      return quietMs * 2 / 3;
    }

    static Pace of(SourcePlan plan, long slowestListMs) {
      long quiet = Math.max(1_500, 4 * slowestListMs);
      // A cycle: about 3 list calls per event-type folder, plus discovery now and then.
      long cycle = (3L * TYPES.size() + 4) * slowestListMs;
      return new Pace(Math.max(plan.pollIntervalMs(), cycle + 2 * quiet), quiet);
    }
  }

  private static Map<String, Double> calls(SourceTaskMetrics.Snapshot d) {
    return calls(d, 1);
  }

  /** The calls of a measurement that spanned {@code cycles} listing cycles, per cycle. */
  private static Map<String, Double> calls(SourceTaskMetrics.Snapshot d, int cycles) {
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("cycles_observed", (double) cycles);
    out.put("list_calls", (double) d.listCalls() / cycles);
    out.put("files_listed", (double) d.filesListed() / cycles);
    out.put("read_calls", (double) d.readCalls());
    out.put("files_read", (double) d.filesRead());
    out.put("storage_errors", (double) d.storageErrors());
    return out;
  }

  /**
   * Polls until the start-up work (discovery, sweep, re-reads) is done and listing has gone quiet;
   * returns how many further cycles began meanwhile. Listing that resumes after a pause is
   * another cycle only if a poll interval has passed since the last one began (the next window
   * is due one interval after a cycle starts): a slow list request is a pause too.
   */
  private int settle(SourceTaskDriver task, Pace pace, long cycleStartedAt) throws InterruptedException {
    long quietSince = System.currentTimeMillis();
    long lastCalls = task.metrics.read().listCalls();
    long cycleStart = cycleStartedAt;
    int bursts = 0;
    long end = System.currentTimeMillis() + 600_000;
    while (System.currentTimeMillis() - quietSince < pace.quietMs() || task.metrics.read().pendingFiles() > 0) {
      if (System.currentTimeMillis() > end) {
        throw new IllegalStateException("the task did not settle: " + task.metrics.read());
      }
      task.pollOnce();
      long calls = task.metrics.read().listCalls();
      if (calls != lastCalls) {
        long now = System.currentTimeMillis();
        if (now - quietSince >= pace.gapMs() && now - cycleStart >= pace.pollIntervalMs() * 9 / 10) {
          bursts++; // listing resumed after a pause, an interval after the last cycle: another cycle
          cycleStart = now;
        }
        lastCalls = calls;
        quietSince = now;
      }
    }
    return bursts;
  }

  /**
   * The storage calls of exactly one poll cycle: runs {@code before} (e.g. adds new files) while
   * the task is idle between two cycles, then polls until the next cycle's listing has started
   * and gone quiet and nothing is pending.
   */
  private Map<String, Double> oneCycle(SourceTaskDriver task, Pace pace, Runnable before) throws InterruptedException {
    before.run();
    SourceTaskMetrics.Snapshot start = task.metrics.read();
    long end = System.currentTimeMillis() + 5 * pace.pollIntervalMs() + 60_000;
    while (task.metrics.read().listCalls() == start.listCalls()) {
      if (System.currentTimeMillis() > end) {
        throw new IllegalStateException("no poll cycle started");
      }
      task.pollOnce();
    }
    int more = settle(task, pace, System.currentTimeMillis());
    return calls(task.metrics.read().minus(start), 1 + more);
  }

  static void report(SourcePlan plan, Results results) {
    Table t = new Table("store", "files already read", "task start: list / get calls, time", "quiet poll cycle: list calls",
        "files listed", "get calls", "cycle with " + plan.newFiles() + " new files: list calls", "files listed",
        "get calls");
    Map<String, double[]> medians = new LinkedHashMap<>();
    String[][] rows = {
      {"s3", Integer.toString(plan.smallBucketFiles())},
      {"s3", Integer.toString(plan.largeBucketFiles())},
      {"local", Integer.toString(plan.smallBucketFiles())},
      {"local", Integer.toString(plan.largeBucketFiles())}
    };
    for (String[] row : rows) {
      String id = row[0] + "-" + row[1];
      Results.Scenario start = results.get("listing-start-" + id);
      Results.Scenario quiet = results.get("listing-quiet-" + id);
      Results.Scenario fresh = results.get("listing-new-" + id);
      if (start == null || quiet == null || fresh == null || fresh.runCount() == 0) {
        continue;
      }
      t.row(row[0].equals("s3") ? "S3 (S3Mock)" : "local", String.format(Locale.ROOT, "%,d", Integer.parseInt(row[1])),
          start.stats("list_calls").format("%.0f") + " / " + start.stats("read_calls").format("%.0f") + " in "
              + start.stats("seconds").format("%.0f") + " s",
          quiet.stats("list_calls").format("%.0f"), quiet.stats("files_listed").format("%,.0f"),
          quiet.stats("read_calls").format("%.0f"), fresh.stats("list_calls").format("%.0f"),
          fresh.stats("files_listed").format("%,.0f"), fresh.stats("read_calls").format("%.0f"));
      medians.put(id, new double[] {quiet.stats("list_calls").median(), fresh.stats("list_calls").median(),
          fresh.stats("read_calls").median(), fresh.stats("files_listed").median()});
    }
    if (medians.isEmpty()) {
      return;
    }
    results.markdown(t.render("Source: storage calls per poll cycle (median (min–max) of " + plan.cycles()
        + " cycles; S3 = S3Mock through the S3 API, see S3MockSeeder for how the buckets are filled)"));
    // The measurement is S3's; the local store runs the same listing logic.
    for (String store : new String[] {"s3", "local"}) {
      double[] small = medians.get(store + "-" + plan.smallBucketFiles());
      double[] large = medians.get(store + "-" + plan.largeBucketFiles());
      if (small == null || large == null) {
        continue;
      }
      boolean flat = large[0] <= small[0] && large[1] <= small[1] && large[2] <= small[2];
      results.target("source", "storage calls of a poll cycle do not grow with the files already read ("
              + (store.equals("s3") ? "S3 (S3Mock)" : "local store") + ")", flat,
          String.format(Locale.ROOT, "cycle with %d new files: %.0f list + %.0f get calls with %,d files read, %.0f + "
              + "%.0f with %,d (files listed %,.0f vs %,.0f); quiet cycles %.0f vs %.0f list calls", plan.newFiles(),
              small[1], small[2], plan.smallBucketFiles(), large[1], large[2], plan.largeBucketFiles(), small[3],
              large[3], small[0], large[0]));
    }
  }
}
