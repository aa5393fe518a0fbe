package io.ampbraze.connect.currents.currents;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.ampbraze.connect.currents.metrics.SourceTaskMetrics;
import io.ampbraze.connect.currents.storage.CurrentsStorage;
import io.ampbraze.connect.currents.storage.ListPage;
import io.ampbraze.connect.currents.storage.StorageException;
import io.ampbraze.connect.currents.storage.StorageObject;

/**
 * Decides what to list and queues the files not finished yet. Per event-type folder:
 *
 * <ul>
 *   <li>the <b>window</b>: the hours from {@code lookback} hours ago to the next hour, every
 *       poll interval (a few day or hour prefixes, see {@link ListingPlan});
 *   <li>the <b>sweep</b>: the hours between the seal and the window, when the folder is first
 *       seen and then every sweep interval; when a sweep has run and its files are read, the
 *       hours older than the sweep horizon become sealed: final, never listed again;
 *   <li>the folders above the event types, every discovery interval ({@link Discovery}).
 * </ul>
 *
 * Listing work is done in steps of one request, so a poll can stop at its deadline and go on
 * next time; sweeps only step while few files are queued, which bounds memory in a backfill.
 */
final class Scanner {
  private static final Logger log = LoggerFactory.getLogger(Scanner.class);
  /** How far back stored offsets are searched for a seal when the window holds none. */
  private static final int SEAL_SEARCH_HOURS = 400 * 24;
  private static final int MAX_WARNED_KEYS = 10_000;

  private enum Kind {
    WINDOW,
    SWEEP
  }

  /** One event-type folder and its seal. */
  private static final class Stream {
    final EventTypeFolder folder;
    UtcHour sealedBefore;
    UtcHour candidateSeal;
    boolean windowQueued;
    boolean sweepQueued;

    Stream(EventTypeFolder folder, UtcHour sealedBefore) {
      this.folder = folder;
      this.sealedBefore = sealedBefore;
    }
  }

  /** A listing of some prefixes of one folder, filtered to an hour range, one page per step. */
  private static final class ListJob {
    final Kind kind;
    final Stream stream;
    final List<String> prefixes;
    final UtcHour from; // null: no lower bound
    final UtcHour to;
    final Instant startedAt;
    int index;
    String token;

    ListJob(Kind kind, Stream stream, UtcHour from, UtcHour to, Instant startedAt) {
      this.kind = kind;
      this.stream = stream;
      this.from = from;
      this.to = to;
      this.startedAt = startedAt;
      this.prefixes = ListingPlan.prefixes(stream.folder, from, to);
    }

    boolean done() {
      return index >= prefixes.size();
    }

    boolean inRange(UtcHour h) {
      return (from == null || !h.isBefore(from)) && !h.isAfter(to);
    }
  }

  private final CurrentsStorage storage;
  private final Discovery discovery;
  private final ProgressStore progress;
  private final FileQueue queue;
  private final ScanSettings settings;
  private final SourceTaskMetrics metrics;
  private final Clock clock;

  private final Map<String, Stream> streams = new LinkedHashMap<>();
  /** The stream {@link #sealedBefore} found last, and the folder instance it was asked for. */
  private String lastSealFolder;
  private Stream lastSealStream;
  private final Deque<ListJob> windowJobs = new ArrayDeque<>();
  private final Deque<ListJob> sweepJobs = new ArrayDeque<>();
  private final Set<String> warnedKeys = new HashSet<>();
  private Instant nextDiscovery;
  private Instant nextWindow;
  private Instant nextSweep;

  Scanner(
      CurrentsStorage storage,
      Discovery discovery,
      ProgressStore progress,
      FileQueue queue,
      ScanSettings settings,
      SourceTaskMetrics metrics,
      Clock clock) {
    this.clock = clock;
    this.storage = storage;
    this.discovery = discovery;
    this.progress = progress;
    this.queue = queue;
    this.settings = settings;
    this.metrics = metrics;
  }

