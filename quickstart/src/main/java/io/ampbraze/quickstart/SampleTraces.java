package io.ampbraze.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ampbraze.quickstart.QuickstartConnector.Input;
import io.ampbraze.quickstart.QuickstartReport.SampleTrace;
import io.ampbraze.quickstart.connect.ConfigExample;
import io.ampbraze.quickstart.doubles.BrazeObject;
import io.ampbraze.quickstart.doubles.BrazeSummary;
import io.ampbraze.quickstart.doubles.LocalCurrentsBucket;
import io.ampbraze.quickstart.doubles.LocalCurrentsBucket.CurrentsRecord;
import io.ampbraze.quickstart.sample.SampleRecord;
import io.ampbraze.testkit.currents.CurrentsEventType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Follows a few sample records through the connectors for the report: an Amplitude record and the
 * Braze objects the emulator accepted for it; a Currents record and the Amplitude event the source
 * emitted for it.
 */
final class SampleTraces {
  /** Objects shown per input record; a cohort change fans out into one object per user. */
  static final int OUTPUTS_SHOWN = 2;

  private static final ObjectMapper JSON = new ObjectMapper();

  private SampleTraces() {}

  /**
   * A plain event, a revenue event, an identify and a cohort change, each with the Braze objects
   * the emulator accepted for it.
   */
  static List<SampleTrace> amplitudeToBraze(
      SampleInput input,
      Map<QuickstartConnector, ConfigExample> configs,
      List<BrazeObject> accepted) {
    List<SampleTrace> traces = new ArrayList<>();
    configs.forEach(
        (connector, config) -> {
          if (!connector.isSink()) {
            return;
          }
          String topic = config.topics().get(0);
          List<SampleRecord> records = input.records(connector.input());
          if (connector.input() == Input.EVENTS) {
            first(records, event -> !isRevenue(event))
                .ifPresent(e -> traces.add(trace("event", topic, e, fromEvent(e, accepted))));
            first(records, SampleTraces::isRevenue)
                .ifPresent(
                    e -> traces.add(trace("revenue event", topic, e, fromEvent(e, accepted))));
          } else if (connector.input() == Input.IDENTIFIES) {
            first(records, record -> true)
                .ifPresent(u -> traces.add(trace("identify", topic, u, fromIdentify(u, accepted))));
          } else if (connector.input() == Input.COHORT_CHANGES) {
            String attribute =
                config.config().getOrDefault("cohorts.attribute.name", "amplitude_cohorts");
            first(records, record -> true)
                .ifPresent(
                    c ->
                        traces.add(
                            trace(
                                "cohort change",
                                topic,
                                c,
                                fromCohortChange(c, attribute, accepted))));
          }
        });
    return traces;
  }

  /**
   * A custom event, a purchase and a profile update with the Amplitude events the source emitted
   * for them, and a record without ids, which the source skips.
   */
  static List<SampleTrace> currentsToAmplitude(LocalCurrentsBucket bucket, CurrentsOutput output) {
    List<SampleTrace> traces = new ArrayList<>();
    for (CurrentsEventType type :
        List.of(
            CurrentsEventType.CUSTOM_EVENT,
            CurrentsEventType.PURCHASE,
            CurrentsEventType.PROFILE_UPDATE)) {
      bucket.firstRecord(type, true).ifPresent(r -> traces.add(currentsTrace(r, output)));
    }
    bucket
        .firstRecord(CurrentsEventType.CUSTOM_EVENT, false)
        .ifPresent(r -> traces.add(currentsTrace(r, output)));
    return traces;
  }

  private static SampleTrace currentsTrace(CurrentsRecord record, CurrentsOutput output) {
    String title = record.eventType() + ", record " + record.index() + " of " + record.key();
    List<String> out = new ArrayList<>();
    output
        .byInsertId(record.id())
        .ifPresentOrElse(
            emitted -> out.add(emitted.topic() + ": " + emitted.value()),
            () ->
                out.add(
                    "(nothing: no external_user_id or device_id, so the source skipped it and"
                        + " counted it in RecordsSkippedNoId)"));
    return new SampleTrace(title, record.record().toString(), out, 0);
  }

  /** Events and purchases of the event's user (or device alias) with the event's time. */
  static List<BrazeObject> fromEvent(JsonNode event, List<BrazeObject> accepted) {
    Instant time = amplitudeTime(event);
    return matching(
        accepted,
        object ->
            !object.kind().equals(BrazeSummary.ATTRIBUTES)
                && isAbout(object, event)
                && time != null
                && time.equals(brazeTime(object.json())));
  }

