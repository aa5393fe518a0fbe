package io.ampbraze.connect.currents.mapping;

/** What a {@link RecordConverter} made of one Currents record. */
public sealed interface Converted {

  /** Emit a record with this key (may be null) and value. */
  record Emit(String key, JsonValue value) implements Converted {}

  /** Skip the record: it has no Amplitude identity. */
  record SkipNoId() implements Converted {}

  /** The record cannot be mapped: a needed field is missing or malformed. */
  record Invalid(String field, String reason) implements Converted {}
}