  /**
   * Does the listing work that is due, until {@code deadline}: discovery, window listings (at
   * least one step per call), and sweep steps while fewer than {@code lowWater} files are queued.
   */
  void run(Instant now, Instant deadline, int lowWater) throws StorageException {
    if (nextDiscovery == null || !now.isBefore(nextDiscovery)) {
      discover(now);
      nextDiscovery = now.plus(settings.discoveryInterval());
    }
    if (nextWindow == null || !now.isBefore(nextWindow)) {
      for (Stream s : streams.values()) {
        if (!s.windowQueued) {
          queueWindow(s, now);
        }
      }
      nextWindow = now.plus(settings.pollInterval());
    }
    if (nextSweep == null) {
      nextSweep = now.plus(settings.sweepInterval());
    } else if (!now.isBefore(nextSweep)) {
      for (Stream s : streams.values()) {
        if (!s.sweepQueued) {
          queueSweep(s, now);
        }
      }
      nextSweep = now.plus(settings.sweepInterval());
    }
    boolean first = true;
    while (!windowJobs.isEmpty() && (first || deadline.isAfter(clock.instant()))) {
      step(windowJobs);
      first = false;
    }
    while (!sweepJobs.isEmpty() && queue.size() < lowWater && deadline.isAfter(clock.instant())) {
      step(sweepJobs);
    }
  }

  /** When listing work is next due (for an idle task's wait). */
  Instant nextDue() {
    Instant t = nextWindow;
    for (Instant x : new Instant[] {nextDiscovery, nextSweep}) {
      if (x != null && (t == null || x.isBefore(t))) {
        t = x;
      }
    }
    return t;
  }

  /** Whether listing work is waiting to be stepped. */
  boolean hasPendingJobs() {
    return !windowJobs.isEmpty() || !sweepJobs.isEmpty();
  }

  /** The seal of a folder: its hours before this one are final. Null if none. */
  UtcHour sealedBefore(String folder) {
    // Asked for every emitted record, mostly with the same folder instance: a map lookup would
    // compare the long key text each time. Streams are only ever added, so a found one stays.
    Stream s = lastSealStream;
    if (s == null || folder != lastSealFolder) {
      s = streams.get(folder);
      if (s == null) {
        return null;
      }
      lastSealFolder = folder;
      lastSealStream = s;
    }
    return s.sealedBefore;
  }

  /** The first hour the window of {@code now} covers. */
  UtcHour windowStart(Instant now) {
    return UtcHour.of(now).plusHours(-settings.lookbackHours());
  }

  /**
   * Moves seals forward where a sweep has completed and no file older than its candidate seal
   * is left to read ({@code unfinished} tells).
   */
  void advanceSeals(BiPredicate<String, UtcHour> unfinished) {
    for (Stream s : streams.values()) {
      UtcHour c = s.candidateSeal;
      if (c == null) {
        continue;
      }
      if (s.sealedBefore != null && !c.isAfter(s.sealedBefore)) {
        s.candidateSeal = null;
      } else if (!unfinished.test(s.folder.folder(), c)) {
        log.debug("{}: hours before {} are sealed", s.folder.folder(), c);
        s.sealedBefore = c;
        s.candidateSeal = null;
      }
    }
  }

  private void discover(Instant now) throws StorageException {
    List<EventTypeFolder> found = discovery.discover();
    List<EventTypeFolder> fresh = new ArrayList<>();
    for (EventTypeFolder f : found) {
      if (!streams.containsKey(f.folder())) {
        fresh.add(f);
      }
    }
    if (fresh.isEmpty()) {
      return;
    }
    UtcHour windowStart = windowStart(now);
    UtcHour windowEnd = UtcHour.of(now).plusHours(1);
    List<HourKey> window = new ArrayList<>();
    for (EventTypeFolder f : fresh) {
      for (UtcHour h = windowStart; !h.isAfter(windowEnd); h = h.plusHours(1)) {
        window.add(new HourKey(f.folder(), h));
      }
    }
    queueResumes(progress.load(window));
    for (EventTypeFolder f : fresh) {
      UtcHour sealed = null;
      boolean anyStored = false;
      for (UtcHour h = windowStart; !h.isAfter(windowEnd); h = h.plusHours(1)) {
        HourState st = progress.get(new HourKey(f.folder(), h));
        anyStored |= st.loadedFromOffsets();
        sealed = later(sealed, st.loadedSealedBefore());
      }
      if (!anyStored) {
        // A quiet folder: its last offsets, and so its seal, may be older than the window.
        List<HourKey> older = new ArrayList<>();
        UtcHour from = windowStart.plusHours(-SEAL_SEARCH_HOURS);
        if (settings.startHour().isPresent()) {
          from = UtcHour.max(from, settings.startHour().get());
        }
        for (UtcHour h = from; h.isBefore(windowStart); h = h.plusHours(1)) {
          older.add(new HourKey(f.folder(), h));
        }
        sealed = later(sealed, progress.peekSealed(older).orElse(null));
      }
      Stream s = new Stream(f, sealed);
      streams.put(f.folder(), s);
      log.info(
          "Reading Currents event type {} from {}{}",
          f.eventType(),
          f.folder(),
          sealed == null ? "" : " (hours before " + sealed + " already read)");
      queueSweep(s, now);
      queueWindow(s, now);
    }
    metrics.eventTypeFolders(streams.size());
  }

