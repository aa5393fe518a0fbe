package io.ampbraze.connect.currents.currents;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The progress of one hour folder of one event type (one source partition): which files are
 * finished, and which file is being read and how far. Mutated by the polling thread only; the
 * acknowledgement counters are also touched by the worker's producer and commit threads.
 */
public final class HourState {
  private final HourKey key;
  private final Map<String, String> partition;
  private final Set<String> done;
  private String doneEncoded;
  private UtcHour sealedBeforeOf;
  private String sealedBeforeText;
  private String file;
  private long position;
  private final UtcHour loadedSealedBefore;
  private final boolean loadedFromOffsets;

  private long emitted;
  private final AtomicLong acked = new AtomicLong();
  private volatile long lastAckEpoch;

  HourState(
      HourKey key,
      Set<String> done,
      String file,
      long position,
      UtcHour loadedSealedBefore,
      boolean loadedFromOffsets) {
    this.key = key;
    this.partition = SourceOffsets.partition(key);
    this.done = new HashSet<>(done);
    this.file = file;
    this.position = position;
    this.loadedSealedBefore = loadedSealedBefore;
    this.loadedFromOffsets = loadedFromOffsets;
  }

  /** A fresh state: nothing read yet. */
  public static HourState empty(HourKey key) {
    return new HourState(key, Set.of(), null, 0, null, false);
  }

  public HourKey key() {
    return key;
  }

  /** The source partition (one instance, shared by every record of this hour). */
  public Map<String, String> partition() {
    return partition;
  }

  public boolean isDone(String fileKey) {
    return done.contains(FileId.of(fileKey));
  }

  /** The file in progress (partly read), if any. */
  public String file() {
    return file;
  }

  /** How many records of {@link #file()} were consumed. */
  public long position() {
    return position;
  }

  /** Where to start reading {@code fileKey}: its stored position if it is in progress, else 0. */
  public long startPosition(String fileKey) {
    return fileKey.equals(file) ? position : 0;
  }

  /** Records that {@code fileKey} has been consumed up to {@code position} records. */
  public void advance(String fileKey, long position) {
    this.file = fileKey;
    this.position = position;
  }

  /** Records that {@code fileKey} is finished (read to its end, skipped, or gone). */
  public void markDone(String fileKey) {
    if (done.add(FileId.of(fileKey))) {
      doneEncoded = null;
    }
    if (fileKey.equals(file)) {
      file = null;
      position = 0;
    }
  }

  /** How many files are finished. */
  public int doneCount() {
    return done.size();
  }

  /** The {@code sealed_before} this state was loaded with, if any. */
  public UtcHour loadedSealedBefore() {
    return loadedSealedBefore;
  }

  /** Whether this state came from a stored offset (as opposed to starting empty). */
  public boolean loadedFromOffsets() {
    return loadedFromOffsets;
  }

  /** The offset a record emitted now carries for this partition. */
  public Map<String, Object> offset(UtcHour sealedBefore) {
    if (sealedBefore != null && !sealedBefore.equals(sealedBeforeOf)) {
      sealedBeforeOf = sealedBefore;
      sealedBeforeText = sealedBefore.toString(); // formatted once, not for every record
    }
    return SourceOffsets.offset(
        doneEncoded(), file, position, sealedBefore == null ? null : sealedBeforeText);
  }

  String doneEncoded() {
    if (doneEncoded == null) {
      doneEncoded = String.join(",", new TreeSet<>(done));
    }
    return doneEncoded;
  }

  // Acknowledgement bookkeeping, to know when this state is safely committed.

  /** Called on the polling thread for each record emitted for this partition. */
  public void emitted() {
    emitted++;
  }

  /** Called by the worker (any thread) once a record of this partition was written to Kafka. */
  public void acked(long commitEpoch) {
    acked.incrementAndGet();
    lastAckEpoch = commitEpoch;
  }

  /**
   * Whether everything emitted for this partition is in Kafka and an offset flush has surely
   * covered it: the last acknowledgement came before the previous commit, so the flush that
   * ended with the latest commit started after it.
   */
  public boolean committed(long currentCommitEpoch) {
    return acked.get() == emitted && (emitted == 0 || lastAckEpoch <= currentCommitEpoch - 2);
  }
}
