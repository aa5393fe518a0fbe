package io.ampbraze.connect.currents.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ampbraze.connect.currents.config.EventNameOverrides;
import io.ampbraze.connect.currents.currents.CurrentsDatumReader;

/**
 * Pins the exact output of both converters, byte for byte, on a fixed set of Currents records:
 * records of every event type the testkit generates (both schema versions) and hand-made edge
 * cases (every Avro type, odd {@code properties} and {@code custom_attributes} JSON, purchases
 * with float/double/int prices and quantities, non-finite numbers, name overrides, derived event
 * names). Each record goes through an Avro container file and {@code DataFileStream} with the
 * task's {@link CurrentsDatumReader}, so the converters see the same value classes as in
 * production, and again with Avro's default reader (strings as {@code Utf8}): same output.
 *
 * <p>On a mismatch the actual results are written to {@code
 * target/golden-actual/mapping-cases.jsonl}: if the change is intended, review the diff and copy
 * that file over {@code src/test/resources/golden/mapping-cases.jsonl}.
 */
class MappingGoldenTest {
  private static final String RESOURCE = "/golden/mapping-cases.jsonl";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyCaseMapsExactlyAsPinned() throws Exception {
    List<String> lines = readLines();
    Map<String, Schema> schemas = new HashMap<>();
    List<String> actualLines = new ArrayList<>();
    List<String> mismatches = new ArrayList<>();
    int cases = 0;
    JsonConverter converter = new JsonConverter();
    converter.configure(Map.of("schemas.enable", "false"), false);
    for (String line : lines) {
      ObjectNode node = (ObjectNode) JSON.readTree(line);
      if (node.has("schemaId")) {
        schemas.put(node.get("schemaId").asText(), new Schema.Parser().parse(node.get("avsc").toString()));
        actualLines.add(line);
        continue;
      }
      cases++;
      Schema schema = schemas.get(node.get("schema").asText());
      GenericRecord decoded = decode(schema, node);
      GenericRecord record = throughContainerFile(schema, decoded, new CurrentsDatumReader());
      Converted result = converterFor(node).convert(node.get("eventType").asText(), record);
      ObjectNode actual = describe(result);
      String expected = JSON.writeValueAsString(node.get("expect"));
      String got = JSON.writeValueAsString(actual);
      if (!expected.equals(got)) {
        mismatches.add(node.get("case").asText() + "\n  expected " + expected + "\n  actual   " + got);
      }
      // Avro's default reader (strings as Utf8) gives the very same output as the task's.
      GenericRecord utf8 = throughContainerFile(schema, decoded, new GenericDatumReader<>());
      String gotUtf8 = JSON.writeValueAsString(describe(converterFor(node).convert(node.get("eventType").asText(), utf8)));
      if (!gotUtf8.equals(got)) {
        mismatches.add(node.get("case").asText() + " (Avro's default reader)\n  task    " + got + "\n  default " + gotUtf8);
      }
      if (result instanceof Converted.Emit emit) {
        // JsonConverter (schemas.enable=false) writes the same JSON: same keys in the same order,
        // same number forms (it escapes characters outside the BMP as surrogate pairs).
        byte[] written = converter.fromConnectData("t", null, emit.value());
        assertThat(JSON.writeValueAsString(JSON.readTree(written)))
            .as(node.get("case").asText())
            .isEqualTo(JSON.writeValueAsString(JSON.readTree(emit.value().toString())));
      }
      node.set("expect", actual);
      actualLines.add(JSON.writeValueAsString(node));
    }
    assertThat(cases).as("cases in " + RESOURCE).isGreaterThan(200);
    if (!mismatches.isEmpty()) {
      Path out = Path.of("target", "golden-actual", "mapping-cases.jsonl");
      Files.createDirectories(out.getParent());
      Files.write(out, actualLines);
      fail(mismatches.size() + " of " + cases + " cases differ from " + RESOURCE + " (actual results in "
          + out.toAbsolutePath() + "):\n" + String.join("\n", mismatches.subList(0, Math.min(10, mismatches.size()))));
    }
  }

  private static List<String> readLines() throws IOException {
    try (InputStream in = MappingGoldenTest.class.getResourceAsStream(RESOURCE)) {
      assertThat(in).as(RESOURCE).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }
  }

  private static RecordConverter converterFor(JsonNode node) {
    if (node.get("format").asText().equals("currents")) {
      return new RawRecordConverter();
    }
    List<String> names = new ArrayList<>();
    if (node.has("names")) {
      node.get("names").forEach(n -> names.add(n.asText()));
    }
    String prefix = node.has("prefix") ? node.get("prefix").asText() : "[Appboy] ";
    return new AmplitudeMapper(new EventNames(prefix, EventNameOverrides.parse("amplitude.event.names", names)));
  }

  /** The record from its Avro JSON encoding, or from its binary datum (NaN, Infinity). */
  private static GenericRecord decode(Schema schema, JsonNode node) throws IOException {
    GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(schema);
    if (node.has("recordBinary")) {
      byte[] datum = Base64.getDecoder().decode(node.get("recordBinary").asText());
      return reader.read(null, DecoderFactory.get().binaryDecoder(datum, null));
    }
    return reader.read(null, DecoderFactory.get().jsonDecoder(schema, node.get("record").toString()));
  }

  private static GenericRecord throughContainerFile(Schema schema, GenericRecord r, GenericDatumReader<GenericRecord> reader)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataFileWriter<GenericRecord> w = new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
      w.create(schema, bytes);
      w.append(r);
    }
    try (DataFileStream<GenericRecord> in =
        new DataFileStream<>(new ByteArrayInputStream(bytes.toByteArray()), reader)) {
      return in.next();
    }
  }

  private static ObjectNode describe(Converted c) throws IOException {
    ObjectNode out = JSON.createObjectNode();
    if (c instanceof Converted.Emit e) {
      out.put("result", "emit");
      if (e.key() == null) {
        out.putNull("key");
      } else {
        out.put("key", e.key());
      }
      // The value's exact text, kept as a tree in the file for readability; reading it back and
      // writing it again gives the same text (key order, number forms), so the comparison is exact.
      out.set("value", JSON.readTree(e.value().toString()));
    } else if (c instanceof Converted.SkipNoId) {
      out.put("result", "skip-no-id");
    } else if (c instanceof Converted.Invalid inv) {
      out.put("result", "invalid");
      out.put("field", inv.field());
      out.put("reason", inv.reason());
    }
    return out;
  }
}
