package io.ampbraze.connect.braze.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ampbraze.connect.braze.input.BadRecordException.Reason;

/** Lenient typed reads of top-level fields; a wrong type is a {@link BadRecordException}. */
final class Fields {
  private Fields() {}

  /** True when the field is present and not null. */
  static boolean has(ObjectNode doc, String name) {
    JsonNode n = doc.get(name);
    return n != null && !n.isNull();
  }

  /** A scalar as text (numbers and booleans too), or null when absent or null. */
  static String text(ObjectNode doc, String name) {
    return text(doc.get(name), name);
  }

  static String text(JsonNode n, String field) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isTextual()) {
      return n.textValue();
    }
    if (n.isNumber()) {
      return n.isIntegralNumber() ? n.bigIntegerValue().toString() : n.asText();
    }
    if (n.isBoolean()) {
      return n.asText();
    }
    throw new BadRecordException(
        Reason.INVALID_FIELD, field, "must be a string or number, not " + describe(n));
  }

  /** A number or numeric string, or null when absent, null or empty. */
  static Double number(ObjectNode doc, String name, String field) {
    JsonNode n = doc.get(name);
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isNumber()) {
      return n.doubleValue();
    }
    if (n.isTextual()) {
      String s = n.textValue().trim();
      if (s.isEmpty()) {
        return null;
      }
      try {
        double d = Double.parseDouble(s);
        if (!Double.isNaN(d) && !Double.isInfinite(d)) {
          return d;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new BadRecordException(Reason.INVALID_FIELD, field, "must be a number");
  }

  /**
   * An object field, also accepted as a string holding a JSON object (Avro and Protobuf
   * schemas often carry properties that way); null when absent or null.
   */
  static ObjectNode object(ObjectNode doc, String name, String field) {
    JsonNode n = doc.get(name);
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isTextual()) {
      String s = n.textValue().trim();
      if (s.isEmpty()) {
        return null;
      }
      n = JsonDocuments.parseField(s, field);
    }
    if (!n.isObject()) {
      throw new BadRecordException(
          Reason.INVALID_FIELD, field, "must be a JSON object, not " + describe(n));
    }
    return (ObjectNode) n;
  }

  static String describe(JsonNode n) {
    if (n.isObject()) {
      return "an object";
    }
    if (n.isArray()) {
      return "an array";
    }
    if (n.isTextual()) {
      return "a string";
    }
    if (n.isNumber()) {
      return "a number";
    }
    if (n.isBoolean()) {
      return "a boolean";
    }
    return "null";
  }
}
