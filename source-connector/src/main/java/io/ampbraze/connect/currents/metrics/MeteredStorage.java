package io.ampbraze.connect.currents.metrics;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import io.ampbraze.connect.currents.storage.CurrentsStorage;
import io.ampbraze.connect.currents.storage.ListPage;
import io.ampbraze.connect.currents.storage.StorageException;
import io.ampbraze.connect.currents.storage.StorageObject;

/** Counts every call a task makes to its store, and the bytes it reads, into its metrics. */
public final class MeteredStorage implements CurrentsStorage {
  private final CurrentsStorage delegate;
  private final SourceTaskMetrics metrics;

  public MeteredStorage(CurrentsStorage delegate, SourceTaskMetrics metrics) {
    this.delegate = delegate;
    this.metrics = metrics;
  }

  @Override
  public ListPage<String> listFolders(String prefix, String pageToken) throws StorageException {
    metrics.listCall();
    try {
      return delegate.listFolders(prefix, pageToken);
    } catch (StorageException e) {
      metrics.storageError(e.getMessage());
      throw e;
    }
  }

  @Override
  public ListPage<StorageObject> listFiles(String prefix, String pageToken)
      throws StorageException {
    metrics.listCall();
    try {
      ListPage<StorageObject> page = delegate.listFiles(prefix, pageToken);
      metrics.filesListed(page.items().size());
      return page;
    } catch (StorageException e) {
      metrics.storageError(e.getMessage());
      throw e;
    }
  }

  @Override
  public InputStream open(String key) throws StorageException {
    metrics.readCall();
    InputStream in;
    try {
      in = delegate.open(key);
    } catch (StorageException e) {
      if (e.kind() != StorageException.Kind.NOT_FOUND) {
        metrics.storageError(e.getMessage());
      }
      throw e;
    }
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          metrics.bytesRead(1);
        }
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
          metrics.bytesRead(n);
        }
        return n;
      }

      @Override
      public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        metrics.bytesRead(Math.max(0, skipped));
        return skipped;
      }
    };
  }

  @Override
  public String describe() {
    return delegate.describe();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
