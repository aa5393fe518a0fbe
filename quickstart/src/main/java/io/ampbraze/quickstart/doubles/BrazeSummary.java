package io.ampbraze.quickstart.doubles;

import java.util.List;
import java.util.Map;

/**
 * What a Braze double accepted: requests answered with success, objects by kind ({@code
 * attributes}, {@code events}, {@code purchases}) and a few of them as JSON.
 */
public record BrazeSummary(long requests, Map<String, Long> acceptedByKind, List<String> samples) {
  public long accepted(String kind) {
    return acceptedByKind.getOrDefault(kind, 0L);
  }
}
