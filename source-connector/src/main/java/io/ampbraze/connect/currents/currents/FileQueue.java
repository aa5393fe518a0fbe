package io.ampbraze.connect.currents.currents;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The files waiting to be read, oldest hour first. A partly read file (resumed from an offset)
 * goes before everything else, so no other file of its hour starts before it is finished: an
 * hour's offset holds one position only.
 */
final class FileQueue {
  private record Entry(CurrentsFile file, boolean resume) {}

  private static final Comparator<Entry> ORDER =
      Comparator.comparing((Entry e) -> !e.resume)
          .thenComparing(e -> e.file.hour())
          .thenComparing(e -> e.file.folder().folder())
          .thenComparing(e -> e.file.key());

  private final TreeSet<Entry> ordered = new TreeSet<>(ORDER);
  private final Map<String, Entry> byKey = new HashMap<>();
  private final Map<HourKey, Integer> perHour = new HashMap<>();
  private String reading;

  /** Queues a file unless it is queued already or being read; whether it was added. */
  boolean offer(CurrentsFile file, boolean resume) {
    if (file.key().equals(reading)) {
      return false;
    }
    Entry existing = byKey.get(file.key());
    if (existing != null) {
      if (resume && !existing.resume) {
        ordered.remove(existing);
        Entry upgraded = new Entry(existing.file, true);
        ordered.add(upgraded);
        byKey.put(file.key(), upgraded);
      }
      return false;
    }
    Entry e = new Entry(file, resume);
    ordered.add(e);
    byKey.put(file.key(), e);
    perHour.merge(file.hourKey(), 1, Integer::sum);
    return true;
  }

  /** Takes the next file and remembers it as the one being read. */
  CurrentsFile poll() {
    Entry e = ordered.pollFirst();
    if (e == null) {
      return null;
    }
    byKey.remove(e.file.key());
    perHour.computeIfPresent(e.file.hourKey(), (k, n) -> n == 1 ? null : n - 1);
    reading = e.file.key();
    return e.file;
  }

  /** The file taken last is no longer being read. */
  void doneReading() {
    reading = null;
  }

  int size() {
    return ordered.size();
  }

  boolean isEmpty() {
    return ordered.isEmpty();
  }

  boolean hasHour(HourKey key) {
    return perHour.containsKey(key);
  }

  /** Whether a file of {@code folder} older than {@code hour} is queued. */
  boolean hasFileBefore(String folder, UtcHour hour) {
    for (HourKey k : perHour.keySet()) {
      if (k.folder().equals(folder) && k.hour().isBefore(hour)) {
        return true;
      }
    }
    return false;
  }

  /** The oldest last-modified time of the queued files whose time is known. */
  Optional<Instant> oldestLastModified() {
    Instant oldest = null;
    for (Entry e : ordered) {
      Instant t = e.file.lastModified();
      if (t != null && (oldest == null || t.isBefore(oldest))) {
        oldest = t;
      }
    }
    return Optional.ofNullable(oldest);
  }
}
