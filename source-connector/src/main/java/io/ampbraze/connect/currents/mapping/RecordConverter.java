package io.ampbraze.connect.currents.mapping;

import java.util.Optional;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/** Turns Currents records into record keys and values ({@code output.format}). */
public interface RecordConverter {

  /** Why files with this writer schema cannot be converted at all, if they cannot. */
  Optional<String> schemaProblem(Schema writerSchema);

  /** Converts one record of {@code eventType}. */
  Converted convert(String eventType, GenericRecord record);
}
