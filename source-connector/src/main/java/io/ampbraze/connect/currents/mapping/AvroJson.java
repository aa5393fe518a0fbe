package io.ampbraze.connect.currents.mapping;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Converts Avro values and JSON-string fields into the plain Java values both JSON and String
 * converters handle: String, Boolean, Integer, Long, Double, List, Map, null.
 */
public final class AvroJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AvroJson() {}

  /** A decoded Avro value as a plain JSON value. */
  public static Object toJson(Object v) {
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer
        || v instanceof Long) {
      return v;
    }
    if (v instanceof CharSequence s) {
      return s.toString();
    }
    if (v instanceof Float f) {
      // Through the decimal text: 9.99f becomes 9.99, not 9.989999771118164.
      return finite(Double.parseDouble(Float.toString(f)));
    }
    if (v instanceof Double d) {
      return finite(d);
    }
    if (v instanceof Number n) {
      return n.longValue();
    }
    if (v instanceof ByteBuffer b) {
      ByteBuffer dup = b.duplicate();
      byte[] bytes = new byte[dup.remaining()];
      dup.get(bytes);
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (v instanceof GenericFixed f) {
      return Base64.getEncoder().encodeToString(f.bytes());
    }
    if (v instanceof GenericEnumSymbol<?> e) {
      return e.toString();
    }
    if (v instanceof GenericRecord r) {
      return recordToJson(r, true);
    }
    if (v instanceof Map<?, ?> m) {
      JsonValue out = new JsonValue();
      m.forEach((k, x) -> out.put(String.valueOf(k), toJson(x)));
      return out;
    }
    if (v instanceof Collection<?> c) {
      List<Object> out = new ArrayList<>(c.size());
      c.forEach(x -> out.add(toJson(x)));
      return out;
    }
    if (v instanceof byte[] b) {
      return Base64.getEncoder().encodeToString(b);
    }
    return v.toString();
  }

  /** All fields of a record, in schema order; null fields kept or dropped. */
  public static JsonValue recordToJson(GenericRecord r, boolean keepNulls) {
    JsonValue out = new JsonValue();
    for (Schema.Field f : r.getSchema().getFields()) {
      Object v = toJson(r.get(f.pos()));
      if (v != null || keepNulls) {
        out.put(f.name(), v);
      }
    }
    return out;
  }

  /** Parses a JSON object held in a string field; empty if it is not a JSON object. */
  @SuppressWarnings("unchecked")
  public static Optional<Map<String, Object>> parseObject(String json) {
    if (json == null || json.isBlank()) {
      return Optional.empty();
    }
    try {
      Object parsed = MAPPER.readValue(json, Object.class);
      return parsed instanceof Map<?, ?> m
          ? Optional.of((Map<String, Object>) normalize(m))
          : Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /** Makes parsed JSON values converter-safe (no BigInteger or BigDecimal). */
  private static Object normalize(Object v) {
    if (v instanceof BigInteger b) {
      return b.bitLength() < 64 ? (Object) b.longValue() : b.toString();
    }
    if (v instanceof BigDecimal d) {
      return d.doubleValue();
    }
    if (v instanceof Double d) {
      return finite(d);
    }
    if (v instanceof Map<?, ?> m) {
      JsonValue out = new JsonValue();
      m.forEach((k, x) -> out.put(String.valueOf(k), normalize(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(x -> out.add(normalize(x)));
      return out;
    }
    return v;
  }

  private static Double finite(double d) {
    return Double.isFinite(d) ? d : null;
  }
}
