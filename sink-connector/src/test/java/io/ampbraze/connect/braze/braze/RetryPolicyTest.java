package io.ampbraze.connect.braze.braze;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  @Test
  void backoffDoublesUpToTheMaxWithJitterBetweenHalfAndAll() {
    RetryPolicy low = new RetryPolicy(100, 1000, 60_000, () -> 0.0);
    RetryPolicy high = new RetryPolicy(100, 1000, 60_000, () -> 0.999999);
    long[] ceilings = {100, 200, 400, 800, 1000, 1000};
    for (int attempt = 1; attempt <= ceilings.length; attempt++) {
      assertThat(low.backoffMs(attempt)).isEqualTo(ceilings[attempt - 1] / 2);
      assertThat(high.backoffMs(attempt)).isBetween(ceilings[attempt - 1] - 1, ceilings[attempt - 1]);
    }
    assertThat(high.backoffMs(60)).isLessThanOrEqualTo(1000);
  }

  @Test
  void retriesOnlyWithinTheRetryTimeout() {
    RetryPolicy p = new RetryPolicy(100, 1000, 5000, () -> 0.5);
    assertThat(p.allows(10_000, 15_000)).isTrue();
    assertThat(p.allows(10_000, 15_001)).isFalse();
    assertThat(new RetryPolicy(100, 1000, 0, () -> 0.5).allows(10_000, 10_001)).isFalse();
  }
}
