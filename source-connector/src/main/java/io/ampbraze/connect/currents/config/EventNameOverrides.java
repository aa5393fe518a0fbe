package io.ampbraze.connect.currents.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * The {@code amplitude.event.names} setting: entries {@code <currents event type>=<name>} that
 * replace the built-in Amplitude name (the part after {@code amplitude.event.type.prefix}) of a
 * Currents event type. A name may use {@code ${name}}, the custom event's own name; the built-in
 * name of {@code users.behaviors.CustomEvent} is {@code [Custom Event] ${name}}.
 */
public final class EventNameOverrides {
  public static final String NAME_PLACEHOLDER = "${name}";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
  private static final Pattern EVENT_TYPE = Pattern.compile("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*");

  private final Map<String, String> names;

  private EventNameOverrides(Map<String, String> names) {
    this.names = Collections.unmodifiableMap(names);
  }

  /** Parses the entries, throwing a {@link ConfigException} naming {@code key} if one is bad. */
  public static EventNameOverrides parse(String key, List<String> entries) {
    Map<String, String> names = new LinkedHashMap<>();
    for (String entry : entries) {
      if (entry.isBlank()) {
        continue;
      }
      int eq = entry.indexOf('=');
      String type = eq < 0 ? "" : entry.substring(0, eq).trim();
      String name = eq < 0 ? "" : entry.substring(eq + 1).trim();
      if (eq < 0 || type.isEmpty() || name.isEmpty()) {
        throw new ConfigException(
            key, entries, "entry '" + entry + "' is not of the form <currents event type>=<name>");
      }
      if (!EVENT_TYPE.matcher(type).matches()) {
        throw new ConfigException(
            key, entries, "'" + type + "' is not a Currents event type (e.g. users.messages.email.Send)");
      }
      Matcher m = PLACEHOLDER.matcher(name);
      while (m.find()) {
        if (!m.group().equals(NAME_PLACEHOLDER)) {
          throw new ConfigException(
              key,
              entries,
              "unknown placeholder " + m.group() + " in '" + entry + "': the only placeholder is "
                  + NAME_PLACEHOLDER);
        }
      }
      if (names.put(type, name) != null) {
        throw new ConfigException(key, entries, "event type '" + type + "' is named twice");
      }
    }
    return new EventNameOverrides(names);
  }

  public Optional<String> nameFor(String eventType) {
    return Optional.ofNullable(names.get(eventType));
  }

  public Map<String, String> asMap() {
    return names;
  }

  static ConfigDef.Validator validator() {
    return (name, value) -> {
      @SuppressWarnings("unchecked")
      List<String> list = (List<String>) value;
      parse(name, list);
    };
  }
}
