package io.ampbraze.connect.braze.input;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reads a user-property update: an $identify event or an identify-shaped record. */
final class UserUpdateParser {
  /** Top-level keys that are never user properties when a record's plain keys are used. */
  private static final Set<String> NOT_PROPERTIES =
      Set.of(
          "user_id",
          "device_id",
          "event_type",
          "time",
          "event_time",
          "insert_id",
          "$insert_id",
          "user_properties");

  private UserUpdateParser() {}

  /**
   * @param plainKeysAllowed with no user_properties, read the other top-level keys as plain sets
   *     (record.kind=user, e.g. computation exports {@code {"user_id":…, "ltv": 12.5}})
   */
  static UserUpdate parse(ObjectNode doc, boolean plainKeysAllowed) {
    UserRef user = new UserRef(Fields.text(doc, "user_id"), Fields.text(doc, "device_id"));
    ObjectNode properties = Fields.object(doc, "user_properties", "user_properties");
    if (properties != null || !plainKeysAllowed) {
      return new UserUpdate(user, UserPropertiesParser.parse(properties, "user_properties"));
    }
    ObjectNode plain = JsonDocuments.MAPPER.createObjectNode();
    for (Map.Entry<String, JsonNode> e : doc.properties()) {
      if (!NOT_PROPERTIES.contains(e.getKey())) {
        plain.set(e.getKey(), e.getValue());
      }
    }
    return new UserUpdate(user, UserPropertiesParser.parse(plain, "value"));
  }
}
