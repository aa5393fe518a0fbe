package io.ampbraze.testkit.braze;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The emulator counts like Braze: fixed windows, x-ratelimit-reset = the window's end in epoch seconds. */
class RateLimitWindowTest {
  private static final long T = 1_700_000_001_000L; // a multiple of 3 s: a window starts here

  @Test
  void countsFixedWindowsAndResetsAtTheirEnd() {
    RateLimitWindow w = new RateLimitWindow(2, 3000);
    assertThat(w.take(T + 2998)).isEqualTo(new RateLimitWindow.Verdict(true, 2, 1, (T + 3000) / 1000));
    assertThat(w.take(T + 2999)).isEqualTo(new RateLimitWindow.Verdict(true, 2, 0, (T + 3000) / 1000));
    assertThat(w.take(T + 2999)).isEqualTo(new RateLimitWindow.Verdict(false, 2, 0, (T + 3000) / 1000));
    // A fixed window, not a sliding one: the next window's budget is whole a millisecond later.
    assertThat(w.take(T + 3000)).isEqualTo(new RateLimitWindow.Verdict(true, 2, 1, (T + 6000) / 1000));
    assertThat(w.take(T + 3001).allowed()).isTrue();
    assertThat(w.take(T + 5999).allowed()).isFalse();
    assertThat(w.peek(T + 5999).remaining()).isZero();
    assertThat(w.peek(T + 6000).remaining()).isEqualTo(2);
  }

  @Test
  void roundsAResetInsideASecondUp() {
    RateLimitWindow w = new RateLimitWindow(1, 1500);
    long start = 1_700_000_001_000L - Math.floorMod(1_700_000_001_000L, 1500);
    assertThat(w.take(start).resetEpochSeconds()).isEqualTo((start + 1500 + 999) / 1000);
  }
}
