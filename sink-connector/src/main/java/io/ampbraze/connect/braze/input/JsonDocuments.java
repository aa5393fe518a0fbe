package io.ampbraze.connect.braze.input;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Date;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ampbraze.connect.braze.input.BadRecordException.Reason;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Turns a record value of any converter into a JSON tree: Maps and Lists (schemaless JSON),
 * Structs (JSON with schemas, Avro, Protobuf), and Strings or bytes holding JSON text.
 */
public final class JsonDocuments {
  /** The one mapper of the sink: thread-safe once configured. */
  public static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  private JsonDocuments() {}

  /** Converts a record value; null stays null (tombstones are handled by the caller). */
  public static JsonNode toJson(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String) {
      return parse(((String) value).getBytes(StandardCharsets.UTF_8));
    }
    if (value instanceof byte[]) {
      return parse((byte[]) value);
    }
    if (value instanceof ByteBuffer) {
      ByteBuffer buffer = ((ByteBuffer) value).duplicate();
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return parse(bytes);
    }
    return convert(value, null, "value");
  }

  /** Parses JSON text; a failure names the position only, never the content. */
  public static JsonNode parse(byte[] json) {
    try {
      JsonNode node = MAPPER.readTree(json);
      if (node == null || node.isMissingNode()) {
        throw new BadRecordException(Reason.NOT_JSON, null, "the value is empty, not a JSON document");
      }
      return node;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " (error at line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      throw new BadRecordException(Reason.NOT_JSON, null, "the value is not valid JSON" + where);
    } catch (IOException e) {
      throw new BadRecordException(Reason.NOT_JSON, null, "the value could not be read as JSON");
    }
  }

  /** Parses a string-valued field that holds a JSON document (e.g. Avro string properties). */
  public static JsonNode parseField(String text, String field) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new BadRecordException(
          Reason.INVALID_FIELD, field, "is a string that does not hold a JSON object");
    }
  }

  private static JsonNode convert(Object value, Schema schema, String path) {
    if (value == null) {
      return NODES.nullNode();
    }
    String logical = schema == null ? null : schema.name();
    if (value instanceof Struct) {
      return convertStruct((Struct) value, path);
    }
    if (value instanceof Map) {
      ObjectNode object = NODES.objectNode();
      Schema valueSchema = schema == null ? null : schema.valueSchema();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        String key = String.valueOf(e.getKey());
        object.set(key, convert(e.getValue(), valueSchema, path + "." + key));
      }
      return object;
    }
    if (value instanceof Collection) {
      ArrayNode array = NODES.arrayNode();
      Schema valueSchema = schema == null ? null : schema.valueSchema();
      int i = 0;
      for (Object item : (Collection<?>) value) {
        array.add(convert(item, valueSchema, path + "[" + i++ + "]"));
      }
      return array;
    }
    if (value instanceof String) {
      return NODES.textNode((String) value);
    }
    if (value instanceof Character) {
      return NODES.textNode(value.toString());
    }
    if (value instanceof Boolean) {
      return NODES.booleanNode((Boolean) value);
    }
    if (value instanceof BigDecimal || Decimal.LOGICAL_NAME.equals(logical)) {
      return NODES.numberNode((BigDecimal) value);
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return NODES.numberNode(((Number) value).intValue());
    }
    if (value instanceof Long) {
      return NODES.numberNode((Long) value);
    }
    if (value instanceof BigInteger) {
      return NODES.numberNode((BigInteger) value);
    }
    if (value instanceof Float || value instanceof Double) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new BadRecordException(
            Reason.INVALID_FIELD, strip(path), "is NaN or infinite, which JSON cannot carry");
      }
      return NODES.numberNode(d);
    }
    if (value instanceof Date) {
      Instant instant = ((Date) value).toInstant();
      if (Time.LOGICAL_NAME.equals(logical)) {
        return NODES.textNode(TIME_OF_DAY.format(instant.atOffset(ZoneOffset.UTC)));
      }
      if (Timestamp.LOGICAL_NAME.equals(logical) || logical == null) {
        return NODES.textNode(instant.toString());
      }
      return NODES.textNode(instant.atOffset(ZoneOffset.UTC).toLocalDate().toString());
    }
    if (value instanceof byte[] || value instanceof ByteBuffer) {
      throw new BadRecordException(
          Reason.UNSUPPORTED_TYPE, strip(path), "holds binary data (bytes), which Braze cannot take");
    }
    throw new BadRecordException(
        Reason.UNSUPPORTED_TYPE,
        strip(path),
        "has a value of type " + value.getClass().getSimpleName() + " that cannot be read as JSON");
  }

  private static ObjectNode convertStruct(Struct struct, String path) {
    ObjectNode object = NODES.objectNode();
    for (Field field : struct.schema().fields()) {
      Object fieldValue = struct.get(field);
      // An optional Struct field that is null means "not given", not "set to null".
      if (fieldValue != null) {
        object.set(field.name(), convert(fieldValue, field.schema(), path + "." + field.name()));
      }
    }
    return object;
  }

  /** "value.a.b" names the field "a.b" for users. */
  private static String strip(String path) {
    return path.startsWith("value.") ? path.substring("value.".length()) : path;
  }
}
