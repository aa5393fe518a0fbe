package io.ampbraze.connect.currents.mapping;

import java.io.IOException;
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

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Converts Avro values and JSON-string fields into the plain Java values both JSON and String
 * converters handle: String, Boolean, Integer, Long, Double, List, Map, null.
 */
public final class AvroJson {
  private static final JsonFactory FACTORY = new JsonFactory();

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
    List<Schema.Field> fields = r.getSchema().getFields();
    JsonValue out = new JsonValue(fields.size());
    for (Schema.Field f : fields) {
      Object v = toJson(r.get(f.pos()));
      if (v != null || keepNulls) {
        out.append(f.name(), v); // field names are unique within a record
      }
    }
    return out;
  }

  /**
   * Parses a JSON object held in a string field; empty if it is not a JSON object. Values come
   * out as JSON values are read by Jackson into plain Java objects (integers as Integer or Long,
   * larger ones as their decimal text; other numbers as Double, non-finite ones as null; objects
   * as {@link JsonValue}s in key order, a repeated key keeping its first place and its last
   * value). Whatever follows the object's closing brace is not looked at.
   */
  public static Optional<Map<String, Object>> parseObject(String json) {
    if (json == null || json.isBlank()) {
      return Optional.empty();
    }
    Object simple = SimpleJsonParser.parse(json);
    if (simple instanceof JsonValue v) {
      return Optional.of(v);
    }
    if (simple == SimpleJsonParser.NOT_AN_OBJECT) {
      return Optional.empty();
    }
    try (JsonParser p = FACTORY.createParser(json)) {
      return p.nextToken() == JsonToken.START_OBJECT
          ? Optional.of(readObject(p))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // not JSON (JsonProcessingException), or over Jackson's limits
    }
  }

  /** Reads the members of an object whose START_OBJECT was just read. */
  private static JsonValue readObject(JsonParser p) throws IOException {
    JsonValue out = new JsonValue();
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      out.put(name, readValue(p, p.nextToken()));
    }
    if (p.currentToken() != JsonToken.END_OBJECT) {
      throw new JsonParseException(p, "unexpected " + p.currentToken() + " in an object");
    }
    return out;
  }

  private static Object readValue(JsonParser p, JsonToken t) throws IOException {
    if (t == null) {
      throw new JsonParseException(p, "unexpected end of input");
    }
    switch (t) {
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        Number n = p.getNumberValue();
        // Converters take no BigInteger: beyond a long, the number's text.
        return n instanceof BigInteger b ? (b.bitLength() < 64 ? (Object) b.longValue() : b.toString()) : n;
      case VALUE_NUMBER_FLOAT:
        return finite(p.getDoubleValue());
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      case START_OBJECT:
        return readObject(p);
      case START_ARRAY:
        List<Object> list = new ArrayList<>();
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
          list.add(readValue(p, e));
        }
        return list;
      default:
        throw new JsonParseException(p, "unexpected " + t);
    }
  }

  private static Double finite(double d) {
    return Double.isFinite(d) ? d : null;
  }
}
