package io.ampbraze.connect.currents.currents;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;

/**
 * One UTC hour, as Currents names its {@code date=} folders ({@code YYYY-MM-DD-HH}). Ordered,
 * and cheap to step through.
 */
public record UtcHour(long epochHour) implements Comparable<UtcHour> {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd-HH").withResolverStyle(ResolverStyle.STRICT);

  /** The hour containing {@code instant}. */
  public static UtcHour of(Instant instant) {
    return new UtcHour(Math.floorDiv(instant.getEpochSecond(), 3600));
  }

  /** Parses {@code YYYY-MM-DD-HH}; empty if the text is anything else. */
  public static Optional<UtcHour> parse(String text) {
    if (text == null || text.length() != 13) {
      return Optional.empty();
    }
    try {
      LocalDateTime t = LocalDateTime.parse(text, FORMAT);
      return Optional.of(new UtcHour(t.toEpochSecond(ZoneOffset.UTC) / 3600));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  public UtcHour plusHours(long hours) {
    return new UtcHour(epochHour + hours);
  }

  /** The UTC day of this hour. */
  public LocalDate day() {
    return LocalDate.ofEpochDay(Math.floorDiv(epochHour, 24));
  }

  /** The hour of the day, 0..23. */
  public int hourOfDay() {
    return (int) Math.floorMod(epochHour, 24);
  }

  public boolean isBefore(UtcHour other) {
    return epochHour < other.epochHour;
  }

  public boolean isAfter(UtcHour other) {
    return epochHour > other.epochHour;
  }

  @Override
  public int compareTo(UtcHour o) {
    return Long.compare(epochHour, o.epochHour);
  }

  /** {@code YYYY-MM-DD-HH}. */
  @Override
  public String toString() {
    return FORMAT.format(LocalDateTime.ofEpochSecond(epochHour * 3600, 0, ZoneOffset.UTC));
  }

  public static UtcHour min(UtcHour a, UtcHour b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  public static UtcHour max(UtcHour a, UtcHour b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
