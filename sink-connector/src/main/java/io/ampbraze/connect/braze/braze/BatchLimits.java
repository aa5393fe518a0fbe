package io.ampbraze.connect.braze.braze;

/**
 * Braze's per-request limits as configured: {@code maxObjects} for the three arrays together
 * (Braze's current rule, 75 or 50 on some contracts) or per array (the legacy rule), and a body
 * cap below Braze's 4 MB.
 */
public record BatchLimits(int maxObjects, boolean perArray, int maxBytes) {

  /** The most objects one request can hold. */
  public int capacity() {
    return perArray ? maxObjects * ObjectKind.values().length : maxObjects;
  }

  /**
   * True when one more object of {@code kind} and {@code size} bytes fits a request already
   * holding {@code counts} objects per kind and {@code bodyBytes} bytes.
   */
  public boolean fits(int[] counts, long bodyBytes, ObjectKind kind, int size) {
    if (bodyBytes + size + 1 > maxBytes) {
      return false;
    }
    if (perArray) {
      return counts[kind.ordinal()] < maxObjects;
    }
    int total = 0;
    for (int c : counts) {
      total += c;
    }
    return total < maxObjects;
  }

  /** True when no further object of any kind can join. */
  public boolean isFull(int[] counts, long bodyBytes) {
    if (bodyBytes + 2 >= maxBytes) {
      return true;
    }
    for (ObjectKind k : ObjectKind.values()) {
      if (fits(counts, bodyBytes, k, 1)) {
        return false;
      }
    }
    return true;
  }
}
