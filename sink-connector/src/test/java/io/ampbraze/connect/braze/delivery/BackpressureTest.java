package io.ampbraze.connect.braze.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackpressureTest {
  @Test
  void pausesAtTheHighWatermarkAndResumesBelowHalf() {
    Backpressure b = new Backpressure(100, 10_000);
    assertThat(b.shouldPause(99, 100, 0)).isFalse();
    assertThat(b.shouldPause(100, 100, 0)).isTrue();
    assertThat(b.shouldPause(60, 100, 0)).isTrue();
    assertThat(b.shouldPause(50, 100, 0)).isFalse();
    assertThat(b.shouldPause(10, 10_000, 0)).isTrue();
    assertThat(b.shouldPause(10, 5_001, 0)).isTrue();
    assertThat(b.shouldPause(10, 5_000, 0)).isFalse();
  }

  @Test
  void recordsFinishedOutOfOrderCountFiveToAnObject() {
    // Records tracked only for their offsets are cheap: they pause the task only at 5 x the bound.
    Backpressure b = new Backpressure(100, 10_000);
    assertThat(b.shouldPause(40, 100, 499)).isFalse();
    assertThat(b.shouldPause(40, 100, 500)).isTrue();
    assertThat(b.shouldPause(40, 100, 251)).isTrue();
    assertThat(b.shouldPause(40, 100, 250)).isFalse();
  }
}
