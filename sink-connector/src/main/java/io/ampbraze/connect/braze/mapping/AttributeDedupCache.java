package io.ampbraze.connect.braze.mapping;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The last value sent per (user, attribute), bounded (least recently used entries evicted).
 * A value is remembered as pending when its object is queued, confirmed when Braze accepts
 * the object, and forgotten when its delivery fails or is abandoned. Only a confirmed
 * identical value lets a new one be skipped, so a value is never skipped because of an
 * earlier copy that is still in flight or that failed. Thread-safe.
 */
public final class AttributeDedupCache {
  private static final int MAX_INLINE_FINGERPRINT = 64;

  private static final class Entry {
    final String fingerprint;
    final long token;
    boolean confirmed;

    Entry(String fingerprint, long token) {
      this.fingerprint = fingerprint;
      this.token = token;
    }
  }

  /** A pending value, to confirm or forget when its object's delivery ends. */
  public record Mark(String key, long token) {}

  private final Map<String, Entry> entries;
  private long nextToken = 1;

  public AttributeDedupCache(int maxEntries) {
    this.entries =
        new LinkedHashMap<>(Math.min(maxEntries, 1 << 16), 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > maxEntries;
          }
        };
  }

  /** The cache key of one attribute of one user. */
  static String key(String userKey, String attribute) {
    return userKey + '\u0000' + attribute;
  }

  /** A compact stand-in for a value: its JSON, or a digest of long JSON. */
  static String fingerprint(JsonNode value) {
    String json = value == null ? "null" : value.toString();
    if (json.length() <= MAX_INLINE_FINGERPRINT) {
      return json;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** True when Braze confirmed exactly this value as the latest one sent. */
  public synchronized boolean isConfirmed(String key, String fingerprint) {
    Entry e = entries.get(key);
    return e != null && e.confirmed && e.fingerprint.equals(fingerprint);
  }

  /** True when any value was sent or is being sent for the attribute. */
  public synchronized boolean knows(String key) {
    return entries.containsKey(key);
  }

  /** Remembers a queued value as the latest one. */
  public synchronized Mark markPending(String key, String fingerprint) {
    long token = nextToken++;
    entries.put(key, new Entry(fingerprint, token));
    return new Mark(key, token);
  }

  /** Braze accepted the object: the value is confirmed, unless a newer one was queued since. */
  public synchronized void confirm(Mark mark) {
    Entry e = entries.get(mark.key());
    if (e != null && e.token == mark.token()) {
      e.confirmed = true;
    }
  }

  /** The object failed or was abandoned: forget the value, unless a newer one was queued since. */
  public synchronized void forget(Mark mark) {
    Entry e = entries.get(mark.key());
    if (e != null && e.token == mark.token()) {
      entries.remove(mark.key());
    }
  }

  public synchronized int size() {
    return entries.size();
  }
}
