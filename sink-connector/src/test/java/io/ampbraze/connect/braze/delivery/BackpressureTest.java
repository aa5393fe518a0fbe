package io.ampbraze.connect.braze.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackpressureTest {
  @Test
  void pausesAtTheHighWatermarkAndResumesBelowHalf() {
    Backpressure b = new Backpressure(100, 10_000);
    assertThat(b.shouldPause(99, 100)).isFalse();
    assertThat(b.shouldPause(100, 100)).isTrue();
    assertThat(b.shouldPause(60, 100)).isTrue();
    assertThat(b.shouldPause(50, 100)).isFalse();
    assertThat(b.shouldPause(10, 10_000)).isTrue();
    assertThat(b.shouldPause(10, 5_001)).isTrue();
    assertThat(b.shouldPause(10, 5_000)).isFalse();
  }
}
