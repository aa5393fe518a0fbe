package io.ampbraze.connect.braze.braze;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final AtomicLong now = new AtomicLong(1_700_000_000_000L);

  @Test
  void spendsItsShareThenWaitsForRefill() {
    RateLimiter l = new RateLimiter(3, 3000, 1.0, now::get);
    for (int i = 0; i < 3; i++) {
      assertThat(l.delayMs()).isZero();
      l.acquire();
    }
    assertThat(l.delayMs()).isEqualTo(1000);
    now.addAndGet(1000);
    assertThat(l.delayMs()).isZero();
  }

  @Test
  void pausesUntilTheResetWhenNothingRemains() {
    RateLimiter l = new RateLimiter(100, 1000, 1.0, now::get);
    long reset = now.get() / 1000 + 2;
    l.observe(new RateLimitHeaders(3000L, 0L, reset));
    assertThat(l.delayMs()).isEqualTo(reset * 1000 + 50 - now.get());
    assertThat(l.lastRemaining()).isZero();
    now.set(reset * 1000 + 50);
    assertThat(l.delayMs()).isZero();
  }

  @Test
  void pacesWhenTheWorkspaceBudgetRunsLow() {
    RateLimiter l = new RateLimiter(1000, 1000, 0.5, now::get);
    long resetAt = now.get() + 10_000;
    // 100 left for 10 s, this task's half is 50: one request per 200 ms.
    l.observe(new RateLimitHeaders(3000L, 100L, (resetAt - 50) / 1000));
    assertThat(l.delayMs()).isZero();
    l.acquire();
    assertThat(l.delayMs()).isBetween(150L, 200L);
    now.addAndGet(200);
    assertThat(l.delayMs()).isZero();
  }

  @Test
  void ignoresPlentyAndPastResets() {
    RateLimiter l = new RateLimiter(1000, 1000, 1.0, now::get);
    l.observe(new RateLimitHeaders(3000L, 2500L, now.get() / 1000 + 3));
    l.observe(new RateLimitHeaders(3000L, 0L, now.get() / 1000 - 10));
    l.observe(RateLimitHeaders.NONE);
    assertThat(l.delayMs()).isZero();
  }

  @Test
  void capsAHeaderPauseAtAMinute() {
    RateLimiter l = new RateLimiter(1000, 1000, 1.0, now::get);
    l.observe(new RateLimitHeaders(3000L, 0L, now.get() / 1000 + 3600));
    assertThat(l.delayMs()).isLessThanOrEqualTo(60_000);
  }

  @Test
  void blocksUntilA429Reset() {
    RateLimiter l = new RateLimiter(1000, 1000, 1.0, now::get);
    l.blockUntil(now.get() + 1500);
    assertThat(l.delayMs()).isEqualTo(1500);
  }
}
