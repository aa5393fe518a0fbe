package io.ampbraze.connect.currents.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.StringConverter;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class JsonValueTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonValue sample() {
    JsonValue v = new JsonValue();
    v.put("s", "x\"y");
    v.put("i", 3);
    v.put("l", 1_700_000_000_000L);
    v.put("d", 9.99);
    v.put("b", true);
    v.put("n", null);
    v.put("list", List.of(1, "two"));
    JsonValue nested = new JsonValue();
    nested.put("k", "v");
    v.put("m", nested);
    return v;
  }

  @Test
  void jsonConverterWithoutSchemasAndStringConverterGiveTheSameJson() throws Exception {
    JsonConverter json = new JsonConverter();
    json.configure(Map.of("schemas.enable", "false"), false);
    StringConverter string = new StringConverter();
    string.configure(Map.of(), false);
    JsonValue v = sample();
    JsonNode viaJson = JSON.readTree(json.fromConnectData("t", null, v));
    JsonNode viaString =
        JSON.readTree(new String(string.fromConnectData("t", null, v), StandardCharsets.UTF_8));
    assertThat(viaJson).isEqualTo(viaString);
    assertThat(viaJson.get("s").asText()).isEqualTo("x\"y");
    assertThat(viaJson.get("l").asLong()).isEqualTo(1_700_000_000_000L);
    assertThat(viaJson.get("m").get("k").asText()).isEqualTo("v");
    assertThat(viaJson.get("n").isNull()).isTrue();
  }

  @Test
  void appendIfNotNull() {
    JsonValue v = new JsonValue();
    v.appendIfNotNull("a", null);
    v.appendIfNotNull("b", 1);
    assertThat(v).containsOnlyKeys("b");
  }

  @Test
  void avroValuesBecomePlainJsonValues() {
    Schema fixed = Schema.createFixed("F", null, null, 2);
    Schema en = Schema.createEnum("E", null, null, List.of("A", "B"));
    Schema s =
        SchemaBuilder.record("R").fields()
            .name("u").type().stringType().noDefault()
            .name("f").type().floatType().noDefault()
            .name("dn").type().doubleType().noDefault()
            .name("by").type().bytesType().noDefault()
            .name("fx").type(fixed).noDefault()
            .name("en").type(en).noDefault()
            .name("arr").type().array().items().stringType().noDefault()
            .name("map").type().map().values().intType().noDefault()
            .name("rec").type(SchemaBuilder.record("In").fields().requiredInt("x").endRecord()).noDefault()
            .endRecord();
    GenericRecord r = new GenericData.Record(s);
    r.put("u", new Utf8("text"));
    r.put("f", 9.99f);
    r.put("dn", Double.NaN);
    r.put("by", ByteBuffer.wrap(new byte[] {1, 2}));
    r.put("fx", new GenericData.Fixed(fixed, new byte[] {3, 4}));
    r.put("en", new GenericData.EnumSymbol(en, "B"));
    r.put("arr", List.of(new Utf8("a")));
    r.put("map", Map.of(new Utf8("k"), 1));
    GenericRecord in = new GenericData.Record(s.getField("rec").schema());
    in.put("x", 7);
    r.put("rec", in);
    JsonValue v = AvroJson.recordToJson(r, true);
    assertThat(v).containsEntry("u", "text")
        .containsEntry("f", 9.99)
        .containsEntry("by", "AQI=")
        .containsEntry("fx", "AwQ=")
        .containsEntry("en", "B")
        .containsEntry("arr", List.of("a"))
        .containsEntry("map", Map.of("k", 1))
        .containsEntry("rec", Map.of("x", 7));
    assertThat(v).containsKey("dn");
    assertThat(v.get("dn")).isNull();
    assertThat(AvroJson.recordToJson(r, false)).doesNotContainKey("dn");
    // and the whole thing serialises through JsonConverter
    JsonConverter json = new JsonConverter();
    json.configure(Map.of("schemas.enable", "false"), false);
    assertThat(new String(json.fromConnectData("t", null, v), StandardCharsets.UTF_8)).contains("\"f\":9.99");
  }

  @Test
  void parseObjectNormalisesNumbers() {
    Map<String, Object> m = AvroJson.parseObject("{\"a\":1,\"b\":12345678901,\"c\":1.5,\"d\":[1e400]}").orElseThrow();
    assertThat(m).containsEntry("a", 1).containsEntry("b", 12345678901L).containsEntry("c", 1.5);
    assertThat(AvroJson.parseObject("[1]")).isEmpty();
    assertThat(AvroJson.parseObject("{")).isEmpty();
    assertThat(AvroJson.parseObject(null)).isEmpty();
  }
}
