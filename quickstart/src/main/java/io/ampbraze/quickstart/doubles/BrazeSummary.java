package io.ampbraze.quickstart.doubles;

import java.util.Map;

/**
 * What a Braze double answered and accepted.
 *
 * @param requests {@code /users/track} requests received, refused ones included
 * @param statuses answers per HTTP status
 * @param acceptedByKind accepted objects per array: {@code attributes}, {@code events}, {@code
 *     purchases}, in that order
 * @param itemErrors objects named in the {@code errors[]} of a 2xx answer (not accepted)
 * @param users distinct users with accepted objects
 */
public record BrazeSummary(
    long requests,
    Map<Integer, Long> statuses,
    Map<String, Long> acceptedByKind,
    long itemErrors,
    long users) {
  public static final String ATTRIBUTES = "attributes";
  public static final String EVENTS = "events";
  public static final String PURCHASES = "purchases";

  public long accepted(String kind) {
    return acceptedByKind.getOrDefault(kind, 0L);
  }

  public long acceptedTotal() {
    return acceptedByKind.values().stream().mapToLong(Long::longValue).sum();
  }
}
