package io.ampbraze.connect.currents.mapping;

import java.io.Serializable;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A record value: a schemaless JSON object as a {@link java.util.Map} (in key order) whose
 * {@link #toString()} is its JSON text. {@code JsonConverter} with {@code schemas.enable=false}
 * serialises the map; {@code StringConverter} calls {@code toString()}: both give the same plain
 * JSON. Values are only strings, booleans, Integer/Long/Double, lists and maps of those, or null.
 *
 * <p>It behaves like a {@link java.util.LinkedHashMap} (insertion order; putting an existing key
 * keeps its place; a removed key put again goes last) but keeps its entries in two arrays, with a
 * hash index only once it holds more than a few keys: a connector makes several of these small
 * maps per record, and the mapper, which knows when a key is new, can {@link #append} it without
 * a lookup.
 */
public final class JsonValue extends AbstractMap<String, Object> implements Serializable {
  private static final long serialVersionUID = 2L;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** Up to this many keys, a lookup scans; beyond, it uses the index. */
  private static final int SCAN_LIMIT = 8;

  private String[] keys;
  private Object[] values;
  private int size;
  /** Open addressing over positions + 1 (0: free); null until needed or after a removal. */
  private transient int[] index;
  private transient int modCount;

  public JsonValue() {
    this(8);
  }

  /** An empty value with room for {@code expectedSize} keys before it grows. */
  public JsonValue(int expectedSize) {
    int n = Math.max(expectedSize, 2);
    keys = new String[n];
    values = new Object[n];
  }

  /**
   * Adds a key the caller knows is not in the map yet, without looking for it (the mapper's own
   * fixed, distinct keys); otherwise the map would hold the key twice.
   */
  void append(String key, Object value) {
    if (size == keys.length) {
      grow();
    }
    keys[size] = key;
    values[size] = value;
    size++;
    modCount++;
    if (index != null) {
      if (size * 2 > index.length) {
        index = null; // rebuilt, larger, when next needed
      } else {
        insertIntoIndex(index, key, size - 1);
      }
    }
  }

  /** {@link #append} unless {@code value} is null. */
  void appendIfNotNull(String key, Object value) {
    if (value != null) {
      append(key, value);
    }
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean isEmpty() {
    return size == 0;
  }

  @Override
  public boolean containsKey(Object key) {
    return find(key) >= 0;
  }

  @Override
  public Object get(Object key) {
    int i = find(key);
    return i < 0 ? null : values[i];
  }

  @Override
  public Object put(String key, Object value) {
    int i = find(key);
    if (i >= 0) {
      Object old = values[i];
      values[i] = value;
      return old;
    }
    append(key, value);
    return null;
  }

  @Override
  public Object remove(Object key) {
    int i = find(key);
    return i < 0 ? null : removeAt(i);
  }

  @Override
  public void clear() {
    Arrays.fill(keys, 0, size, null);
    Arrays.fill(values, 0, size, null);
    size = 0;
    index = null;
    modCount++;
  }

  @Override
  public Set<Map.Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, Object>> iterator() {
        return new Entries();
      }

      @Override
      public int size() {
        return size;
      }

      @Override
      public void clear() {
        JsonValue.this.clear();
      }
    };
  }

  @Override
  public String toString() {
    try {
      return MAPPER.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      // Only the value types above are ever put in; this cannot happen with them.
      throw new IllegalStateException("value is not JSON-serialisable: " + e.getOriginalMessage(), e);
    }
  }

  private Object removeAt(int i) {
    Object old = values[i];
    int tail = size - i - 1;
    System.arraycopy(keys, i + 1, keys, i, tail);
    System.arraycopy(values, i + 1, values, i, tail);
    size--;
    keys[size] = null;
    values[size] = null;
    index = null; // positions moved
    modCount++;
    return old;
  }

  private int find(Object key) {
    if (size <= SCAN_LIMIT) {
      for (int i = 0; i < size; i++) {
        if (Objects.equals(keys[i], key)) {
          return i;
        }
      }
      return -1;
    }
    int[] idx = index != null ? index : buildIndex();
    int mask = idx.length - 1;
    for (int slot = spread(key) & mask; ; slot = (slot + 1) & mask) {
      int p = idx[slot];
      if (p == 0) {
        return -1;
      }
      if (Objects.equals(keys[p - 1], key)) {
        return p - 1;
      }
    }
  }

  private int[] buildIndex() {
    int n = Integer.highestOneBit(size * 4); // between 2 and 4 slots per key: at most half full
    int[] idx = new int[n];
    for (int i = 0; i < size; i++) {
      insertIntoIndex(idx, keys[i], i);
    }
    index = idx;
    return idx;
  }

  private static void insertIntoIndex(int[] idx, String key, int position) {
    int mask = idx.length - 1;
    int slot = spread(key) & mask;
    while (idx[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    idx[slot] = position + 1;
  }

  private static int spread(Object key) {
    int h = key == null ? 0 : key.hashCode();
    return h ^ (h >>> 16);
  }

  private void grow() {
    int n = keys.length * 2;
    keys = Arrays.copyOf(keys, n);
    values = Arrays.copyOf(values, n);
  }

  /** Iterates in key order; supports {@code remove} and {@code setValue}, as LinkedHashMap does. */
  private final class Entries implements Iterator<Map.Entry<String, Object>> {
    private int next;
    private int last = -1;
    private int expectedModCount = modCount;

    @Override
    public boolean hasNext() {
      return next < size;
    }

    @Override
    public Map.Entry<String, Object> next() {
      if (modCount != expectedModCount) {
        throw new ConcurrentModificationException();
      }
      if (next >= size) {
        throw new NoSuchElementException();
      }
      last = next++;
      return new Entry(last);
    }

    @Override
    public void remove() {
      if (last < 0) {
        throw new IllegalStateException();
      }
      if (modCount != expectedModCount) {
        throw new ConcurrentModificationException();
      }
      removeAt(last);
      next = last;
      last = -1;
      expectedModCount = modCount;
    }
  }

  /** A view of one entry; writes through to the map while the key is in it. */
  private final class Entry implements Map.Entry<String, Object> {
    private final String key;
    private int position;

    Entry(int position) {
      this.key = keys[position];
      this.position = position;
    }

    @Override
    public String getKey() {
      return key;
    }

    @Override
    public Object getValue() {
      return values[locate()];
    }

    @Override
    public Object setValue(Object value) {
      int i = locate();
      Object old = values[i];
      values[i] = value;
      return old;
    }

    private int locate() {
      if (position >= size || !Objects.equals(keys[position], key)) {
        position = find(key);
        if (position < 0) {
          throw new IllegalStateException("the entry of '" + key + "' was removed");
        }
      }
      return position;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Map.Entry<?, ?> e
          && Objects.equals(key, e.getKey())
          && Objects.equals(getValue(), e.getValue());
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(key) ^ Objects.hashCode(getValue());
    }

    @Override
    public String toString() {
      return key + "=" + getValue();
    }
  }
}
