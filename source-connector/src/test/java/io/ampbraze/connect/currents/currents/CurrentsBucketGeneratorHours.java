package io.ampbraze.connect.currents.currents;

import java.time.Instant;

import io.ampbraze.testkit.currents.CurrentsBucketGenerator;

/** Formats hours like Currents' date= folders, for config values in tests. */
final class CurrentsBucketGeneratorHours {
  private CurrentsBucketGeneratorHours() {}

  static String format(Instant hour) {
    return CurrentsBucketGenerator.formatHour(hour);
  }
}
