package io.ampbraze.connect.currents.currents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.ampbraze.connect.currents.config.CorruptFilePolicy;
import io.ampbraze.connect.currents.config.CurrentsSourceConfig;
import io.ampbraze.connect.currents.config.TopicTemplate;
import io.ampbraze.connect.currents.mapping.Converted;
import io.ampbraze.connect.currents.mapping.RecordConverter;
import io.ampbraze.connect.currents.metrics.SourceTaskMetrics;
import io.ampbraze.connect.currents.storage.CurrentsStorage;
import io.ampbraze.connect.currents.storage.StorageException;

/**
 * The work of one source task: list what is due ({@link Scanner}), read queued files record by
 * record ({@link AvroFileReader}), convert them ({@link RecordConverter}) and return source
 * records whose offsets say exactly how far each hour folder has been read.
 *
 * <p>An emitted record is held back until the next one of its file is known (if need be until
 * the next poll), so its offset already covers the records skipped after it, and the last one of
 * a file carries the file's completion: a restart never re-reads a file that had a record
 * emitted. A held record that was not handed to the worker is simply read again after a restart,
 * since no committed offset covers it.
 */
public final class CurrentsPoller {
  public static final String HEADER_EVENT_TYPE = "currents.event_type";
  public static final String HEADER_FILE = "currents.file";
  public static final String HEADER_RECORD = "currents.record";

  private static final Logger log = LoggerFactory.getLogger(CurrentsPoller.class);
  private static final Duration LIST_BUDGET = Duration.ofSeconds(2);
  private static final Duration READ_BUDGET = Duration.ofSeconds(2);
  private static final Duration MAX_IDLE_WAIT = Duration.ofSeconds(1);
  private static final int INVALID_WARNINGS_PER_FILE = 5;

  /** Waits, and can be woken up when the task stops. */
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private static final class OpenFile {
    final CurrentsFile file;
    final HourState state;
    final AvroFileReader reader;
    long invalid;
    // The same for every record of the file: made once (headers are immutable, so shared).
    String topic;
    Header eventTypeHeader;
    Header fileHeader;

    OpenFile(CurrentsFile file, HourState state, AvroFileReader reader) {
      this.file = file;
      this.state = state;
      this.reader = reader;
    }
  }

  private record Held(OpenFile of, Converted.Emit emit, long index) {}

  private final CurrentsStorage storage;
  private final RecordConverter converter;
  private final TopicTemplate topic;
  private final CorruptFilePolicy policy;
  private final int batchSize;
  private final ProgressStore progress;
  private final FileQueue queue = new FileQueue();
  private final Scanner scanner;
  private final StorageRetry retry;
  private final SourceTaskMetrics metrics;
  private final Clock clock;
  private final Sleeper sleeper;

  private OpenFile current;
  private Held held;
  private ConnectException failure;

  public CurrentsPoller(
      CurrentsSourceConfig config,
      CurrentsStorage storage,
      OffsetStorageReader offsets,
      RecordConverter converter,
      SourceTaskMetrics metrics,
      Clock clock,
      Sleeper sleeper) {
    this.storage = storage;
    this.converter = converter;
    this.topic = config.topic();
    this.policy = config.corruptFilePolicy();
    this.batchSize = config.batchSize();
    this.progress = new ProgressStore(offsets);
    this.metrics = metrics;
    this.clock = clock;
    this.sleeper = sleeper;
    Discovery discovery =
        new Discovery(
            storage,
            config.prefix(),
            config.eventTypeFilter(),
            new TaskAssignment(config.taskId(), config.taskCount()));
    this.scanner =
        new Scanner(storage, discovery, progress, queue, ScanSettings.from(config), metrics, clock);
    this.retry =
        new StorageRetry(
            storage.describe(), config.storageRetryTimeout(), config.storageRetryBackoffMax(), clock);
  }

