package io.ampbraze.connect.braze.braze;

import java.util.function.LongSupplier;

/**
 * The client-side request budget of one task. Braze counts {@code /users/track} requests in
 * fixed windows (3,000 per 3 s by default) and tells, on every answer, how many requests remain
 * in the current window and when it resets ({@code x-ratelimit-*}). Four rules, each of which
 * can only delay a request:
 *
 * <ol>
 *   <li><b>Own share, paced.</b> Requests are spread evenly at the share's rate (one per {@code
 *       (windowMs + margin) / requests}), with a burst of a twentieth of the share allowed to
 *       make up for moments without work. Even traffic keeps the requests in flight steady and
 *       the batches full.
 *   <li><b>Own share, sliding window.</b> This task starts at most {@code requests} requests in
 *       any interval of {@code windowMs} plus a small arrival margin. Every fixed window of
 *       Braze, wherever it starts, lies inside such an interval, so the task never exceeds its
 *       share in one of Braze's windows, also when requests reach Braze a little later than
 *       they left (up to the margin). (A token bucket holding a whole window's budget would
 *       allow its budget plus its refill inside one of Braze's windows.) Starts are counted in
 *       about a thousand slices of the window, rounded up: the memory is fixed whatever the
 *       budget.
 *   <li><b>Workspace, from the headers.</b> Braze's {@code remaining} counts every API client of
 *       the workspace, but not this task's requests that are still in flight (they are counted
 *       when they arrive). Until the reset, the task starts at most its fraction of {@code
 *       remaining} minus its own requests in flight; with nothing left it waits for the reset.
 *   <li><b>429.</b> A rate-limited answer pauses the task until its reset.
 * </ol>
 *
 * Thread-safe.
 */
public final class RateLimiter {
  /** How many slices the sliding window is counted in. */
  private static final int SLICES = 1000;
  /** The burst the pacing allows, as a fraction of the share. */
  private static final int BURST_DIVISOR = 20;
  /** Largest margin for requests that reach Braze later than they left. */
  private static final long MAX_ARRIVAL_MARGIN_MS = 50;
  /** Margin after a reset instant: Braze's reset is in whole seconds. */
  private static final long RESET_MARGIN_MS = 50;

  private final int requests;
  private final long spanMs;
  private final long sliceMs;
  private final int[] counts;
  private final double intervalMs;
  private final double burstMs;
  private final double taskFraction;
  private final long maxHeaderPauseMs;
  private final LongSupplier clock;

  /** Absolute index of the oldest slice still counted. */
  private long oldestSlice;
  /** Starts counted in the slices from {@link #oldestSlice} on. */
  private long started;
  private long lastNow;
  /** The pacing's theoretical start time of the next request (GCRA). */
  private double paceAt;
  private long blockedUntil;
  /** The reset (epoch seconds) of the Braze window the header allowance belongs to. */
  private long headerReset = Long.MIN_VALUE;
  private long headerUntil;
  private long headerAllowance;
  private Long lastRemaining;

  /**
   * @param requests this task's requests per window
   * @param taskFraction this task's share of the connector budget (1 / number of tasks)
   * @param clock epoch milliseconds
   */
  public RateLimiter(int requests, long windowMs, double taskFraction, LongSupplier clock) {
    this.requests = requests;
    this.spanMs = windowMs + arrivalMarginMs(windowMs);
    this.sliceMs = Math.max(1, (spanMs + SLICES - 1) / SLICES);
    this.counts = new int[(int) (spanMs / sliceMs) + 3];
    this.intervalMs = (double) spanMs / requests;
    this.burstMs = (Math.max(1, requests / BURST_DIVISOR) - 1) * intervalMs;
    this.taskFraction = taskFraction;
    this.maxHeaderPauseMs = Math.max(windowMs, 60_000L);
    this.clock = clock;
    this.lastNow = clock.getAsLong();
    this.oldestSlice = Math.floorDiv(lastNow - spanMs, sliceMs);
    this.paceAt = lastNow;
  }

