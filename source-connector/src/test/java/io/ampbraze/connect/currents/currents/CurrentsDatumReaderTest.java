package io.ampbraze.connect.currents.currents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

class CurrentsDatumReaderTest {
  private static final String SCHEMA = """
      {"type": "record", "name": "E", "fields": [
        {"name": "id", "type": "string"},
        {"name": "maybe", "type": ["null", "string"]},
        {"name": "tags", "type": {"type": "array", "items": "string"}},
        {"name": "attrs", "type": {"type": "map", "values": ["null", "string"]}},
        {"name": "inner", "type": ["null", {"type": "record", "name": "I", "fields": [
          {"name": "s", "type": "string"}, {"name": "again", "type": ["null", "I"]}]}]},
        {"name": "kept", "type": {"type": "string", "avro.java.string": "Utf8"}}
      ]}""";

  @Test
  void decodesStringsAsJavaStringsWhereverTheyAre() throws IOException {
    Schema schema = new Schema.Parser().parse(SCHEMA);
    GenericRecord inner = new GenericData.Record(schema.getField("inner").schema().getTypes().get(1));
    inner.put("s", "déjà");
    GenericRecord deeper = new GenericData.Record(inner.getSchema());
    deeper.put("s", "vu");
    inner.put("again", deeper);
    GenericRecord r = new GenericData.Record(schema);
    r.put("id", "a1");
    r.put("maybe", "x");
    r.put("tags", List.of("t1", "t2"));
    r.put("attrs", Map.of("k", "v"));
    r.put("inner", inner);
    r.put("kept", "u");

    GenericRecord back = roundTrip(schema, r);

    assertThat(back.get("id")).isEqualTo("a1");
    assertThat(back.get("maybe")).isEqualTo("x");
    assertThat(back.get("tags")).isEqualTo(List.of("t1", "t2"));
    assertThat(back.get("attrs")).isEqualTo(Map.of("k", "v"));
    GenericRecord i = (GenericRecord) back.get("inner");
    assertThat(i.get("s")).isEqualTo("déjà");
    assertThat(((GenericRecord) i.get("again")).get("s")).isEqualTo("vu");
    // A string type the writer already tied to a Java class keeps it.
    assertThat(back.get("kept")).isInstanceOf(Utf8.class).hasToString("u");
  }

  private static GenericRecord roundTrip(Schema schema, GenericRecord r) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataFileWriter<GenericRecord> w = new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
      w.create(schema, bytes);
      w.append(r);
    }
    try (DataFileStream<GenericRecord> in =
        new DataFileStream<>(new ByteArrayInputStream(bytes.toByteArray()), new CurrentsDatumReader())) {
      return in.next();
    }
  }
}
