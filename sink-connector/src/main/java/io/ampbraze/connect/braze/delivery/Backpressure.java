package io.ampbraze.connect.braze.delivery;

/**
 * When to pause consumption: at the buffer's high watermark (any bound reached), until the
 * buffer is back under the low watermark (half of every bound). Three bounds: objects held
 * (waiting or in flight), their bytes, and records tracked for their offsets. A record tracked
 * only because it finished behind an unfinished one keeps nothing but its offset, so records
 * may be {@link #RECORDS_PER_OBJECT} times as many as objects: enough that records finishing
 * out of order (a user's objects wait for that user's request in flight) never pause a task
 * whose objects are short.
 */
public final class Backpressure {
  /** Records tracked per object of the buffer's bound. */
  public static final int RECORDS_PER_OBJECT = 5;

  private final long maxObjects;
  private final long maxBytes;
  private final long maxRecords;
  private boolean paused;

  public Backpressure(long maxObjects, long maxBytes) {
    this.maxObjects = maxObjects;
    this.maxBytes = maxBytes;
    this.maxRecords = maxObjects * RECORDS_PER_OBJECT;
  }

  /** Updates and returns whether consumption should be paused for this buffer level. */
  public boolean shouldPause(long objects, long bytes, long records) {
    if (!paused) {
      paused = objects >= maxObjects || bytes >= maxBytes || records >= maxRecords;
    } else {
      paused = objects > maxObjects / 2 || bytes > maxBytes / 2 || records > maxRecords / 2;
    }
    return paused;
  }
}
