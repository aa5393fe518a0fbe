package io.ampbraze.connect.braze.input;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ampbraze.connect.braze.input.BadRecordException.Reason;

/** Reads an Amplitude event in export/streaming shape or HTTP V2 shape. */
final class EventParser {
  /** Event time fields, most precise first: HTTP V2 {@code time}, then the export's times. */
  private static final List<String> TIME_FIELDS =
      List.of("time", "event_time", "client_event_time", "server_received_time", "server_upload_time");

  /** Revenue fields as the export writes them into event_properties. */
  private static final List<String> EXPORT_REVENUE_KEYS =
      List.of("$price", "$quantity", "$revenue", "$productId", "$revenueType", "$currency");

  private EventParser() {}

  static AmplitudeRecord parse(ObjectNode doc, Long kafkaTimestamp) {
    String eventType = Fields.text(doc, "event_type");
    if (eventType == null || eventType.isBlank()) {
      throw new BadRecordException(Reason.MISSING_FIELD, "event_type", "is missing or empty");
    }
    if (eventType.equals("$identify")) {
      return UserUpdateParser.parse(doc, false);
    }
    if (eventType.equals("$groupidentify")) {
      return new IgnoredRecord("$groupidentify (group properties have no Braze equivalent)");
    }
    UserRef user = new UserRef(Fields.text(doc, "user_id"), Fields.text(doc, "device_id"));
    Instant time = time(doc, kafkaTimestamp);
    ObjectNode properties = Fields.object(doc, "event_properties", "event_properties");
    properties = properties == null ? JsonDocuments.MAPPER.createObjectNode() : properties.deepCopy();
    Revenue revenue = revenue(doc, properties);
    ObjectNode userProperties = Fields.object(doc, "user_properties", "user_properties");
    String insertId = Fields.text(doc, "insert_id");
    if (insertId == null) {
      insertId = Fields.text(doc, "$insert_id");
    }
    return new AmplitudeEvent(
        user,
        eventType,
        time,
        properties,
        UserPropertiesParser.parse(userProperties, "user_properties"),
        revenue,
        insertId,
        Fields.text(doc, "platform"));
  }

  private static Instant time(ObjectNode doc, Long kafkaTimestamp) {
    for (String field : TIME_FIELDS) {
      JsonNode n = doc.get(field);
      if (n != null && !n.isNull() && !(n.isTextual() && n.textValue().isBlank())) {
        return Timestamps.parse(n, field);
      }
    }
    if (kafkaTimestamp != null && kafkaTimestamp >= 0) {
      return Instant.ofEpochMilli(kafkaTimestamp);
    }
    throw new BadRecordException(
        Reason.MISSING_FIELD,
        "time",
        "the event has no time, event_time or client_event_time, and the Kafka record no timestamp");
  }

  /** HTTP V2 top-level revenue fields win over the export's {@code $}-keys in event_properties. */
  private static Revenue revenue(ObjectNode doc, ObjectNode properties) {
    Double price = first(Fields.number(doc, "price", "price"), Fields.number(properties, "$price", "event_properties.$price"));
    Double quantity =
        first(Fields.number(doc, "quantity", "quantity"), Fields.number(properties, "$quantity", "event_properties.$quantity"));
    Double revenue =
        first(Fields.number(doc, "revenue", "revenue"), Fields.number(properties, "$revenue", "event_properties.$revenue"));
    String productId = first(Fields.text(doc, "productId"), text(properties, "$productId"));
    String revenueType = first(Fields.text(doc, "revenueType"), text(properties, "$revenueType"));
    String currency = first(Fields.text(doc, "currency"), text(properties, "$currency"));
    EXPORT_REVENUE_KEYS.forEach(properties::remove);
    if (price == null && revenue == null) {
      return null;
    }
    return new Revenue(price, quantity, revenue, productId, revenueType, currency);
  }

  private static String text(ObjectNode properties, String key) {
    return Fields.text(properties.get(key), "event_properties." + key);
  }

  private static <T> T first(T a, T b) {
    return a != null ? a : b;
  }
}
