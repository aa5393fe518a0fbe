package io.ampbraze.connect.currents.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * The {@code topic} setting: a topic name that may contain {@code ${event_type}}, replaced by the
 * Currents event type of each record (e.g. {@code braze.${event_type}} gives {@code
 * braze.users.behaviors.CustomEvent}).
 */
public final class TopicTemplate {
  public static final String EVENT_TYPE = "${event_type}";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
  private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");
  // The longest event type Braze documents is under 60 characters; keep room for it.
  private static final String SAMPLE_TYPE = "users.messages.pushnotification.IosForeground";
  private static final int MAX_TOPIC_LENGTH = 249;

  private final String template;
  private final boolean perEventType;

  private TopicTemplate(String template) {
    this.template = template;
    this.perEventType = template.contains(EVENT_TYPE);
  }

  /** Parses a template, throwing a {@link ConfigException} naming {@code key} if invalid. */
  public static TopicTemplate parse(String key, String template) {
    problem(template).ifPresent(p -> {
      throw new ConfigException(key, template, p);
    });
    return new TopicTemplate(template);
  }

  /** The topic for records of {@code eventType}. */
  public String topicFor(String eventType) {
    return perEventType ? template.replace(EVENT_TYPE, eventType) : template;
  }

  /** Whether each event type gets its own topic. */
  public boolean perEventType() {
    return perEventType;
  }

  @Override
  public String toString() {
    return template;
  }

  /** What is wrong with {@code template}, if anything. */
  public static Optional<String> problem(String template) {
    if (template == null || template.isBlank()) {
      return Optional.of("a topic name is required");
    }
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      if (!m.group().equals(EVENT_TYPE)) {
        return Optional.of(
            "unknown placeholder " + m.group() + ": the only placeholder is " + EVENT_TYPE);
      }
    }
    String sample = template.replace(EVENT_TYPE, SAMPLE_TYPE);
    if (!LEGAL.matcher(sample).matches()) {
      return Optional.of(
          "a topic name may only contain ASCII letters, digits, '.', '_' and '-'"
              + " (besides " + EVENT_TYPE + ")");
    }
    if (sample.equals(".") || sample.equals("..")) {
      return Optional.of("'.' and '..' are not topic names");
    }
    if (sample.length() > MAX_TOPIC_LENGTH) {
      return Optional.of(
          "topic names are limited to " + MAX_TOPIC_LENGTH + " characters, event type included");
    }
    return Optional.empty();
  }

  /** The ConfigDef validator of {@code topic}. */
  static ConfigDef.Validator validator() {
    return (name, value) -> problem((String) value).ifPresent(p -> {
      throw new ConfigException(name, value, p);
    });
  }
}