  /**
   * The margin added to the window for requests that reach Braze later than they left: 50 ms,
   * or a fiftieth of short windows (so that it never costs more than 2 % of the budget).
   */
  static long arrivalMarginMs(long windowMs) {
    return Math.max(1, Math.min(MAX_ARRIVAL_MARGIN_MS, windowMs / 50));
  }

  /** Milliseconds until a request may start; 0 when one may start now. */
  public synchronized long delayMs() {
    long now = now();
    advance(now);
    long wait = Math.max(0, blockedUntil - now);
    double paced = paceAt - burstMs - now;
    if (paced > 0) {
      wait = Math.max(wait, (long) Math.ceil(paced));
    }
    if (now < headerUntil && headerAllowance <= 0) {
      wait = Math.max(wait, headerUntil - now);
    }
    if (started >= requests) {
      wait = Math.max(wait, slidingWaitMs(now));
    }
    return wait;
  }

  /** Takes one request from the budget (call when {@link #delayMs()} is 0). */
  public synchronized void acquire() {
    long now = now();
    advance(now);
    counts[index(Math.floorDiv(now, sliceMs))]++;
    started++;
    paceAt = Math.max(paceAt, now) + intervalMs;
    if (now < headerUntil) {
      headerAllowance--;
    }
  }

  /**
   * Steers by the headers of an answer.
   *
   * @param inFlight this task's requests still in flight (the answered one no longer counts)
   */
  public synchronized void observe(RateLimitHeaders headers, int inFlight) {
    if (headers.remaining() != null) {
      lastRemaining = headers.remaining();
    }
    if (headers.remaining() == null || headers.resetEpochSeconds() == null) {
      return;
    }
    long now = now();
    long reset = headers.resetEpochSeconds();
    long until = Math.min(reset * 1000 + RESET_MARGIN_MS, now + maxHeaderPauseMs);
    if (until <= now || reset < headerReset) {
      return; // a reset already passed (or clock skew), or an answer from an earlier window
    }
    long mine = (long) Math.floor(Math.max(0, headers.remaining()) * taskFraction) - inFlight;
    if (reset > headerReset || now >= headerUntil) {
      headerReset = reset;
      headerUntil = until;
      headerAllowance = mine;
    } else {
      // The same window: answers can arrive out of order; the lowest estimate is the safe one.
      headerAllowance = Math.min(headerAllowance, mine);
    }
  }

  /** Pauses every request of this task until {@code epochMs} (a 429's reset). */
  public synchronized void blockUntil(long epochMs) {
    blockedUntil = Math.max(blockedUntil, epochMs);
  }

  /** The last x-ratelimit-remaining seen, or -1. */
  public synchronized long lastRemaining() {
    return lastRemaining == null ? -1 : lastRemaining;
  }

  /** The clock, never going backwards (slices are indexed by time). */
  private long now() {
    lastNow = Math.max(lastNow, clock.getAsLong());
    return lastNow;
  }

  /**
   * Forgets the slices that lie wholly before {@code now - span}. The slice holding that instant
   * stays counted: counting slices whole only over-counts.
   */
  private void advance(long now) {
    long first = Math.floorDiv(now - spanMs, sliceMs);
    if (first - oldestSlice >= counts.length) {
      java.util.Arrays.fill(counts, 0);
      started = 0;
      oldestSlice = first;
      return;
    }
    while (oldestSlice < first) {
      int i = index(oldestSlice);
      started -= counts[i];
      counts[i] = 0;
      oldestSlice++;
    }
  }

  /** When enough of the oldest slices have left the window for one more start. */
  private long slidingWaitMs(long now) {
    long remaining = started;
    long newest = Math.floorDiv(now, sliceMs);
    for (long s = oldestSlice; s <= newest; s++) {
      remaining -= counts[index(s)];
      if (remaining < requests) {
        // Slice s leaves the window once now - span is past its end.
        return Math.max(1, (s + 1) * sliceMs + spanMs - now);
      }
    }
    return 1;
  }

  private int index(long slice) {
    return (int) Math.floorMod(slice, (long) counts.length);
  }
}
