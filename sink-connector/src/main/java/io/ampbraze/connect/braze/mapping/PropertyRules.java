package io.ampbraze.connect.braze.mapping;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ampbraze.connect.braze.input.BadRecordException;
import io.ampbraze.connect.braze.input.BadRecordException.Reason;
import io.ampbraze.connect.braze.input.JsonDocuments;

/**
 * What Braze accepts in event/purchase properties and attribute values: names of at most 255
 * characters without a leading '$' ({@code time} and {@code event_name} reserved in
 * properties), strings of at most 255 characters, nested objects and arrays of at most 50 KB
 * (Braze's documented cap; newer pages say 100 KB) whose keys hold no '$', '.' or space.
 */
public final class PropertyRules {
  public static final int MAX_NAME_LENGTH = 255;
  public static final int MAX_STRING_LENGTH = 255;
  public static final int MAX_NESTED_BYTES = 50 * 1024;
  private static final Set<String> RESERVED_PROPERTY_NAMES = Set.of("time", "event_name");

  private PropertyRules() {}

  /**
   * Checks event or purchase properties and returns them without null values.
   *
   * @param prefix the field path of the properties, e.g. {@code event_properties}
   */
  static ObjectNode properties(ObjectNode properties, String prefix) {
    ObjectNode clean = JsonDocuments.MAPPER.createObjectNode();
    boolean nested = false;
    for (Map.Entry<String, JsonNode> e : properties.properties()) {
      String field = prefix + "." + e.getKey();
      JsonNode value = e.getValue();
      if (value == null || value.isNull()) {
        continue; // Braze has no null property: an absent property says the same
      }
      propertyName(e.getKey(), field);
      checkValue(value, field, false);
      nested |= value.isContainerNode();
      clean.set(e.getKey(), value);
    }
    if (nested && bytes(clean) > MAX_NESTED_BYTES) {
      throw new BadRecordException(
          Reason.NESTED_TOO_LARGE,
          prefix,
          "properties with nested objects or arrays are " + bytes(clean) + " bytes; Braze takes at most "
              + MAX_NESTED_BYTES);
    }
    return clean;
  }

  /** A property name: not reserved, no leading '$', at most 255 characters. */
  static void propertyName(String name, String field) {
    if (RESERVED_PROPERTY_NAMES.contains(name)) {
      throw new BadRecordException(
          Reason.RESERVED_NAME, field, "'" + name + "' is reserved by Braze and cannot be a property name");
    }
    name(name, field);
  }

  /** An attribute or property name: non-empty, no leading '$', at most 255 characters. */
  static void name(String name, String field) {
    if (name.isEmpty()) {
      throw new BadRecordException(Reason.INVALID_NAME, field, "the name is empty");
    }
    if (name.startsWith("$")) {
      throw new BadRecordException(Reason.INVALID_NAME, field, "Braze names cannot start with '$'");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw new BadRecordException(
          Reason.INVALID_NAME, field, "the name is " + name.length() + " characters; Braze takes at most " + MAX_NAME_LENGTH);
    }
  }

  /** An attribute value: strings, numbers, booleans, arrays and nested objects Braze can store. */
  static void attributeValue(JsonNode value, String field) {
    checkValue(value, field, true);
    if (value.isContainerNode() && bytes(value) > MAX_NESTED_BYTES) {
      throw new BadRecordException(
          Reason.NESTED_TOO_LARGE,
          field,
          "the nested value is " + bytes(value) + " bytes; Braze takes at most " + MAX_NESTED_BYTES);
    }
  }

  private static void checkValue(JsonNode value, String field, boolean strictKeys) {
    if (value.isTextual()) {
      int length = value.textValue().length();
      if (length > MAX_STRING_LENGTH) {
        throw new BadRecordException(
            Reason.STRING_TOO_LONG,
            field,
            "the string is " + length + " characters; Braze takes at most " + MAX_STRING_LENGTH);
      }
    } else if (value.isObject()) {
      for (Map.Entry<String, JsonNode> e : value.properties()) {
        String key = e.getKey();
        String keyField = field + "." + key;
        name(key, keyField);
        if (strictKeys && (key.contains(".") || key.contains(" ") || key.contains("$"))) {
          throw new BadRecordException(
              Reason.INVALID_NAME, keyField, "nested attribute keys cannot contain '.', '$' or spaces");
        }
        checkValue(e.getValue(), keyField, strictKeys);
      }
    } else if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        checkValue(value.get(i), field + "[" + i + "]", strictKeys);
      }
    } else if (value.isBinary() || value.isPojo()) {
      throw new BadRecordException(Reason.UNSUPPORTED_TYPE, field, "binary values cannot go to Braze");
    }
  }

  static int bytes(JsonNode node) {
    try {
      return JsonDocuments.MAPPER.writeValueAsBytes(node).length;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