  private void queueWindow(Stream s, Instant now) {
    UtcHour from = windowStart(now);
    if (settings.startHour().isPresent()) {
      from = UtcHour.max(from, settings.startHour().get());
    }
    UtcHour to = UtcHour.of(now).plusHours(1);
    if (!from.isAfter(to)) {
      windowJobs.add(new ListJob(Kind.WINDOW, s, from, to, now));
      s.windowQueued = true;
    }
  }

  private void queueSweep(Stream s, Instant now) {
    UtcHour to = windowStart(now).plusHours(-1);
    UtcHour from = s.sealedBefore;
    if (settings.startHour().isPresent()) {
      from = later(from, settings.startHour().get());
    }
    ListJob job = new ListJob(Kind.SWEEP, s, from, to, now);
    if (job.done()) {
      sweepCompleted(job);
    } else {
      sweepJobs.add(job);
      s.sweepQueued = true;
    }
  }

  private void sweepCompleted(ListJob job) {
    job.stream.sweepQueued = false;
    if (settings.sweepHorizonHours() > 0) {
      UtcHour candidate = UtcHour.of(job.startedAt).plusHours(-settings.sweepHorizonHours());
      Stream s = job.stream;
      s.candidateSeal = later(s.candidateSeal, candidate);
    }
  }

  /** Lists one page of the first job of {@code jobs} and queues what it finds. */
  private void step(Deque<ListJob> jobs) throws StorageException {
    ListJob job = jobs.peekFirst();
    ListPage<StorageObject> page = storage.listFiles(job.prefixes.get(job.index), job.token);
    List<CurrentsFile> found = new ArrayList<>();
    Set<HourKey> hours = new HashSet<>();
    for (StorageObject o : page.items()) {
      Optional<CurrentsKey> parsed = CurrentsKey.parse(o.key());
      if (parsed.isEmpty()
          || !parsed.get().eventTypeFolder().equals(job.stream.folder.folder())
          || !parsed.get().isDataFile()) {
        ignore(o.key(), parsed.isEmpty() ? "not in the Currents layout" : "not a Currents data file");
        continue;
      }
      UtcHour h = parsed.get().hour();
      if (!job.inRange(h) || settings.startHour().map(h::isBefore).orElse(false)) {
        continue;
      }
      CurrentsFile f = new CurrentsFile(o.key(), job.stream.folder, h, o.lastModified());
      found.add(f);
      hours.add(f.hourKey());
    }
    queueResumes(progress.load(hours));
    for (CurrentsFile f : found) {
      if (!progress.get(f.hourKey()).isDone(f.key()) && queue.offer(f, false)) {
        metrics.fileQueued();
      }
    }
    job.token = page.nextPageToken();
    if (job.token == null) {
      job.index++;
    }
    if (job.done()) {
      jobs.removeFirst();
      if (job.kind == Kind.WINDOW) {
        job.stream.windowQueued = false;
      } else {
        sweepCompleted(job);
      }
    }
  }

  /** Queues, first of all, the partly read files of newly loaded hours. */
  private void queueResumes(List<HourState> loaded) {
    for (HourState st : loaded) {
      if (st.file() == null) {
        continue;
      }
      Stream s = streams.get(st.key().folder());
      EventTypeFolder folder =
          s != null
              ? s.folder
              : new EventTypeFolder(
                  st.key().folder(), CurrentsKey.eventTypeOfFolder(st.key().folder()).orElseThrow());
      if (settings.startHour().map(st.key().hour()::isBefore).orElse(false)) {
        continue;
      }
      if (queue.offer(new CurrentsFile(st.file(), folder, st.key().hour(), null), true)) {
        metrics.fileQueued();
      }
    }
  }

  private void ignore(String key, String why) {
    if (warnedKeys.size() >= MAX_WARNED_KEYS) {
      warnedKeys.clear();
    }
    if (warnedKeys.add(key)) {
      metrics.fileIgnored();
      log.warn("Ignoring {}: {}", key, why);
    }
  }

  private static UtcHour later(UtcHour a, UtcHour b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : UtcHour.max(a, b);
  }
}
