package io.ampbraze.quickstart.docs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;

/**
 * Renders a connector's {@link ConfigDef} as a Markdown reference: a summary table, then one
 * section per group with every key's description, type, default, valid values and importance. The
 * output depends only on the ConfigDef, so a committed copy can be checked for staleness.
 */
public final class ConfigReference {
  static final String OTHER_GROUP = "Other settings";

  private ConfigReference() {}

  /**
   * @param title the page title, e.g. "Braze sink connector"
   * @param connectorClass the class whose {@code config()} this is
   * @param regenerate the command that regenerates the page, quoted in its header
   */
  public static String render(
      String title, String connectorClass, ConfigDef config, String regenerate) {
    List<String> out = new ArrayList<>();
    out.add("# " + title + ": configuration reference");
    out.add("");
    out.add(
        "<!-- Generated from "
            + connectorClass
            + "#config(). Do not edit by hand: regenerate with");
    out.add("     " + regenerate + " -->");
    out.add("");
    out.add(
        "The settings of `"
            + connectorClass
            + "`, generated from the connector's `ConfigDef`. Kafka Connect's own settings");
    out.add(
        "(`name`, `connector.class`, `tasks.max`, `topics`, the converters, `transforms`,"
            + " `errors.*`, ...)");
    out.add("are described in the Kafka Connect documentation.");
    out.add("");

    Map<String, List<ConfigKey>> groups = grouped(config);
    if (groups.isEmpty()) {
      out.add("The connector's `ConfigDef` declares no settings of its own.");
      return String.join("\n", out) + "\n";
    }

    out.add("| Key | Type | Default | Importance |");
    out.add("|---|---|---|---|");
    groups.values().stream()
        .flatMap(List::stream)
        .forEach(
            key ->
                out.add(
                    "| [`"
                        + key.name
                        + "`](#"
                        + anchor(key.name)
                        + ") | "
                        + typeName(key)
                        + " | "
                        + cell(defaultValue(key))
                        + " | "
                        + importance(key)
                        + " |"));

    groups.forEach(
        (group, keys) -> {
          out.add("");
          out.add("## " + group);
          for (ConfigKey key : keys) {
            out.add("");
            out.add("### `" + key.name + "`");
            out.add("");
            if (key.documentation != null && !key.documentation.isBlank()) {
              // Plain text: escaped so that '<url>' or 'a\.b.*' show as written on GitHub.
              out.add(ConfigSummary.inline(key.documentation.strip()));
              out.add("");
            }
            out.add("- Type: " + typeName(key));
            out.add("- Default: " + defaultValue(key));
            String valid = validValues(key);
            if (valid != null) {
              out.add("- Valid values: " + valid);
            }
            out.add("- Importance: " + importance(key));
            if (key.type == ConfigDef.Type.PASSWORD) {
              out.add(
                  "- Secret: the value is hidden in the REST API and in logs; supply it through a"
                      + " config provider, e.g. `${file:/path/secrets.properties:"
                      + key.name
                      + "}`");
            }
          }
        });
    return String.join("\n", out) + "\n";
  }

  /** Keys by group, groups in the ConfigDef's order, keys by their order in the group. */
  static Map<String, List<ConfigKey>> grouped(ConfigDef config) {
    Map<String, List<ConfigKey>> groups = new LinkedHashMap<>();
    for (String group : config.groups()) {
      groups.put(group, new ArrayList<>());
    }
    List<ConfigKey> ungrouped = new ArrayList<>();
    for (ConfigKey key : config.configKeys().values()) {
      if (key.internalConfig) {
        continue;
      }
      if (key.group == null || key.group.isBlank()) {
        ungrouped.add(key);
      } else {
        groups.computeIfAbsent(key.group, g -> new ArrayList<>()).add(key);
      }
    }
    if (!ungrouped.isEmpty()) {
      groups.computeIfAbsent(OTHER_GROUP, g -> new ArrayList<>()).addAll(ungrouped);
    }
    groups.values().forEach(keys -> keys.sort(Comparator.comparingInt(k -> k.orderInGroup)));
    groups.values().removeIf(List::isEmpty);
    return groups;
  }

  static String typeName(ConfigKey key) {
    return key.type.name().toLowerCase(Locale.ROOT);
  }

  static String defaultValue(ConfigKey key) {
    if (!key.hasDefault()) {
      return "required";
    }
    if (key.defaultValue == null) {
      return "none";
    }
    if (key.type == ConfigDef.Type.PASSWORD) {
      return "hidden";
    }
    String text = ConfigDef.convertToString(key.defaultValue, key.type);
    if (text.isEmpty()) {
      return key.type == ConfigDef.Type.LIST ? "empty list" : "`\"\"` (empty)";
    }
    return "`" + text + "`";
  }

  /**
   * The validator's own description (Kafka's validators describe themselves, e.g. {@code
   * [1,...,75]} or {@code [auto, event, user, cohort]}); none when it has no description of its
   * own, which would otherwise print an object identity that changes from run to run.
   */
  static String validValues(ConfigKey key) {
    if (key.validator == null) {
      return null;
    }
    String text = key.validator.toString();
    String identity = key.validator.getClass().getName() + "@";
    if (text == null || text.isBlank() || text.startsWith(identity)) {
      return null;
    }
    return "`" + text + "`";
  }

  static String importance(ConfigKey key) {
    return key.importance == null ? "" : key.importance.name().toLowerCase(Locale.ROOT);
  }

  /** GitHub's heading anchor for a heading made of just the key in backticks. */
  static String anchor(String key) {
    return key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
