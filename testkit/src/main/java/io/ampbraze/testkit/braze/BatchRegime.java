package io.ampbraze.testkit.braze;

/**
 * How many objects one request may hold, per one of Braze's three documented regimes.
 *
 * @param maxObjects the limit
 * @param perArray true: the limit applies to each array separately (legacy); false: to all
 *     three arrays together
 */
public record BatchRegime(int maxObjects, boolean perArray) {
  /** Braze's current rule: 75 objects across attributes, events and purchases. */
  public static final BatchRegime COMBINED_75 = new BatchRegime(75, false);

  /** The legacy rule: 75 attributes, 75 events and 75 purchases per request. */
  public static final BatchRegime PER_ARRAY_75 = new BatchRegime(75, true);

  /** The "Monthly Active Users CY 24-25" contracts: 50 objects combined. */
  public static final BatchRegime COMBINED_50 = new BatchRegime(50, false);

  /** {@code maxObjects} across the three arrays together. */
  public static BatchRegime combinedOf(int maxObjects) {
    return new BatchRegime(maxObjects, false);
  }

  /** {@code maxObjects} per array. */
  public static BatchRegime perArrayOf(int maxObjects) {
    return new BatchRegime(maxObjects, true);
  }

  /** Parses {@code combined75}, {@code perarray75}, {@code combined50} (or {@code combined:N}, {@code perarray:N}). */
  public static BatchRegime parse(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT).replace("-", "").replace("_", "");
    if (t.equals("combined75")) {
      return COMBINED_75;
    }
    if (t.equals("perarray75")) {
      return PER_ARRAY_75;
    }
    if (t.equals("combined50")) {
      return COMBINED_50;
    }
    if (t.startsWith("combined:")) {
      return combinedOf(Integer.parseInt(t.substring(9)));
    }
    if (t.startsWith("perarray:")) {
      return perArrayOf(Integer.parseInt(t.substring(9)));
    }
    throw new IllegalArgumentException("unknown batch regime: " + text);
  }
}
