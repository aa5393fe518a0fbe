package io.ampbraze.testkit.braze;

/** Fixed rate-limit windows aligned to the epoch, as Braze's x-ratelimit-* headers describe. */
final class RateLimitWindow {
  /** The verdict for one request. */
  record Verdict(boolean allowed, long limit, long remaining, long resetEpochSeconds) {}

  private final int limit;
  private final long windowMs;
  private long windowStart = -1;
  private int used;

  RateLimitWindow(int limit, long windowMs) {
    this.limit = limit;
    this.windowMs = windowMs;
  }

  synchronized Verdict take(long nowMs) {
    long start = nowMs - Math.floorMod(nowMs, windowMs);
    if (start != windowStart) {
      windowStart = start;
      used = 0;
    }
    long reset = (start + windowMs + 999) / 1000;
    if (used >= limit) {
      return new Verdict(false, limit, 0, reset);
    }
    used++;
    return new Verdict(true, limit, limit - used, reset);
  }

  /** The headers of the current window without taking from it. */
  synchronized Verdict peek(long nowMs) {
    long start = nowMs - Math.floorMod(nowMs, windowMs);
    long reset = (start + windowMs + 999) / 1000;
    int u = start == windowStart ? used : 0;
    return new Verdict(u < limit, limit, Math.max(0, limit - u), reset);
  }

  int limit() {
    return limit;
  }

  long windowMs() {
    return windowMs;
  }
}
