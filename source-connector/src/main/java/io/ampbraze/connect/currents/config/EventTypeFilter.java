package io.ampbraze.connect.currents.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Which Currents event types the connector reads: those matching one of the include expressions
 * (all, when there are none) and none of the exclude expressions. Expressions must match the
 * whole event type ({@link java.util.regex.Matcher#matches()}).
 */
public final class EventTypeFilter {
  private final List<Pattern> include;
  private final List<Pattern> exclude;

  public EventTypeFilter(List<String> include, List<String> exclude) {
    this.include = compile(include);
    this.exclude = compile(exclude);
  }

  public boolean accepts(String eventType) {
    boolean in = include.isEmpty() || include.stream().anyMatch(p -> p.matcher(eventType).matches());
    return in && exclude.stream().noneMatch(p -> p.matcher(eventType).matches());
  }

  private static List<Pattern> compile(List<String> expressions) {
    List<Pattern> out = new ArrayList<>();
    for (String e : expressions) {
      if (!e.isBlank()) {
        out.add(Pattern.compile(e));
      }
    }
    return out;
  }

  /** The ConfigDef validator of an expression list. */
  static ConfigDef.Validator validator() {
    return (name, value) -> {
      @SuppressWarnings("unchecked")
      List<String> list = (List<String>) value;
      for (String e : list) {
        try {
          Pattern.compile(e);
        } catch (PatternSyntaxException ex) {
          throw new ConfigException(
              name,
              value,
              "'" + e + "' is not a valid regular expression: " + ex.getDescription()
                  + " near index " + ex.getIndex()
                  + " (entries are separated by commas, so an expression cannot contain one)");
        }
      }
    };
  }
}
