package io.ampbraze.quickstart.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;

/**
 * Renders a connector's {@link ConfigDef} as the compact tables of the README: per group, one row
 * per key with its type, default, valid values and the first sentence of its documentation, the key
 * linking to its full entry in the generated reference page. Like {@link ConfigReference}, the
 * output depends only on the ConfigDef.
 */
public final class ConfigSummary {
  /** Abbreviations whose period does not end a sentence. */
  private static final Set<String> ABBREVIATIONS = Set.of("e.g.", "i.e.", "etc.", "vs.", "cf.");

  private ConfigSummary() {}

  /**
   * @param config the connector's ConfigDef
   * @param referencePage the full reference's path relative to the README, e.g. {@code
   *     docs/sink-config.md}; each key links to its entry there
   * @param regenerate the command that regenerates the tables, quoted in a comment
   */
  public static String render(ConfigDef config, String referencePage, String regenerate) {
    List<String> out = new ArrayList<>();
    out.add("<!-- Generated from the connector's ConfigDef. Do not edit by hand: regenerate with");
    out.add("     " + regenerate + " -->");
    Map<String, List<ConfigKey>> groups = ConfigReference.grouped(config);
    if (groups.isEmpty()) {
      out.add("");
      out.add("The connector's `ConfigDef` declares no settings of its own.");
      return String.join("\n", out) + "\n";
    }
    groups.forEach(
        (group, keys) -> {
          out.add("");
          out.add("**" + inline(group) + "**");
          out.add("");
          out.add("| Key | Type | Default | Valid values | Summary |");
          out.add("|---|---|---|---|---|");
          for (ConfigKey key : keys) {
            String valid = ConfigReference.validValues(key);
            out.add(
                "| [`"
                    + key.name
                    + "`]("
                    + referencePage
                    + "#"
                    + ConfigReference.anchor(key.name)
                    + ") | "
                    + ConfigReference.typeName(key)
                    + " | "
                    + cell(ConfigReference.defaultValue(key))
                    + " | "
                    + (valid == null ? "" : cell(valid))
                    + " | "
                    + inline(firstSentence(key.documentation))
                    + " |");
          }
        });
    return String.join("\n", out) + "\n";
  }

  /**
   * The documentation up to the end of its first sentence: a period followed by white space (or the
   * end), unless the period closes an abbreviation such as "e.g." or an ellipsis ("a, ... b").
   * Without such a period, the whole text.
   */
  static String firstSentence(String documentation) {
    if (documentation == null) {
      return "";
    }
    String text = documentation.strip().replaceAll("\\s+", " ");
    int from = 0;
    while (true) {
      int dot = text.indexOf('.', from);
      if (dot < 0) {
        return text;
      }
      boolean atEnd = dot + 1 == text.length();
      boolean ellipsis = dot > 0 && text.charAt(dot - 1) == '.';
      if (atEnd || text.charAt(dot + 1) == ' ') {
        if (!ellipsis && !endsWithAbbreviation(text, dot)) {
          return text.substring(0, dot + 1);
        }
      }
      from = dot + 1;
    }
  }

  private static boolean endsWithAbbreviation(String text, int dot) {
    int wordStart = text.lastIndexOf(' ', dot) + 1;
    String word = text.substring(wordStart, dot + 1);
    while (!word.isEmpty() && "('\"".indexOf(word.charAt(0)) >= 0) {
      word = word.substring(1);
    }
    return ABBREVIATIONS.contains(word);
  }

  /**
   * Plain documentation text made safe inside a Markdown table cell: characters GitHub would read
   * as markup ({@code \ ` * < | $}, and {@code _} where it is not inside a word) are escaped, so
   * the text shows as written.
   */
  static String inline(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\', '`', '*', '<', '|', '$' -> out.append('\\').append(c);
        case '_' -> {
          boolean inWord =
              i > 0
                  && i + 1 < text.length()
                  && Character.isLetterOrDigit(text.charAt(i - 1))
                  && Character.isLetterOrDigit(text.charAt(i + 1));
          out.append(inWord ? "_" : "\\_");
        }
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A value already in Markdown (a code span): only the table's own separator is escaped. */
  private static String cell(String markdown) {
    return markdown.replace("|", "\\|");
  }
}
