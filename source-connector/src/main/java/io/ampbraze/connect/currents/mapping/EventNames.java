package io.ampbraze.connect.currents.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.ampbraze.connect.currents.config.EventNameOverrides;

/**
 * Amplitude event types for Currents event types: {@code <prefix><name>}, where the name comes
 * from {@code amplitude.event.names}, else from the few built-in names Braze's own export is
 * known to use, else is derived from the Currents type ({@code users.messages.email.Send} →
 * {@code Email Send}, {@code users.behaviors.app.SessionStart} → {@code Session Start}), so a
 * new event type still gets a readable name.
 */
public final class EventNames {
  static final String CUSTOM_EVENT = "users.behaviors.CustomEvent";

  /** Names that do not follow from the type (Braze's own export's names). */
  static final Map<String, String> BUILT_IN =
      Map.of(
          CUSTOM_EVENT, "[Custom Event] " + EventNameOverrides.NAME_PLACEHOLDER,
          "users.campaigns.Conversion", "Campaign Conversion Event",
          "users.canvas.Conversion", "Canvas Conversion Event",
          "users.campaigns.EnrollInControl", "Campaign Control Group Enrollment",
          "users.messages.pushnotification.IosForeground", "Push Notification iOS Foreground Open",
          "users.messages.sms.CarrierSend", "SMS Send To Carrier");

  /** Display words of folder-like type segments. */
  static final Map<String, String> WORDS =
      Map.ofEntries(
          Map.entry("pushnotification", "Push Notification"),
          Map.entry("email", "Email"),
          Map.entry("sms", "SMS"),
          Map.entry("inappmessage", "In-App Message"),
          Map.entry("contentcard", "Content Card"),
          Map.entry("webhook", "Webhook"),
          Map.entry("whatsapp", "WhatsApp"),
          Map.entry("rcs", "RCS"),
          Map.entry("line", "LINE"),
          Map.entry("liveactivity", "Live Activity"),
          Map.entry("featureflag", "Feature Flag"),
          Map.entry("banner", "Banner"),
          Map.entry("newsfeed", "News Feed"),
          Map.entry("campaigns", "Campaign"),
          Map.entry("canvas", "Canvas"),
          Map.entry("canvasstep", "Canvas Step"),
          Map.entry("costep", "Step"),
          Map.entry("experimentstep", "Experiment Step"),
          Map.entry("exit", "Exit"),
          Map.entry("subscriptiongroup", "Subscription Group"),
          Map.entry("subscription", "Subscription"),
          Map.entry("agentconsole", "Agent Console"),
          Map.entry("profile", "Profile"));

  /** Segments that only group types and add nothing to a name. */
  static final Set<String> DROPPED = Set.of("users", "behaviors", "messages", "app");

  private final String prefix;
  private final EventNameOverrides overrides;
  /** Templates by Currents type: a handful per task, each worked out once. */
  private final Map<String, Template> templates = new ConcurrentHashMap<>();

  public EventNames(String prefix, EventNameOverrides overrides) {
    this.prefix = prefix;
    this.overrides = overrides;
  }

  /**
   * The Amplitude event type of a record of {@code currentsType}.
   *
   * @param customName the record's {@code name} (custom events), substituted for {@code ${name}}
   */
  public String eventType(String currentsType, String customName) {
    return template(currentsType).eventType(customName);
  }

  /** The event types of one Currents type, to look up once and apply to each record. */
  public Template template(String currentsType) {
    return templates.computeIfAbsent(currentsType, this::newTemplate);
  }

  private Template newTemplate(String currentsType) {
    String name = overrides.nameFor(currentsType).orElse(null);
    if (name == null) {
      name = BUILT_IN.get(currentsType);
    }
    if (name == null) {
      name = derive(currentsType);
    }
    return new Template(prefix, name);
  }

  /**
   * {@code <prefix><name>} for one Currents type, with every {@code ${name}} in the name replaced
   * by the record's own name (by "" when it has none).
   */
  public static final class Template {
    /** The text around the placeholders, prefix included; one part when there is none. */
    private final String[] parts;

    Template(String prefix, String name) {
      List<String> split = new ArrayList<>();
      int from = 0;
      for (int at = name.indexOf(EventNameOverrides.NAME_PLACEHOLDER);
          at >= 0;
          at = name.indexOf(EventNameOverrides.NAME_PLACEHOLDER, from)) {
        split.add(name.substring(from, at));
        from = at + EventNameOverrides.NAME_PLACEHOLDER.length();
      }
      split.add(name.substring(from));
      split.set(0, prefix + split.get(0));
      this.parts = split.toArray(String[]::new);
    }

    /** The event type of a record whose own name is {@code customName} (may be null). */
    public String eventType(String customName) {
      if (parts.length == 1) {
        return parts[0];
      }
      String n = customName == null ? "" : customName;
      StringBuilder b = new StringBuilder(parts[0]);
      for (int i = 1; i < parts.length; i++) {
        b.append(n).append(parts[i]);
      }
      return b.toString();
    }
  }

  /** The name derived from a Currents type. */
  static String derive(String currentsType) {
    String[] seg = currentsType.split("\\.");
    List<String> words = new ArrayList<>();
    for (int i = 0; i < seg.length; i++) {
      String s = seg[i];
      boolean last = i == seg.length - 1;
      if (!last && DROPPED.contains(s)) {
        continue;
      }
      String word = !last && WORDS.containsKey(s) ? WORDS.get(s) : splitCamel(s);
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    return String.join(" ", words);
  }

  /** {@code IosForegroundOpen} → {@code iOS Foreground Open}; {@code sendToCarrier} → {@code Send To Carrier}. */
  static String splitCamel(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean boundary =
          i > 0
              && Character.isUpperCase(c)
              && (Character.isLowerCase(s.charAt(i - 1))
                  || Character.isDigit(s.charAt(i - 1))
                  || (i + 1 < s.length() && Character.isLowerCase(s.charAt(i + 1))
                      && Character.isUpperCase(s.charAt(i - 1))));
      if (boundary || c == '_') {
        out.append(' ');
      }
      if (c != '_') {
        out.append(out.length() == 0 || out.charAt(out.length() - 1) == ' ' ? Character.toUpperCase(c) : c);
      }
    }
    String words = out.toString().trim().replaceAll(" +", " ");
    return (" " + words + " ").replace(" Ios ", " iOS ").replace(" Sms ", " SMS ").trim();
  }
}
