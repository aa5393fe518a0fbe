package io.ampbraze.connect.currents.currents;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.ampbraze.connect.currents.storage.CurrentsStorage;
import io.ampbraze.connect.currents.storage.ListPage;
import io.ampbraze.connect.currents.storage.StorageException;
import io.ampbraze.connect.currents.storage.StorageObject;
import io.ampbraze.testkit.currents.BucketSink;

/**
 * An in-memory object store with paged listings, call counting and injectable failures: the
 * double every engine test runs against.
 */
final class FakeStorage implements CurrentsStorage, BucketSink {
  private record Obj(byte[] bytes, Instant lastModified) {}

  private final NavigableMap<String, Obj> objects = new TreeMap<>();
  private final int pageSize;
  final AtomicInteger listFilesCalls = new AtomicInteger();
  final AtomicInteger listFolderCalls = new AtomicInteger();
  final Map<String, AtomicInteger> opens = new ConcurrentHashMap<>();
  final List<String> listedPrefixes = new ArrayList<>();
  Instant now = Instant.parse("2024-06-01T00:00:00Z");
  /** Calls that fail next, with this kind. */
  int failNext;
  StorageException.Kind failKind = StorageException.Kind.UNAVAILABLE;
  /** A stream of this key fails with an IOException after this many bytes. */
  String breakKey;
  int breakAfterBytes;

  FakeStorage(int pageSize) {
    this.pageSize = pageSize;
  }

  @Override
  public synchronized void put(String key, byte[] bytes) {
    objects.put(key, new Obj(bytes, now));
  }

  synchronized void delete(String key) {
    objects.remove(key);
  }

  int listCalls() {
    return listFilesCalls.get() + listFolderCalls.get();
  }

  int opens(String key) {
    AtomicInteger n = opens.get(key);
    return n == null ? 0 : n.get();
  }

  int totalOpens() {
    return opens.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  private void maybeFail(String what) throws StorageException {
    if (failNext > 0) {
      failNext--;
      throw new StorageException(failKind, "fake store refuses to " + what, null);
    }
  }

  @Override
  public synchronized ListPage<String> listFolders(String prefix, String pageToken)
      throws StorageException {
    listFolderCalls.incrementAndGet();
    maybeFail("list folders of " + prefix);
    TreeSet<String> folders = new TreeSet<>();
    for (String k : objects.tailMap(prefix, true).keySet()) {
      if (!k.startsWith(prefix)) {
        break;
      }
      int slash = k.indexOf('/', prefix.length());
      if (slash >= 0) {
        folders.add(k.substring(0, slash + 1));
      }
    }
    return page(new ArrayList<>(folders), pageToken);
  }

  @Override
  public synchronized ListPage<StorageObject> listFiles(String prefix, String pageToken)
      throws StorageException {
    listFilesCalls.incrementAndGet();
    listedPrefixes.add(prefix);
    maybeFail("list " + prefix);
    List<StorageObject> out = new ArrayList<>();
    for (Map.Entry<String, Obj> e : objects.tailMap(prefix, true).entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        break;
      }
      out.add(new StorageObject(e.getKey(), e.getValue().bytes.length, e.getValue().lastModified));
    }
    return page(out, pageToken);
  }

  private <T> ListPage<T> page(List<T> all, String token) {
    int from = token == null ? 0 : Integer.parseInt(token);
    int to = Math.min(all.size(), from + pageSize);
    return new ListPage<>(all.subList(from, to), to < all.size() ? Integer.toString(to) : null);
  }

  @Override
  public synchronized InputStream open(String key) throws StorageException {
    opens.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    maybeFail("read " + key);
    Obj o = objects.get(key);
    if (o == null) {
      throw new StorageException(StorageException.Kind.NOT_FOUND, "no such object " + key, null);
    }
    if (key.equals(breakKey)) {
      breakKey = null;
      return new BrokenStream(o.bytes, breakAfterBytes);
    }
    return new ByteArrayInputStream(o.bytes);
  }

  /** Serves the first bytes, then fails as a dropped connection would. */
  private static final class BrokenStream extends InputStream {
    private final byte[] bytes;
    private final int limit;
    private int pos;

    BrokenStream(byte[] bytes, int limit) {
      this.bytes = bytes;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (pos >= limit) {
        throw new IOException("connection reset by fake store");
      }
      if (pos >= bytes.length) {
        return -1;
      }
      int n = Math.min(len, Math.min(limit, bytes.length) - pos);
      System.arraycopy(bytes, pos, b, off, n);
      pos += n;
      return n;
    }
  }

  @Override
  public String describe() {
    return "fake://bucket";
  }

  @Override
  public void close() {}
}
