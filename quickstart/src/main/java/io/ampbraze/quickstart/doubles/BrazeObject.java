package io.ampbraze.quickstart.doubles;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One object a Braze double accepted.
 *
 * @param kind the request array it came in: {@code attributes}, {@code events} or {@code purchases}
 * @param json the object exactly as the connector sent it
 */
public record BrazeObject(String kind, JsonNode json) {
  /** Whether the object is about this Amplitude user: its {@code external_id} is the user id. */
  public boolean isForUser(String userId) {
    return userId != null && userId.equals(json.path("external_id").asText(null));
  }

  /** Whether the object is about this device: a {@code user_alias} named after the device id. */
  public boolean isForDevice(String deviceId) {
    return deviceId != null
        && deviceId.equals(json.path("user_alias").path("alias_name").asText(null));
  }

  @Override
  public String toString() {
    return kind + ": " + json;
  }
}
