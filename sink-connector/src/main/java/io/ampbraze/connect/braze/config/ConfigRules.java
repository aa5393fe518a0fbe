package io.ampbraze.connect.braze.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.config.ConfigValue;

/** Rules that involve more than one key; each problem is attached to the key to fix. */
public final class ConfigRules {
  private ConfigRules() {}

  /** One broken rule: the key to fix and why. */
  public record Problem(String key, String message) {}

  /** Checks parsed values (keys missing from the map are skipped: they failed on their own). */
  public static List<Problem> check(Map<String, ?> parsed) {
    List<Problem> problems = new ArrayList<>();
    Object url = parsed.get(BrazeSinkConfig.REST_URL);
    Object allowHttp = parsed.get(BrazeSinkConfig.ALLOW_HTTP);
    if (url instanceof String && Validators.urlProblem((String) url) == null) {
      String scheme = URI.create(((String) url).trim()).getScheme().toLowerCase(Locale.ROOT);
      if (scheme.equals("http") && !Boolean.TRUE.equals(allowHttp)) {
        problems.add(
            new Problem(
                BrazeSinkConfig.REST_URL,
                "is http:// but "
                    + BrazeSinkConfig.ALLOW_HTTP
                    + " is false: use the https:// endpoint, or set "
                    + BrazeSinkConfig.ALLOW_HTTP
                    + "=true for a local emulator (the API key would travel unencrypted)"));
      }
    }
    Object backoff = parsed.get(BrazeSinkConfig.RETRY_BACKOFF_MS);
    Object backoffMax = parsed.get(BrazeSinkConfig.RETRY_BACKOFF_MAX_MS);
    if (backoff instanceof Long && backoffMax instanceof Long && (Long) backoffMax < (Long) backoff) {
      problems.add(
          new Problem(
              BrazeSinkConfig.RETRY_BACKOFF_MAX_MS,
              "must be at least " + BrazeSinkConfig.RETRY_BACKOFF_MS + " (" + backoff + ")"));
    }
    return problems;
  }

  /** Adds the problems to the matching {@link ConfigValue}s of a validate() answer. */
  public static void applyTo(Map<String, ConfigValue> values) {
    Map<String, Object> parsed = new java.util.HashMap<>();
    values.forEach(
        (k, v) -> {
          if (v.errorMessages().isEmpty() && v.value() != null) {
            parsed.put(k, v.value());
          }
        });
    for (Problem p : check(parsed)) {
      ConfigValue target = values.get(p.key());
      if (target != null) {
        target.addErrorMessage(p.key() + " " + p.message());
      }
    }
  }

  /** The first problem of a parsed config as a message, or null. */
  static String firstProblem(BrazeSinkConfig config) {
    List<Problem> problems = check(config.values());
    if (problems.isEmpty()) {
      return null;
    }
    Problem p = problems.get(0);
    return "Invalid value for configuration " + p.key() + ": " + p.key() + " " + p.message();
  }
}
