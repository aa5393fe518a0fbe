package io.ampbraze.connect.currents.mapping;

import java.util.LinkedHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A record value: a schemaless JSON object as a {@link java.util.Map} (in key order) whose
 * {@link #toString()} is its JSON text. {@code JsonConverter} with {@code schemas.enable=false}
 * serialises the map; {@code StringConverter} calls {@code toString()}: both give the same plain
 * JSON. Values are only strings, booleans, Integer/Long/Double, lists and maps of those, or null.
 */
public final class JsonValue extends LinkedHashMap<String, Object> {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Puts {@code value} unless it is null; returns this map. */
  public JsonValue putIfNotNull(String key, Object value) {
    if (value != null) {
      put(key, value);
    }
    return this;
  }

  @Override
  public String toString() {
    try {
      return MAPPER.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      // Only the value types above are ever put in; this cannot happen with them.
      throw new IllegalStateException("value is not JSON-serialisable: " + e.getOriginalMessage(), e);
    }
  }
}
