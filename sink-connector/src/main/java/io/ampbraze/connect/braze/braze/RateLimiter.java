package io.ampbraze.connect.braze.braze;

import java.util.function.LongSupplier;

/**
 * The client-side request budget of one task: a token bucket holding this task's share of the
 * connector's budget per window, steered by Braze's x-ratelimit-* headers, which count the
 * whole workspace. When Braze says nothing remains, sending pauses until the reset; when less
 * than a tenth of the limit remains, requests are spaced so that this task uses no more than
 * its fraction of what is left before the reset. Thread-safe.
 */
public final class RateLimiter {
  private static final double LOW_FRACTION = 0.1;
  /** Margin after a reset instant: Braze's reset is in whole seconds. */
  private static final long RESET_MARGIN_MS = 50;

  private final double capacity;
  private final double tokensPerMs;
  private final double taskFraction;
  private final long maxHeaderPauseMs;
  private final LongSupplier clock;

  private double tokens;
  private long refilledAt;
  private long blockedUntil;
  private long pacingUntil;
  private long pacingIntervalMs;
  private long nextPacedAt;
  private Long lastRemaining;

  /**
   * @param requests this task's requests per window
   * @param taskFraction this task's share of the connector budget (1 / number of tasks)
   * @param clock epoch milliseconds
   */
  public RateLimiter(int requests, long windowMs, double taskFraction, LongSupplier clock) {
    this.capacity = requests;
    this.tokensPerMs = (double) requests / windowMs;
    this.taskFraction = taskFraction;
    this.maxHeaderPauseMs = Math.max(windowMs, 60_000L);
    this.clock = clock;
    this.tokens = requests;
    this.refilledAt = clock.getAsLong();
  }

  /** Milliseconds until a request may start; 0 when one may start now. */
  public synchronized long delayMs() {
    long now = clock.getAsLong();
    refill(now);
    long wait = 0;
    if (tokens < 1) {
      wait = (long) Math.ceil((1 - tokens) / tokensPerMs);
    }
    wait = Math.max(wait, blockedUntil - now);
    if (now < pacingUntil) {
      wait = Math.max(wait, nextPacedAt - now);
    }
    return Math.max(0, wait);
  }

  /** Takes one request from the budget (call when {@link #delayMs()} is 0). */
  public synchronized void acquire() {
    long now = clock.getAsLong();
    refill(now);
    tokens -= 1;
    if (now < pacingUntil) {
      nextPacedAt = now + pacingIntervalMs;
    }
  }

  /** Steers by the headers of an answer. */
  public synchronized void observe(RateLimitHeaders headers) {
    if (headers.remaining() != null) {
      lastRemaining = headers.remaining();
    }
    if (headers.remaining() == null || headers.resetEpochSeconds() == null) {
      return;
    }
    long now = clock.getAsLong();
    long resetAt = headers.resetEpochSeconds() * 1000 + RESET_MARGIN_MS;
    if (resetAt <= now) {
      return; // a reset already passed (or clock skew): nothing to steer by
    }
    long until = Math.min(resetAt, now + maxHeaderPauseMs);
    long remaining = headers.remaining();
    if (remaining <= 0) {
      blockedUntil = Math.max(blockedUntil, until);
    } else if (headers.limit() != null && remaining < headers.limit() * LOW_FRACTION) {
      double mine = Math.max(1.0, remaining * taskFraction);
      pacingIntervalMs = (long) ((until - now) / mine);
      pacingUntil = until;
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

  private void refill(long now) {
    if (now > refilledAt) {
      tokens = Math.min(capacity, tokens + (now - refilledAt) * tokensPerMs);
      refilledAt = now;
    }
  }
}
