package io.ampbraze.connect.currents.mapping;

import java.util.Optional;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * {@code output.format=currents}: the Currents record itself as a JSON object (every field of
 * its writer schema, nulls included, Avro values as JSON), keyed by the external user id, else
 * the device id, else the Braze user id. Nothing is skipped.
 */
public final class RawRecordConverter implements RecordConverter {

  @Override
  public Optional<String> schemaProblem(Schema writerSchema) {
    return writerSchema.getType() == Schema.Type.RECORD
        ? Optional.empty()
        : Optional.of("the writer schema is a " + writerSchema.getType() + ", not a record");
  }

  @Override
  public Converted convert(String eventType, GenericRecord record) {
    String key = AmplitudeMapper.text(record, "external_user_id");
    if (key == null) {
      key = AmplitudeMapper.text(record, "device_id");
    }
    if (key == null) {
      key = AmplitudeMapper.text(record, "user_id");
    }
    return new Converted.Emit(key, AvroJson.recordToJson(record, true));
  }
}
