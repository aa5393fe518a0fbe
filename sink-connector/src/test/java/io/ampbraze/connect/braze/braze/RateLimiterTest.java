package io.ampbraze.connect.braze.braze;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final AtomicLong now = new AtomicLong(1_700_000_000_000L);

  /** Starts as many requests as the limiter allows, every millisecond for {@code ms}. */
  private List<Long> sendGreedily(RateLimiter l, long ms) {
    List<Long> starts = new ArrayList<>();
    long end = now.get() + ms;
    while (now.get() < end) {
      while (l.delayMs() == 0) {
        l.acquire();
        starts.add(now.get());
      }
      now.incrementAndGet();
    }
    return starts;
  }

  /**
   * The most requests inside one interval of {@code windowMs}: an upper bound of what any fixed
   * window of that length, wherever it starts, can hold.
   */
  private static int busiestWindow(List<Long> times, long windowMs) {
    List<Long> sorted = new ArrayList<>(times);
    sorted.sort(null);
    int most = 0;
    int from = 0;
    for (int to = 0; to < sorted.size(); to++) {
      while (sorted.get(to) - sorted.get(from) >= windowMs) {
        from++;
      }
      most = Math.max(most, to - from + 1);
    }
    return most;
  }

  @Test
  void spacesItsShareEvenlyAfterASmallBurst() {
    // 200 per 3,000 ms (+ 50 ms margin): one per 15.25 ms, and a burst of a twentieth (10).
    RateLimiter l = new RateLimiter(200, 3000, 1.0, now::get);
    for (int i = 0; i < 10; i++) {
      assertThat(l.delayMs()).isZero();
      l.acquire();
    }
    assertThat(l.delayMs()).isEqualTo(16);
    now.addAndGet(16);
    assertThat(l.delayMs()).isZero();
    l.acquire();
    assertThat(l.delayMs()).isBetween(14L, 16L);
  }

  @Test
  void allowsTheBurstAgainAfterAMomentWithoutWork() {
    RateLimiter l = new RateLimiter(200, 3000, 1.0, now::get);
    for (int i = 0; i < 10; i++) {
      l.acquire();
    }
    assertThat(l.delayMs()).isPositive();
    // Idle for longer than the burst takes to earn back (10 x 15.25 ms).
    now.addAndGet(200);
    for (int i = 0; i < 10; i++) {
      assertThat(l.delayMs()).as("start %d of the second burst", i).isZero();
      l.acquire();
    }
    assertThat(l.delayMs()).isPositive();
  }

  @Test
  void theArrivalMarginIsFiftyMillisecondsOrAFiftiethOfShortWindows() {
    assertThat(RateLimiter.arrivalMarginMs(3000)).isEqualTo(50);
    assertThat(RateLimiter.arrivalMarginMs(2500)).isEqualTo(50);
    assertThat(RateLimiter.arrivalMarginMs(60_000)).isEqualTo(50);
    assertThat(RateLimiter.arrivalMarginMs(1000)).isEqualTo(20);
    assertThat(RateLimiter.arrivalMarginMs(10)).isEqualTo(1);
  }

  @Test
  void atTheDefaultBudgetOneTaskStartsOneRequestEveryMillisecondAndAFiftieth() {
    // 3,000 per 3,000 ms + 50 ms: after the burst, one start per 1.0167 ms.
    RateLimiter l = new RateLimiter(3000, 3000, 1.0, now::get);
    List<Long> starts = sendGreedily(l, 3050);
    // The burst (150), then one per 1.0167 ms: the share (3,000) is used up shortly before the
    // 3,050 ms have passed, never exceeded.
    assertThat(starts).hasSize(3000);
    List<Long> afterBurst = starts.subList(150, starts.size());
    long span = afterBurst.get(afterBurst.size() - 1) - afterBurst.get(0);
    assertThat((double) span / (afterBurst.size() - 1)).isBetween(1.0, 1.03);
  }

  @Test
  void theFourthOfThreePerWindowWaitsForTheFirstToLeaveTheWindow() {
    RateLimiter l = new RateLimiter(3, 3000, 1.0, now::get);
    List<Long> starts = sendGreedily(l, 3100);
    assertThat(starts).hasSize(4);
    assertThat(starts.get(3) - starts.get(0)).isGreaterThanOrEqualTo(3050);
  }

  @Test
  void neverStartsMoreThanItsShareInAnyFixedWindowYetUsesNearlyAllOfIt() {
    RateLimiter l = new RateLimiter(300, 3000, 1.0, now::get);
    List<Long> starts = sendGreedily(l, 30_000);
    assertThat(busiestWindow(starts, 3000)).isLessThanOrEqualTo(300);
    // 10 windows' budget, less the margin: at least 95 %.
    assertThat(starts.size()).isGreaterThanOrEqualTo(2850);
  }

  @Test
  void requestsArrivingUpToTheMarginLateStillFitBrazesWindows() {
    RateLimiter l = new RateLimiter(200, 1000, 1.0, now::get);
    long margin = RateLimiter.arrivalMarginMs(1000);
    Random random = new Random(7);
    List<Long> arrivals = new ArrayList<>();
    for (long sent : sendGreedily(l, 20_000)) {
      arrivals.add(sent + (long) (random.nextDouble() * margin));
    }
    assertThat(busiestWindow(arrivals, 1000)).isLessThanOrEqualTo(200);
  }

  @Test
  void keepsFixedMemoryForLargeBudgets() {
    RateLimiter l = new RateLimiter(1_000_000, 3000, 1.0, now::get);
    for (int i = 0; i < 1_000_000; i++) {
      l.acquire();
    }
    assertThat(l.delayMs()).isGreaterThanOrEqualTo(3000);
  }

  @Test
  void pausesUntilTheResetWhenNothingRemains() {
    RateLimiter l = new RateLimiter(100, 1000, 1.0, now::get);
    long reset = now.get() / 1000 + 2;
    l.observe(new RateLimitHeaders(3000L, 0L, reset), 0);
    assertThat(l.delayMs()).isEqualTo(reset * 1000 + 50 - now.get());
    assertThat(l.lastRemaining()).isZero();
    now.set(reset * 1000 + 50);
    assertThat(l.delayMs()).isZero();
  }

  @Test
  void countsItsRequestsInFlightAgainstWhatRemains() {
    RateLimiter l = new RateLimiter(1000, 1000, 1.0, now::get);
    long reset = now.get() / 1000 + 2;
    // 10 remain in Braze's window, but 4 of this task's requests are still on their way there.
    l.observe(new RateLimitHeaders(3000L, 10L, reset), 4);
    for (int i = 0; i < 6; i++) {
      assertThat(l.delayMs()).isZero();
      l.acquire();
    }
    assertThat(l.delayMs()).isEqualTo(reset * 1000 + 50 - now.get());
    now.set(reset * 1000 + 50);
    assertThat(l.delayMs()).isZero();
  }

  @Test
  void takesOnlyItsFractionOfWhatRemains() {
    RateLimiter l = new RateLimiter(1000, 1000, 0.5, now::get);
    l.observe(new RateLimitHeaders(3000L, 100L, now.get() / 1000 + 5), 10);
    int allowed = 0;
    while (l.delayMs() == 0) {
      l.acquire();
      allowed++;
    }
    assertThat(allowed).isEqualTo(40);
  }

  @Test
  void keepsTheLowestEstimateOfAWindowAndIgnoresEarlierWindows() {
    RateLimiter l = new RateLimiter(1000, 1000, 1.0, now::get);
    long reset = now.get() / 1000 + 2;
    l.observe(new RateLimitHeaders(3000L, 5L, reset), 0);
    l.observe(new RateLimitHeaders(3000L, 50L, reset), 0); // arrived out of order: older news
    l.observe(new RateLimitHeaders(3000L, 0L, reset - 1), 0); // the window before
    int allowed = 0;
    while (l.delayMs() == 0) {
      l.acquire();
      allowed++;
    }
    assertThat(allowed).isEqualTo(5);
    // The next window's first answer replaces the estimate.
    now.set(reset * 1000 + 60);
    l.observe(new RateLimitHeaders(3000L, 2999L, reset + 1), 0);
    assertThat(l.delayMs()).isZero();
  }

  @Test
  void ignoresPlentyAndPastResets() {
    RateLimiter l = new RateLimiter(1000, 1000, 1.0, now::get);
    l.observe(new RateLimitHeaders(3000L, 2500L, now.get() / 1000 + 3), 0);
    l.observe(new RateLimitHeaders(3000L, 0L, now.get() / 1000 - 10), 0);
    l.observe(RateLimitHeaders.NONE, 0);
    assertThat(l.delayMs()).isZero();
  }

  @Test
  void capsAHeaderPauseAtAMinute() {
    RateLimiter l = new RateLimiter(1000, 1000, 1.0, now::get);
    l.observe(new RateLimitHeaders(3000L, 0L, now.get() / 1000 + 3600), 0);
    assertThat(l.delayMs()).isLessThanOrEqualTo(60_000);
  }

  @Test
  void blocksUntilA429Reset() {
    RateLimiter l = new RateLimiter(1000, 1000, 1.0, now::get);
    l.blockUntil(now.get() + 1500);
    assertThat(l.delayMs()).isEqualTo(1500);
  }
}