  /**
   * One poll: due listing work, then up to a batch of records. Returns null when there is
   * nothing to emit (after a short wait when idle or backing off).
   */
  public List<SourceRecord> poll() throws InterruptedException {
    if (failure != null) {
      throw failure;
    }
    Duration wait = retry.remainingWait();
    if (!wait.isZero()) {
      // Short waits: the worker only stops a task between two polls.
      sleeper.sleep(min(wait, MAX_IDLE_WAIT));
      return null;
    }
    Instant now = clock.instant();
    List<SourceRecord> out = new ArrayList<>();
    try {
      scanner.run(now, now.plus(LIST_BUDGET), Math.max(100, batchSize));
      read(out, clock.instant().plus(READ_BUDGET));
      retry.succeeded();
    } catch (StorageException e) {
      release(out);
      retry.failed(e).ifPresent(f -> failure = f);
    }
    housekeeping(now);
    if (out.isEmpty()) {
      if (failure != null) {
        throw failure;
      }
      if (!retry.failing() && current == null && queue.isEmpty() && !scanner.hasPendingJobs()) {
        Duration untilDue = Duration.between(clock.instant(), scanner.nextDue());
        sleeper.sleep(untilDue.isNegative() ? Duration.ZERO : min(untilDue, MAX_IDLE_WAIT));
      }
      return null;
    }
    return out;
  }

  /** The worker wrote a record to Kafka. */
  public void acked(SourceRecord record) {
    progress.acked(record.sourcePartition());
  }

  /** The worker committed offsets. */
  public void committed() {
    progress.committed();
  }

  /** Hours whose progress is held in memory (for tests of eviction). */
  int hoursInMemory() {
    return progress.size();
  }

  public void close() {
    if (current != null) {
      current.reader.close();
      current = null;
    }
  }

  private void read(List<SourceRecord> out, Instant deadline) throws StorageException {
    while (failure == null && out.size() < batchSize) {
      if (current == null) {
        // Files without emittable records could keep a poll busy: stop at the deadline anyway.
        if (!clock.instant().isBefore(deadline)) {
          break;
        }
        CurrentsFile f = queue.poll();
        if (f == null) {
          break;
        }
        open(f, out);
        continue;
      }
      readRecords(current, out);
      if (!clock.instant().isBefore(deadline)) {
        break;
      }
    }
    if (held != null && held.of != current) {
      flushHeld(out);
    }
  }

  private void open(CurrentsFile f, List<SourceRecord> out) throws StorageException {
    HourState st = progress.get(f.hourKey());
    if (st == null) {
      // The scanner loads an hour before queuing its files, and queued hours are never evicted.
      throw new IllegalStateException("no progress loaded for the hour of " + f.key());
    }
    if (st.isDone(f.key())) {
      queue.doneReading();
      return;
    }
    long start = st.startPosition(f.key());
    AvroFileReader reader;
    try {
      reader = AvroFileReader.open(storage, f.key(), start);
    } catch (StorageException e) {
      queue.doneReading();
      if (e.kind() == StorageException.Kind.NOT_FOUND) {
        log.warn("Currents file {} was deleted before it was read; going on without it", f.key());
        metrics.fileSkipped(f.key(), "deleted before it was read");
        st.markDone(f.key());
        return;
      }
      queue.offer(f, f.key().equals(st.file()));
      throw e;
    } catch (CorruptFileException e) {
      corrupt(new OpenFile(f, st, null), e, out);
      return;
    }
    current = new OpenFile(f, st, reader);
    Optional<String> problem = converter.schemaProblem(reader.schema());
    if (problem.isPresent()) {
      corrupt(current, new CorruptFileException(f.key(), start, problem.get(), null), out);
    } else if (reader.position() < start) {
      log.warn(
          "Currents file {} has {} records, fewer than the {} its offset says were read;"
              + " treating it as finished",
          f.key(), reader.position(), start);
      finish(current, out);
    } else if (start > 0) {
      log.info("Resuming Currents file {} at record {}", f.key(), start);
    }
  }

  private void readRecords(OpenFile of, List<SourceRecord> out) throws StorageException {
    String key = of.file.key();
    while (out.size() < batchSize) {
      GenericRecord record;
      try {
        if (!of.reader.hasNext()) {
          finish(of, out);
          return;
        }
        record = of.reader.next();
      } catch (CorruptFileException e) {
        corrupt(of, e, out);
        return;
      }
      metrics.recordRead();
      long position = of.reader.position();
      Converted c = converter.convert(of.file.folder().eventType(), record);
      if (c instanceof Converted.Emit emit) {
        flushHeld(out);
        of.state.advance(key, position);
        held = new Held(of, emit, position - 1);
      } else if (c instanceof Converted.SkipNoId) {
        metrics.recordSkippedNoId();
        of.state.advance(key, position);
      } else if (c instanceof Converted.Invalid inv) {
        String what =
            "record " + (position - 1) + " of Currents file " + key + " cannot be mapped: field '"
                + inv.field() + "' " + inv.reason();
        if (policy == CorruptFilePolicy.FAIL) {
          fail(of, what + ". Set currents.on.corrupt.file=skip to skip such records.", null, out);
          return;
        }
        metrics.recordInvalid();
        if (++of.invalid <= INVALID_WARNINGS_PER_FILE) {
          log.warn("Skipping {}", what);
        }
        of.state.advance(key, position);
      }
    }
  }

