package io.ampbraze.connect.braze.delivery;

/**
 * When to pause consumption: at the buffer's high watermark (either bound reached), until the
 * buffer is back under the low watermark (half of both bounds).
 */
public final class Backpressure {
  private final long maxObjects;
  private final long maxBytes;
  private boolean paused;

  public Backpressure(long maxObjects, long maxBytes) {
    this.maxObjects = maxObjects;
    this.maxBytes = maxBytes;
  }

  /** Updates and returns whether consumption should be paused for this buffer level. */
  public boolean shouldPause(long objects, long bytes) {
    if (!paused) {
      paused = objects >= maxObjects || bytes >= maxBytes;
    } else {
      paused = objects > maxObjects / 2 || bytes > maxBytes / 2;
    }
    return paused;
  }
}
