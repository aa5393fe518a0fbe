package io.ampbraze.quickstart.connect;

import java.util.List;
import java.util.Map;

/**
 * The answer of {@code PUT /connector-plugins/{plugin}/config/validate}: the error count and the
 * messages per config key.
 */
public record ValidationResult(int errorCount, Map<String, List<String>> errorsByKey) {
  public boolean valid() {
    return errorCount == 0;
  }
}