  /** Emits the held record with its hour's current offset. */
  private void flushHeld(List<SourceRecord> out) {
    if (held == null) {
      return;
    }
    OpenFile of = held.of;
    HourState st = of.state;
    if (of.topic == null) {
      String eventType = of.file.folder().eventType();
      of.topic = topic.topicFor(eventType);
      of.eventTypeHeader = stringHeader(HEADER_EVENT_TYPE, eventType);
      of.fileHeader = stringHeader(HEADER_FILE, of.file.key());
    }
    ConnectHeaders headers = new ConnectHeaders();
    headers.add(of.eventTypeHeader);
    headers.add(of.fileHeader);
    headers.addLong(HEADER_RECORD, held.index);
    Map<String, Object> offset = st.offset(scanner.sealedBefore(of.file.folder().folder()));
    out.add(
        new SourceRecord(
            st.partition(),
            offset,
            of.topic,
            null,
            Schema.OPTIONAL_STRING_SCHEMA,
            held.emit.key(),
            null,
            held.emit.value(),
            null,
            headers));
    st.emitted();
    metrics.recordEmitted();
    held = null;
  }

  private static Header stringHeader(String key, String value) {
    return new ConnectHeaders().addString(key, value).lastWithName(key);
  }

  private void finish(OpenFile of, List<SourceRecord> out) {
    of.state.markDone(of.file.key());
    flushHeld(out); // the file's last record carries its completion
    metrics.fileRead();
    if (of.invalid > INVALID_WARNINGS_PER_FILE) {
      log.warn("Skipped {} unmappable records in all in {}", of.invalid, of.file.key());
    }
    closeCurrent(of);
  }

  private void corrupt(OpenFile of, CorruptFileException e, List<SourceRecord> out) {
    if (policy == CorruptFilePolicy.FAIL) {
      fail(
          of,
          "Currents file " + of.file.key() + " in " + storage.describe() + " is unreadable after "
              + e.goodRecords() + " records: " + e.reason() + ". The records before the damage"
              + " were emitted. Set currents.on.corrupt.file=skip to skip the rest of such files.",
          e,
          out);
      return;
    }
    log.warn(
        "Skipping the rest of Currents file {} after {} good records: {}",
        of.file.key(), e.goodRecords(), e.reason());
    metrics.fileSkipped(of.file.key(), e.reason());
    of.state.markDone(of.file.key());
    flushHeld(out);
    closeCurrent(of);
  }

  /**
   * Stops reading for good: emits what was read before, and the task fails at the end of this
   * poll. The file is not marked finished, so a restarted task meets the same problem.
   */
  private void fail(OpenFile of, String message, Throwable cause, List<SourceRecord> out) {
    flushHeld(out);
    log.error(message);
    failure = new ConnectException(message, cause);
    closeCurrent(of);
  }

  private void closeCurrent(OpenFile of) {
    if (of.reader != null) {
      of.reader.close();
    }
    if (current == of) {
      current = null;
    }
    queue.doneReading();
  }

  /** After a store failure: emit what was read, put the open file back to resume it later. */
  private void release(List<SourceRecord> out) {
    flushHeld(out);
    if (current != null) {
      OpenFile of = current;
      closeCurrent(of);
      queue.offer(of.file, true);
    }
  }

  private void housekeeping(Instant now) {
    OpenFile reading = current;
    scanner.advanceSeals(
        (folder, hour) ->
            queue.hasFileBefore(folder, hour)
                || (reading != null
                    && reading.file.folder().folder().equals(folder)
                    && reading.file.hour().isBefore(hour)));
    UtcHour windowStart = scanner.windowStart(now);
    progress.evict(
        st ->
            st.key().hour().isBefore(windowStart)
                && !queue.hasHour(st.key())
                && (reading == null || !reading.file.hourKey().equals(st.key())));
    Optional<Instant> oldest = queue.oldestLastModified();
    if (reading != null && reading.file.lastModified() != null
        && (oldest.isEmpty() || reading.file.lastModified().isBefore(oldest.get()))) {
      oldest = Optional.of(reading.file.lastModified());
    }
    long age = oldest.map(t -> Math.max(0, Duration.between(t, now).toMillis())).orElse(0L);
    metrics.pending(queue.size() + (reading != null ? 1 : 0), age);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
