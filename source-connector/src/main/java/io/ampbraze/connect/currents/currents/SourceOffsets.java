package io.ampbraze.connect.currents.currents;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * The source partitions and offsets of the connector, as stored by Kafka Connect.
 *
 * <p>Partition: one hour folder of one event type: {@code {"folder": "<event-type folder key>",
 * "hour": "YYYY-MM-DD-HH"}}.
 *
 * <p>Offset: {@code {"done": "<ids of finished files>", "file": "<key in progress>", "record":
 * <records of it consumed>, "sealed_before": "YYYY-MM-DD-HH"}}, where ids are {@link FileId}s
 * joined by commas, {@code file}/{@code record} are present only while a file of the hour is
 * partly read, and {@code sealed_before} tells that the event type's hours before it are final
 * and never listed again.
 */
public final class SourceOffsets {
  public static final String FOLDER = "folder";
  public static final String HOUR = "hour";
  public static final String DONE = "done";
  public static final String FILE = "file";
  public static final String RECORD = "record";
  public static final String SEALED_BEFORE = "sealed_before";

  private SourceOffsets() {}

  public static Map<String, String> partition(HourKey key) {
    return new FixedMap<>(new String[] {FOLDER, HOUR}, new String[] {key.folder(), key.hour().toString()});
  }

  /** An offset; {@code sealedBefore} is an hour as {@code YYYY-MM-DD-HH}, or null. */
  static Map<String, Object> offset(String done, String file, long record, String sealedBefore) {
    int n = 1 + (file != null ? 2 : 0) + (sealedBefore != null ? 1 : 0);
    String[] keys = new String[n];
    Object[] values = new Object[n];
    int i = 0;
    keys[i] = DONE;
    values[i++] = done;
    if (file != null) {
      keys[i] = FILE;
      values[i++] = file;
      keys[i] = RECORD;
      values[i++] = record;
    }
    if (sealedBefore != null) {
      keys[i] = SEALED_BEFORE;
      values[i] = sealedBefore;
    }
    return new FixedMap<>(keys, values);
  }

  /**
   * A partition or an offset: an unmodifiable map of a few keys in a fixed order (Connect
   * serialises them in iteration order), with its hash code kept. Every emitted record carries
   * one of each: the worker hashes the partition for each record, and a hash map with its nodes
   * cost more than the rest of a record's bookkeeping together.
   */
  private static final class FixedMap<V> extends AbstractMap<String, V> {
    private final String[] keys;
    private final V[] values;
    private int hash;

    FixedMap(String[] keys, V[] values) {
      this.keys = keys;
      this.values = values;
    }

    @Override
    public int hashCode() {
      int h = hash;
      if (h == 0) {
        h = super.hashCode(); // the Map contract's: keys and values are immutable
        hash = h;
      }
      return h;
    }

    @Override
    public int size() {
      return keys.length;
    }

    @Override
    public V get(Object key) {
      int i = indexOf(key);
      return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
      return indexOf(key) >= 0;
    }

    private int indexOf(Object key) {
      for (int i = 0; i < keys.length; i++) {
        if (keys[i].equals(key)) {
          return i;
        }
      }
      return -1;
    }

    @Override
    public Set<Map.Entry<String, V>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public int size() {
          return keys.length;
        }

        @Override
        public Iterator<Map.Entry<String, V>> iterator() {
          return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
              return next < keys.length;
            }

            @Override
            public Map.Entry<String, V> next() {
              if (next >= keys.length) {
                throw new NoSuchElementException();
              }
              int i = next++;
              return new AbstractMap.SimpleImmutableEntry<>(keys[i], values[i]);
            }
          };
        }
      };
    }
  }

  /** Parses a stored partition; throws {@link IllegalArgumentException} naming what is wrong. */
  public static HourKey parsePartition(Map<String, ?> partition) {
    if (partition == null) {
      throw new IllegalArgumentException("the source partition is null");
    }
    Object folder = partition.get(FOLDER);
    Object hour = partition.get(HOUR);
    if (!(folder instanceof String f) || !f.endsWith("/")) {
      throw new IllegalArgumentException(
          "source partition " + partition + ": '" + FOLDER + "' must be a folder key ending in '/'");
    }
    if (CurrentsKey.eventTypeOfFolder(f).isEmpty()) {
      throw new IllegalArgumentException(
          "source partition " + partition + ": '" + FOLDER + "' must be an event_type= folder");
    }
    Optional<UtcHour> h = hour instanceof String s ? UtcHour.parse(s) : Optional.empty();
    if (h.isEmpty()) {
      throw new IllegalArgumentException(
          "source partition " + partition + ": '" + HOUR + "' must be an hour YYYY-MM-DD-HH");
    }
    if (partition.size() != 2) {
      throw new IllegalArgumentException(
          "source partition " + partition + " has keys other than '" + FOLDER + "' and '" + HOUR + "'");
    }
    return new HourKey(f, h.get());
  }

  /**
   * Parses a stored offset (null: nothing read) into the state of {@code key}; throws {@link
   * IllegalArgumentException} naming what is wrong.
   */
  public static HourState parseOffset(HourKey key, Map<String, ?> offset) {
    if (offset == null) {
      return HourState.empty(key);
    }
    String where = "source offset of " + key.folder() + " hour " + key.hour() + ": ";
    Object done = offset.containsKey(DONE) ? offset.get(DONE) : "";
    if (!(done instanceof String d)) {
      throw new IllegalArgumentException(where + "'" + DONE + "' must be a string of file ids");
    }
    Set<String> ids = new HashSet<>();
    if (!d.isEmpty()) {
      for (String id : d.split(",")) {
        if (!FileId.isValid(id)) {
          throw new IllegalArgumentException(where + "'" + id + "' is not a file id");
        }
      }
      ids.addAll(Arrays.asList(d.split(",")));
    }
    Object file = offset.get(FILE);
    Object record = offset.get(RECORD);
    if (file != null && !(file instanceof String)) {
      throw new IllegalArgumentException(where + "'" + FILE + "' must be an object key");
    }
    long position = 0;
    if (file != null) {
      if (!(record instanceof Number n) || n.longValue() < 0
          || n.doubleValue() != Math.floor(n.doubleValue())) {
        throw new IllegalArgumentException(
            where + "'" + RECORD + "' must be a number of records >= 0 when '" + FILE + "' is set");
      }
      position = ((Number) record).longValue();
    } else if (record != null) {
      throw new IllegalArgumentException(where + "'" + RECORD + "' needs '" + FILE + "'");
    }
    if (file != null && !((String) file).startsWith(key.folder() + "date=" + key.hour() + "/")) {
      throw new IllegalArgumentException(
          where + "'" + FILE + "' must be a key in the partition's hour folder");
    }
    Object sealed = offset.get(SEALED_BEFORE);
    UtcHour sealedBefore = null;
    if (sealed != null) {
      Optional<UtcHour> h = sealed instanceof String s ? UtcHour.parse(s) : Optional.empty();
      if (h.isEmpty()) {
        throw new IllegalArgumentException(
            where + "'" + SEALED_BEFORE + "' must be an hour YYYY-MM-DD-HH");
      }
      sealedBefore = h.get();
    }
    for (String k : offset.keySet()) {
      if (!k.equals(DONE) && !k.equals(FILE) && !k.equals(RECORD) && !k.equals(SEALED_BEFORE)) {
        throw new IllegalArgumentException(where + "unknown key '" + k + "'");
      }
    }
    return new HourState(key, ids, (String) file, position, sealedBefore, true);
  }
}
