package io.ampbraze.connect.braze.braze;

/**
 * Braze's {@code x-ratelimit-limit}, {@code x-ratelimit-remaining} and {@code
 * x-ratelimit-reset} (epoch seconds) of one answer; each may be absent (null).
 */
public record RateLimitHeaders(Long limit, Long remaining, Long resetEpochSeconds) {
  public static final RateLimitHeaders NONE = new RateLimitHeaders(null, null, null);

  /** Parses the three header values (null or junk values count as absent). */
  public static RateLimitHeaders parse(String limit, String remaining, String reset) {
    return new RateLimitHeaders(number(limit), number(remaining), number(reset));
  }

  private static Long number(String s) {
    if (s == null) {
      return null;
    }
    try {
      return (long) Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
