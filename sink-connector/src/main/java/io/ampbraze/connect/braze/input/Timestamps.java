package io.ampbraze.connect.braze.input;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.ampbraze.connect.braze.input.BadRecordException.Reason;

/**
 * Lenient timestamp parsing for the shapes Amplitude writes: epoch numbers (seconds,
 * milliseconds, microseconds or nanoseconds, told apart by magnitude, as numbers or numeric
 * strings) and ISO-like text with a space or 'T', 0 to 9 fraction digits and an optional zone
 * (UTC when absent).
 */
public final class Timestamps {
  private static final Pattern TEXT =
      Pattern.compile(
          "(\\d{4})-(\\d{1,2})-(\\d{1,2})"
              + "(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,:](\\d{1,9}))?)?)?"
              + "\\s*(Z|UTC|GMT|[+-]\\d{2}(?::?\\d{2})?)?");
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

  private static final BigInteger BILLION = BigInteger.valueOf(1_000_000_000L);

  private Timestamps() {}

  /** Parses {@code node}; a failure names {@code field}. */
  public static Instant parse(JsonNode node, String field) {
    if (node.isNumber()) {
      return fromEpoch(node.decimalValue(), field);
    }
    if (node.isTextual()) {
      return parse(node.textValue(), field);
    }
    throw invalid(field);
  }

  /** Parses text; a failure names {@code field}. */
  public static Instant parse(String text, String field) {
    String s = text.trim();
    if (NUMBER.matcher(s).matches()) {
      return fromEpoch(new BigDecimal(s), field);
    }
    Matcher m = TEXT.matcher(s);
    if (!m.matches()) {
      throw invalid(field);
    }
    try {
      int nanos = 0;
      if (m.group(7) != null) {
        String fraction = (m.group(7) + "000000000").substring(0, 9);
        nanos = Integer.parseInt(fraction);
      }
      LocalDateTime local =
          LocalDateTime.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)),
              m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
              m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
              m.group(6) == null ? 0 : Integer.parseInt(m.group(6)),
              nanos);
      return local.toInstant(zone(m.group(8)));
    } catch (DateTimeException | NumberFormatException e) {
      throw invalid(field);
    }
  }

  private static ZoneOffset zone(String zone) {
    if (zone == null || zone.equals("Z") || zone.equals("UTC") || zone.equals("GMT")) {
      return ZoneOffset.UTC;
    }
    String normalized = zone.length() == 3 ? zone + ":00" : zone;
    if (normalized.length() == 5) {
      normalized = normalized.substring(0, 3) + ":" + normalized.substring(3);
    }
    return ZoneOffset.of(normalized);
  }

  private static Instant fromEpoch(BigDecimal value, String field) {
    BigDecimal abs = value.abs();
    BigDecimal nanos;
    if (abs.compareTo(BigDecimal.valueOf(100_000_000_000L)) < 0) {
      nanos = value.movePointRight(9);
    } else if (abs.compareTo(BigDecimal.valueOf(100_000_000_000_000L)) < 0) {
      nanos = value.movePointRight(6);
    } else if (abs.compareTo(new BigDecimal("1e17")) < 0) {
      nanos = value.movePointRight(3);
    } else {
      nanos = value;
    }
    try {
      BigInteger[] secondsAndNanos =
          nanos.setScale(0, RoundingMode.FLOOR).toBigIntegerExact().divideAndRemainder(BILLION);
      return Instant.ofEpochSecond(
          secondsAndNanos[0].longValueExact(), secondsAndNanos[1].longValue());
    } catch (ArithmeticException | DateTimeException e) {
      throw invalid(field);
    }
  }

  private static BadRecordException invalid(String field) {
    return new BadRecordException(
        Reason.INVALID_FIELD,
        field,
        "is not a timestamp: expected epoch milliseconds (or seconds) or text like "
            + "'2024-05-01 12:30:00.123456' / '2024-05-01T12:30:00Z'");
  }
}
