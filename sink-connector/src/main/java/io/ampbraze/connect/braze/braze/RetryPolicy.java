package io.ampbraze.connect.braze.braze;

import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter, bounded by a total retry time: attempt n waits a random time
 * between half and all of {@code min(max, base * 2^(n-1))}, and no retry starts later than
 * {@code retryTimeout} after the batch's first attempt.
 */
public final class RetryPolicy {
  private final long baseMs;
  private final long maxMs;
  private final long retryTimeoutMs;
  private final DoubleSupplier random;

  public RetryPolicy(long baseMs, long maxMs, long retryTimeoutMs, DoubleSupplier random) {
    this.baseMs = baseMs;
    this.maxMs = Math.max(baseMs, maxMs);
    this.retryTimeoutMs = retryTimeoutMs;
    this.random = random;
  }

  /** The wait before retry number {@code attempt} (1 = the first retry). */
  public long backoffMs(int attempt) {
    long ceiling = baseMs;
    for (int i = 1; i < attempt && ceiling < maxMs; i++) {
      ceiling *= 2;
    }
    ceiling = Math.min(ceiling, maxMs);
    long half = ceiling / 2;
    return half + (long) (random.getAsDouble() * (ceiling - half));
  }

  /** True when a retry at {@code retryAtMs} is still inside the batch's retry time. */
  public boolean allows(long firstAttemptAtMs, long retryAtMs) {
    return retryAtMs - firstAttemptAtMs <= retryTimeoutMs;
  }

  public long retryTimeoutMs() {
    return retryTimeoutMs;
  }
}
