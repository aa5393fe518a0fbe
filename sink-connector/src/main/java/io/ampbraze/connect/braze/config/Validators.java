package io.ampbraze.connect.braze.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** The sink's ConfigDef validators and recommenders. Messages never repeat a secret value. */
public final class Validators {
  private Validators() {}

  /** An absolute http(s) URL with a host, and no credentials, query or fragment. */
  public static ConfigDef.Validator httpUrl() {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        String problem = urlProblem((String) value);
        if (problem != null) {
          throw new ConfigException(name, value, problem);
        }
      }

      @Override
      public String toString() {
        return "an https:// URL (http:// only with braze.allow.http=true)";
      }
    };
  }

  /** Why {@code url} is not usable as a Braze REST endpoint, or null when it is. */
  static String urlProblem(String url) {
    if (url == null || url.isBlank()) {
      return "must be set to the Braze REST endpoint, e.g. https://rest.iad-01.braze.com";
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      return "is not a valid URL: " + e.getReason();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      return "must start with https:// (for example https://rest.iad-01.braze.com)";
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return "has no host name";
    }
    if (uri.getRawUserInfo() != null) {
      return "must not contain credentials: put the key in braze.api.key";
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      return "must not have a query or fragment: give the REST endpoint only";
    }
    return null;
  }

  /** A case-insensitive choice among an enum's config values. */
  public static <E extends Enum<E> & ConfigEnum> ConfigDef.Validator oneOf(Class<E> type) {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        try {
          ConfigEnum.parse(type, (String) value);
        } catch (IllegalArgumentException e) {
          throw new ConfigException(name, value, e.getMessage());
        }
      }

      @Override
      public String toString() {
        return String.join(", ", ConfigEnum.configValues(type));
      }
    };
  }

  /** Lists the enum's values in UIs and in the validate() answer. */
  public static <E extends Enum<E> & ConfigEnum> ConfigDef.Recommender recommend(Class<E> type) {
    return new ConfigDef.Recommender() {
      @Override
      public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
        return List.copyOf(ConfigEnum.configValues(type));
      }

      @Override
      public boolean visible(String name, Map<String, Object> parsedConfig) {
        return true;
      }
    };
  }

  /** Every entry of a list is a regular expression that compiles. */
  public static ConfigDef.Validator regexList() {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        @SuppressWarnings("unchecked")
        List<String> patterns = (List<String>) value;
        if (patterns == null) {
          return;
        }
        for (String p : patterns) {
          if (p.isEmpty()) {
            throw new ConfigException(name, value, "contains an empty regular expression");
          }
          try {
            Pattern.compile(p);
          } catch (PatternSyntaxException e) {
            throw new ConfigException(
                name,
                value,
                "entry '" + p + "' is not a valid regular expression: " + e.getDescription());
          }
        }
      }

      @Override
      public String toString() {
        return "a comma-separated list of Java regular expressions";
      }
    };
  }

  /** A list whose entries are all non-empty. */
  public static ConfigDef.Validator nonEmptyEntries() {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        @SuppressWarnings("unchecked")
        List<String> entries = (List<String>) value;
        if (entries != null && entries.stream().anyMatch(String::isEmpty)) {
          throw new ConfigException(name, value, "contains an empty entry");
        }
      }

      @Override
      public String toString() {
        return "a comma-separated list of names";
      }
    };
  }

  /** A Braze REST API key: set, without spaces or control characters. The value is never echoed. */
  public static ConfigDef.Validator apiKey() {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        String key = value == null ? null : ((Password) value).value();
        if (key == null || key.isEmpty()) {
          throw new ConfigException(name + " must be set to a Braze REST API key");
        }
        for (int i = 0; i < key.length(); i++) {
          char c = key.charAt(i);
          if (c <= ' ' || c >= 0x7f) {
            throw new ConfigException(
                name
                    + " contains a space, quote-like or control character at position "
                    + i
                    + "; give the bare key without quotes or 'Bearer '");
          }
          if (c == '"' || c == '\'') {
            throw new ConfigException(
                name + " contains a quote character: give the bare key without quotes");
          }
        }
      }

      @Override
      public String toString() {
        return "a Braze REST API key with the users.track permission";
      }
    };
  }

  /** A three-letter ISO-4217 currency code. */
  public static ConfigDef.Validator currencyCode() {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        String code = (String) value;
        if (code == null || !code.matches("[A-Za-z]{3}")) {
          throw new ConfigException(name, value, "must be a three-letter ISO-4217 currency code");
        }
      }

      @Override
      public String toString() {
        return "a three-letter ISO-4217 currency code, e.g. USD";
      }
    };
  }

  /** A Braze custom attribute name: 1..255 characters, no leading '$'. */
  public static ConfigDef.Validator attributeName() {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        String attr = (String) value;
        if (attr == null || attr.isBlank()) {
          throw new ConfigException(name, value, "must not be empty");
        }
        if (attr.startsWith("$") || attr.length() > 255) {
          throw new ConfigException(
              name, value, "must be a Braze custom attribute name: at most 255 characters, no leading '$'");
        }
      }

      @Override
      public String toString() {
        return "a Braze custom attribute name";
      }
    };
  }

  /** A non-blank string. */
  public static ConfigDef.Validator nonBlank() {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        if (value == null || ((String) value).isBlank()) {
          throw new ConfigException(name, value, "must not be empty");
        }
      }

      @Override
      public String toString() {
        return "a non-empty string";
      }
    };
  }
}
