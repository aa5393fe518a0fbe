package io.ampbraze.connect.currents.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Function;

/**
 * Wraps an object's byte stream so that every read failure becomes a {@link
 * StorageReadException} with a classified, secret-free message, and so that closing a stream
 * before its end can abort the transfer instead of draining it.
 */
final class GuardedInputStream extends FilterInputStream {
  private final Function<Exception, StorageException> classify;
  private final Runnable abortEarly;
  private boolean atEnd;
  private boolean closed;

  /**
   * @param classify turns a failure of the underlying stream into a StorageException
   * @param abortEarly run by {@link #close()} when the stream was not read to its end; may be null
   */
  GuardedInputStream(
      InputStream in, Function<Exception, StorageException> classify, Runnable abortEarly) {
    super(in);
    this.classify = classify;
    this.abortEarly = abortEarly;
  }

  @Override
  public int read() throws IOException {
    try {
      int b = super.read();
      atEnd |= b < 0;
      return b;
    } catch (IOException | RuntimeException e) {
      throw failure(e);
    }
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    try {
      int n = super.read(buf, off, len);
      atEnd |= n < 0;
      return n;
    } catch (IOException | RuntimeException e) {
      throw failure(e);
    }
  }

  @Override
  public long skip(long n) throws IOException {
    try {
      return super.skip(n);
    } catch (IOException | RuntimeException e) {
      throw failure(e);
    }
  }

  @Override
  public int available() throws IOException {
    try {
      return super.available();
    } catch (IOException | RuntimeException e) {
      throw failure(e);
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (!atEnd && abortEarly != null) {
        abortEarly.run();
      }
      super.close();
    } catch (IOException | RuntimeException e) {
      throw failure(e);
    }
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private IOException failure(Exception e) {
    if (e instanceof StorageReadException already) {
      return already;
    }
    return new StorageReadException(classify.apply(e));
  }
}
