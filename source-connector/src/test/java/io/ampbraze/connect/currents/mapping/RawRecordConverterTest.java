package io.ampbraze.connect.currents.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class RawRecordConverterTest {
  private static final Schema S =
      SchemaBuilder.record("Send").fields().requiredString("id").requiredString("user_id")
          .optionalString("external_user_id").optionalString("device_id").requiredInt("time")
          .optionalString("campaign_id").endRecord();

  private final RawRecordConverter raw = new RawRecordConverter();

  private static GenericRecord rec(String ext, String dev) {
    GenericRecord r = new GenericData.Record(S);
    r.put("id", "i");
    r.put("user_id", "braze-1");
    r.put("external_user_id", ext);
    r.put("device_id", dev);
    r.put("time", 1_700_000_000);
    return r;
  }

  @Test
  void emitsEveryFieldAsIsIncludingNulls() {
    Converted.Emit e = (Converted.Emit) raw.convert("users.messages.email.Send", rec("u", null));
    assertThat(e.value()).containsExactly(
        java.util.Map.entry("id", "i"),
        java.util.Map.entry("user_id", "braze-1"),
        java.util.Map.entry("external_user_id", "u"),
        new java.util.AbstractMap.SimpleEntry<>("device_id", null),
        java.util.Map.entry("time", 1_700_000_000),
        new java.util.AbstractMap.SimpleEntry<>("campaign_id", null));
  }

  @Test
  void keyIsExternalIdThenDeviceThenBrazeIdAndNothingIsSkipped() {
    assertThat(((Converted.Emit) raw.convert("t", rec("u", "d"))).key()).isEqualTo("u");
    assertThat(((Converted.Emit) raw.convert("t", rec(null, "d"))).key()).isEqualTo("d");
    assertThat(((Converted.Emit) raw.convert("t", rec(null, null))).key()).isEqualTo("braze-1");
  }

  @Test
  void anyRecordSchemaIsAccepted() {
    assertThat(raw.schemaProblem(S)).isEmpty();
    assertThat(raw.schemaProblem(Schema.create(Schema.Type.INT))).isPresent();
  }
}