  /** Attributes objects of the record's user that set one of the properties it names. */
  static List<BrazeObject> fromIdentify(JsonNode identify, List<BrazeObject> accepted) {
    Set<String> names = propertyNames(identify.path("user_properties"));
    return matching(
        accepted,
        object ->
            object.kind().equals(BrazeSummary.ATTRIBUTES)
                && isAbout(object, identify)
                && names.stream().anyMatch(object.json()::has));
  }

  /**
   * Attributes objects of the change's users that move them into or out of the cohort: {@code
   * <attribute>: {"add"|"remove": [<cohort id>]}} in array mode, {@code <attribute>_<cohort id>:
   * true|false} in boolean mode.
   */
  static List<BrazeObject> fromCohortChange(
      JsonNode change, String attribute, List<BrazeObject> accepted) {
    Set<String> users = new HashSet<>();
    for (String field : List.of("users", "user_ids")) {
      for (JsonNode user : change.path(field)) {
        users.add(user.isObject() ? user.path("user_id").asText(null) : user.asText());
      }
    }
    String cohort = change.path("cohort_id").asText();
    boolean entering = entering(change);
    return matching(
        accepted,
        object -> {
          JsonNode json = object.json();
          if (!object.kind().equals(BrazeSummary.ATTRIBUTES)
              || !users.contains(json.path("external_id").asText(null))) {
            return false;
          }
          JsonNode booleanValue = json.path(attribute + "_" + cohort);
          if (booleanValue.isBoolean()) {
            return booleanValue.asBoolean() == entering;
          }
          for (JsonNode id : json.path(attribute).path(entering ? "add" : "remove")) {
            if (id.asText().equals(cohort)) {
              return true;
            }
          }
          return false;
        });
  }

  /** {@code in_cohort} (Cohort Webhooks) or {@code action} (the simpler shape). */
  private static boolean entering(JsonNode change) {
    if (change.has("in_cohort")) {
      return change.path("in_cohort").asText().equalsIgnoreCase("true");
    }
    String action = change.path("action").asText("");
    return action.equalsIgnoreCase("add") || action.equalsIgnoreCase("enter");
  }

  private static boolean isRevenue(JsonNode event) {
    return event.has("price") || event.has("revenue");
  }

  private static boolean isAbout(BrazeObject object, JsonNode record) {
    String userId = record.path("user_id").asText(null);
    return userId != null
        ? object.isForUser(userId)
        : object.isForDevice(record.path("device_id").asText(null));
  }

  /** The time of an Amplitude event: {@code time} in ms, or export-shape {@code event_time}. */
  static Instant amplitudeTime(JsonNode event) {
    if (event.path("time").isNumber()) {
      return Instant.ofEpochMilli(event.path("time").asLong());
    }
    String text = event.path("event_time").asText(null);
    if (text == null) {
      return null;
    }
    try {
      String iso = text.trim().replace(' ', 'T');
      return Instant.parse(iso.endsWith("Z") ? iso : iso + "Z").truncatedTo(ChronoUnit.MILLIS);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Instant brazeTime(JsonNode object) {
    try {
      return Instant.parse(object.path("time").asText(""));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The property names of {@code user_properties}: plain keys and those under operations. */
  private static Set<String> propertyNames(JsonNode userProperties) {
    Set<String> names = new HashSet<>();
    for (Map.Entry<String, JsonNode> entry : userProperties.properties()) {
      if (!entry.getKey().startsWith("$")) {
        names.add(entry.getKey());
      } else if (entry.getValue().isObject()) {
        entry.getValue().fieldNames().forEachRemaining(names::add);
      } else {
        entry.getValue().forEach(name -> names.add(name.asText()));
      }
    }
    return names;
  }

  private static List<BrazeObject> matching(
      List<BrazeObject> accepted, Predicate<BrazeObject> test) {
    List<BrazeObject> found = new ArrayList<>();
    accepted.stream().filter(test).forEach(found::add);
    return found;
  }

  private static Optional<JsonNode> first(List<SampleRecord> records, Predicate<JsonNode> test) {
    return records.stream().map(record -> parse(record.value())).filter(test).findFirst();
  }

  private static SampleTrace trace(
      String what, String topic, JsonNode record, List<BrazeObject> objects) {
    List<String> out = new ArrayList<>();
    objects.stream().limit(OUTPUTS_SHOWN).forEach(object -> out.add(object.toString()));
    if (objects.isEmpty()) {
      out.add("(no object accepted by the emulator: see the sink's status and the DLQ)");
    }
    return new SampleTrace(
        what + " from " + topic,
        record.toString(),
        out,
        Math.max(0, objects.size() - OUTPUTS_SHOWN));
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("A sample record is not JSON: " + json, e);
    }
  }
}
