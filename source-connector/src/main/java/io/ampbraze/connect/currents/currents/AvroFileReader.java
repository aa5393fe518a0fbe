package io.ampbraze.connect.currents.currents;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

import io.ampbraze.connect.currents.storage.CurrentsStorage;
import io.ampbraze.connect.currents.storage.StorageException;

/**
 * Reads one Currents file record by record with its own writer schema (Avro {@code
 * DataFileStream}: codecs null, deflate, snappy), resuming after a number of records.
 *
 * <p>It tells the two kinds of failure apart: a failure of the store while streaming (a {@link
 * StorageException}: retried, offsets untouched) and a damaged file (a {@link
 * CorruptFileException}). Avro's stream treats a file cut inside a block as a clean end, so at
 * the end this reader also checks that the file ends with the header's sync marker.
 */
public final class AvroFileReader implements AutoCloseable {
  private static final int HEAD_CAPTURE = 64 * 1024;

  private final String key;
  private final TrackingStream in;
  private final DataFileStream<GenericRecord> stream;
  private long position;
  private boolean verifiedEnd;

  private AvroFileReader(String key, TrackingStream in, DataFileStream<GenericRecord> stream) {
    this.key = key;
    this.in = in;
    this.stream = stream;
  }

  /**
   * Opens {@code key} and skips its first {@code skip} records.
   *
   * @throws StorageException if the store fails (including {@code NOT_FOUND})
   * @throws CorruptFileException if the file is damaged before or within the skipped records
   */
  public static AvroFileReader open(CurrentsStorage storage, String key, long skip)
      throws StorageException, CorruptFileException {
    TrackingStream in = new TrackingStream(storage.open(key));
    DataFileStream<GenericRecord> stream;
    try {
      stream = new DataFileStream<>(in, new CurrentsDatumReader());
    } catch (IOException | RuntimeException e) {
      closeQuietly(in);
      throw fail(key, 0, in, e, "not an Avro object container file");
    }
    AvroFileReader reader = new AvroFileReader(key, in, stream);
    try {
      GenericRecord reuse = null;
      while (reader.position < skip && reader.hasNext()) {
        reuse = reader.next(reuse);
      }
    } catch (StorageException | CorruptFileException | RuntimeException e) {
      reader.close();
      throw e;
    }
    return reader;
  }

  /** The file's writer schema. */
  public Schema schema() {
    return stream.getSchema();
  }

  /** Records consumed so far (including skipped ones). */
  public long position() {
    return position;
  }

  /** The codec named in the file's metadata ("null" when absent). */
  public String codec() {
    String c = stream.getMetaString("avro.codec");
    return c == null ? "null" : c;
  }

  public boolean hasNext() throws StorageException, CorruptFileException {
    boolean more;
    try {
      more = stream.hasNext();
    } catch (RuntimeException e) {
      throw fail(key, position, in, e, "corrupt block");
    }
    if (!more && !verifiedEnd) {
      verifyEnd();
      verifiedEnd = true;
    }
    return more;
  }

  public GenericRecord next() throws StorageException, CorruptFileException {
    return next(null);
  }

  private GenericRecord next(GenericRecord reuse) throws StorageException, CorruptFileException {
    try {
      GenericRecord r = stream.next(reuse);
      position++;
      return r;
    } catch (IOException | RuntimeException e) {
      throw fail(key, position, in, e, "record cannot be decoded");
    }
  }

  private void verifyEnd() throws StorageException, CorruptFileException {
    try {
      if (in.read() >= 0) {
        throw new CorruptFileException(
            key, position, "bytes follow the last readable block", null);
      }
    } catch (IOException e) {
      throw fail(key, position, in, e, "cannot read the end of the file");
    }
    byte[] sync = in.headerSync();
    if (sync != null && !Arrays.equals(sync, in.tail())) {
      throw new CorruptFileException(
          key, position, "the file ends inside a block (truncated: no final sync marker)", null);
    }
  }

  @Override
  public void close() {
    closeQuietly(stream);
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // reading is over; a failing close loses nothing
    }
  }

  /** Throws a store failure if the store's stream failed, else a damaged-file failure. */
  private static RuntimeException fail(
      String key, long position, TrackingStream in, Throwable e, String what)
      throws StorageException, CorruptFileException {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StoreReadFailure f) {
        throw new StorageException(
            StorageException.Kind.UNAVAILABLE,
            "reading " + key + " failed after " + in.count() + " bytes: " + f.getCause(),
            f.getCause());
      }
    }
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof EOFException || e.getCause() instanceof EOFException) {
      what = "the file ends early (truncated)";
    }
    throw new CorruptFileException(key, position, what + ": " + detail, e);
  }

  /** An IOException of the store's own stream (network, service), as opposed to bad bytes. */
  private static final class StoreReadFailure extends IOException {
    private static final long serialVersionUID = 1L;

    StoreReadFailure(IOException cause) {
      super(cause);
    }
  }

  /**
   * Wraps the store's stream: marks its failures, counts bytes, keeps the first bytes (to find
   * the header's sync marker) and the last 16 bytes (to compare with it at the end).
   */
  private static final class TrackingStream extends FilterInputStream {
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private final byte[] tail = new byte[16];
    private long count;
    private boolean headOverflow;

    TrackingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n;
      try {
        n = super.read(b, off, len);
      } catch (IOException e) {
        throw new StoreReadFailure(e);
      }
      if (n > 0) {
        track(b, off, n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      // Read instead of skipping so the tail and head stay exact.
      byte[] buf = new byte[(int) Math.min(n, 8192)];
      int r = read(buf, 0, buf.length);
      return Math.max(r, 0);
    }

    private void track(byte[] b, int off, int n) {
      count += n;
      if (!headOverflow) {
        int room = HEAD_CAPTURE - head.size();
        head.write(b, off, Math.min(room, n));
        headOverflow = n > room;
      }
      if (n >= 16) {
        System.arraycopy(b, off + n - 16, tail, 0, 16);
      } else {
        System.arraycopy(tail, n, tail, 0, 16 - n);
        System.arraycopy(b, off, tail, 16 - n, n);
      }
    }

    long count() {
      return count;
    }

    byte[] tail() {
      return count >= 16 ? tail.clone() : null;
    }

    /** The sync marker from the header, or null if the header is not in the captured bytes. */
    byte[] headerSync() {
      byte[] h = head.toByteArray();
      try {
        BinaryDecoder d = DecoderFactory.get().binaryDecoder(h, null);
        d.skipFixed(4);
        for (long n = d.readMapStart(); n != 0; n = d.mapNext()) {
          for (long i = 0; i < n; i++) {
            d.skipString();
            d.skipBytes();
          }
        }
        byte[] sync = new byte[16];
        d.readFixed(sync);
        return sync;
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }
  }
}
