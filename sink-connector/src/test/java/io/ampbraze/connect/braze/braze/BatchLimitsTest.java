package io.ampbraze.connect.braze.braze;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BatchLimitsTest {
  @Test
  void combinedLimitCountsAllArrays() {
    BatchLimits l = new BatchLimits(75, false, 4_000_000);
    assertThat(l.capacity()).isEqualTo(75);
    assertThat(l.fits(new int[] {25, 25, 24}, 100, ObjectKind.PURCHASES, 10)).isTrue();
    assertThat(l.fits(new int[] {25, 25, 25}, 100, ObjectKind.PURCHASES, 10)).isFalse();
    assertThat(l.isFull(new int[] {75, 0, 0}, 100)).isTrue();
    assertThat(l.isFull(new int[] {74, 0, 0}, 100)).isFalse();
  }

  @Test
  void perArrayLimitCountsEachArray() {
    BatchLimits l = new BatchLimits(75, true, 4_000_000);
    assertThat(l.capacity()).isEqualTo(225);
    assertThat(l.fits(new int[] {75, 0, 0}, 100, ObjectKind.EVENTS, 10)).isTrue();
    assertThat(l.fits(new int[] {75, 0, 0}, 100, ObjectKind.ATTRIBUTES, 10)).isFalse();
    assertThat(l.isFull(new int[] {75, 75, 74}, 100)).isFalse();
    assertThat(l.isFull(new int[] {75, 75, 75}, 100)).isTrue();
  }

  @Test
  void fiftyCombined() {
    BatchLimits l = new BatchLimits(50, false, 4_000_000);
    assertThat(l.fits(new int[] {49, 0, 0}, 0, ObjectKind.EVENTS, 1)).isTrue();
    assertThat(l.fits(new int[] {50, 0, 0}, 0, ObjectKind.EVENTS, 1)).isFalse();
  }

  @Test
  void bytesCapTheBody() {
    BatchLimits l = new BatchLimits(75, false, 1000);
    assertThat(l.fits(new int[] {1, 0, 0}, 900, ObjectKind.EVENTS, 99)).isTrue();
    assertThat(l.fits(new int[] {1, 0, 0}, 900, ObjectKind.EVENTS, 100)).isFalse();
    assertThat(l.isFull(new int[] {1, 0, 0}, 999)).isTrue();
  }
}
