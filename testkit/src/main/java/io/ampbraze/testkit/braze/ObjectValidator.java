package io.ampbraze.testkit.braze;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The per-object checks Braze documents for /users/track, answered as item errors: an
 * identifier, and for events a name, a time and valid property names; for purchases a
 * product_id, a currency, a price, a time and a quantity of 1..100. The error texts are the
 * emulator's own wording.
 */
final class ObjectValidator {
  static final String MISSING_ID = "'external_id' or 'braze_id' or 'user_alias' is required";

  private ObjectValidator() {}

  /** The user key of an object, or null when it has no identifier. */
  static String userKey(JsonNode o) {
    if (text(o, "external_id") != null) {
      return "external_id:" + text(o, "external_id");
    }
    JsonNode alias = o.get("user_alias");
    if (alias != null && alias.isObject() && text(alias, "alias_name") != null && text(alias, "alias_label") != null) {
      return "alias:" + text(alias, "alias_label") + ":" + text(alias, "alias_name");
    }
    for (String id : new String[] {"braze_id", "email", "phone"}) {
      if (text(o, id) != null) {
        return id + ":" + text(o, id);
      }
    }
    return null;
  }

  /** Why Braze would reject the object, or null. */
  static String problem(ObjectKind kind, JsonNode o) {
    if (!o.isObject()) {
      return "object expected";
    }
    if (userKey(o) == null) {
      return MISSING_ID;
    }
    switch (kind) {
      case EVENTS:
        if (text(o, "name") == null) {
          return "event name is required";
        }
        if (!isTime(o.get("time"))) {
          return "event time is required in ISO-8601 format";
        }
        return properties(o.get("properties"));
      case PURCHASES:
        if (text(o, "product_id") == null) {
          return "product_id is required";
        }
        String currency = text(o, "currency");
        if (currency == null || !currency.matches("[A-Z]{3}")) {
          return "currency must be a three-letter ISO-4217 code";
        }
        if (o.get("price") == null || !o.get("price").isNumber()) {
          return "price is required";
        }
        if (!isTime(o.get("time"))) {
          return "purchase time is required in ISO-8601 format";
        }
        JsonNode q = o.get("quantity");
        if (q != null && (!q.isIntegralNumber() || q.asInt() < 1 || q.asInt() > 100)) {
          return "quantity must be an integer from 1 to 100";
        }
        return properties(o.get("properties"));
      default:
        Iterator<String> names = o.fieldNames();
        while (names.hasNext()) {
          String n = names.next();
          if (n.startsWith("$")) {
            return "attribute names cannot start with '$': " + n;
          }
        }
        return null;
    }
  }

  private static String properties(JsonNode props) {
    if (props == null || props.isNull()) {
      return null;
    }
    if (!props.isObject()) {
      return "properties must be an object";
    }
    for (Map.Entry<String, JsonNode> e : props.properties()) {
      String n = e.getKey();
      if (n.equals("time") || n.equals("event_name")) {
        return "'" + n + "' is a reserved property name";
      }
      if (n.startsWith("$") || n.length() > 255) {
        return "invalid property name: " + n;
      }
      if (e.getValue().isTextual() && e.getValue().textValue().length() > 255) {
        return "property value too long: " + n;
      }
    }
    return null;
  }

  private static boolean isTime(JsonNode t) {
    if (t == null || !t.isTextual()) {
      return false;
    }
    try {
      OffsetDateTime.parse(t.textValue());
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static String text(JsonNode o, String field) {
    JsonNode n = o.get(field);
    return n != null && n.isValueNode() && !n.isNull() && !n.asText().isEmpty() ? n.asText() : null;
  }
}
