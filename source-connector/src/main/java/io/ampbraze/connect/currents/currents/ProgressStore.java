package io.ampbraze.connect.currents.currents;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * The in-memory progress of the hours a task works on, loaded lazily from Connect's stored
 * offsets (one call for many hours) and dropped again once an old hour is idle and its last
 * offset is surely committed.
 */
public final class ProgressStore {
  private final OffsetStorageReader reader;
  private final Map<HourKey, HourState> states = new ConcurrentHashMap<>();
  private final Map<Map<String, String>, HourState> byPartition = new ConcurrentHashMap<>();
  private final AtomicLong commitEpoch = new AtomicLong();
  /** The state of the last acknowledged record (an evicted state is never acknowledged again). */
  private volatile HourState lastAcked;

  public ProgressStore(OffsetStorageReader reader) {
    this.reader = reader;
  }

  /** The state of a loaded hour, or null. */
  public HourState get(HourKey key) {
    return states.get(key);
  }

  /**
   * Makes sure the hours are in memory, reading the stored offsets of those that are not in one
   * call; returns the states that were loaded now.
   */
  public List<HourState> load(Collection<HourKey> keys) {
    Map<Map<String, String>, HourKey> missing = new HashMap<>();
    for (HourKey k : keys) {
      if (!states.containsKey(k)) {
        missing.put(SourceOffsets.partition(k), k);
      }
    }
    if (missing.isEmpty()) {
      return List.of();
    }
    Map<Map<String, String>, Map<String, Object>> stored = read(missing.keySet());
    List<HourState> loaded = new ArrayList<>(missing.size());
    for (Map.Entry<Map<String, String>, HourKey> e : missing.entrySet()) {
      HourState s = parse(e.getValue(), stored.get(e.getKey()));
      states.put(e.getValue(), s);
      byPartition.put(s.partition(), s);
      loaded.add(s);
    }
    return loaded;
  }

  /**
   * The latest {@code sealed_before} among the stored offsets of these hours, read without
   * keeping them in memory; and whether any of them had an offset at all.
   */
  public Optional<UtcHour> peekSealed(Collection<HourKey> keys) {
    Map<Map<String, String>, HourKey> partitions = new HashMap<>();
    keys.forEach(k -> partitions.put(SourceOffsets.partition(k), k));
    UtcHour latest = null;
    for (Map.Entry<Map<String, String>, Map<String, Object>> e : read(partitions.keySet()).entrySet()) {
      HourKey k = partitions.get(e.getKey());
      if (k == null || e.getValue() == null) {
        continue;
      }
      UtcHour sealed = parse(k, e.getValue()).loadedSealedBefore();
      if (sealed != null && (latest == null || sealed.isAfter(latest))) {
        latest = sealed;
      }
    }
    return Optional.ofNullable(latest);
  }

  /** A record of this partition is in Kafka (called by the worker, any thread). */
  public void acked(Map<String, ?> partition) {
    // Records carry their state's own partition map: most acks are for the same one as the last.
    HourState s = lastAcked;
    if (s == null || s.partition() != partition) {
      s = byPartition.get(partition);
      if (s == null) {
        return;
      }
      lastAcked = s;
    }
    s.acked(commitEpoch.get());
  }

  /** The worker committed offsets (called by the worker, any thread). */
  public void committed() {
    commitEpoch.incrementAndGet();
  }

  /** Drops states that {@code evictable} accepts and whose offsets are surely committed. */
  public void evict(Predicate<HourState> evictable) {
    long epoch = commitEpoch.get();
    states.values().removeIf(s -> {
      boolean drop = evictable.test(s) && s.committed(epoch);
      if (drop) {
        byPartition.remove(s.partition());
        if (lastAcked == s) {
          lastAcked = null;
        }
      }
      return drop;
    });
  }

  public int size() {
    return states.size();
  }

  private Map<Map<String, String>, Map<String, Object>> read(Collection<Map<String, String>> partitions) {
    Map<Map<String, String>, Map<String, Object>> out = reader.offsets(partitions);
    return out == null ? Map.of() : out;
  }

  private static HourState parse(HourKey key, Map<String, Object> offset) {
    try {
      return SourceOffsets.parseOffset(key, offset);
    } catch (IllegalArgumentException e) {
      throw new ConnectException(
          "A stored source offset of this connector is invalid: " + e.getMessage()
              + ". Fix it, or reset it, with the Connect REST API (PATCH or DELETE"
              + " /connectors/<name>/offsets while the connector is stopped).",
          e);
    }
  }
}
