package io.ampbraze.connect.braze.mapping;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Braze's time format: ISO-8601 UTC with milliseconds. */
final class BrazeTime {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private BrazeTime() {}

  static String format(Instant time) {
    return FORMAT.format(time);
  }
}
