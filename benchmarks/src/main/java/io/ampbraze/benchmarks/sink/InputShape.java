package io.ampbraze.benchmarks.sink;

/** How the records' values look to the sink: what the converter produced. */
public enum InputShape {
  /** JsonConverter with schemas.enable=false: Maps, Lists, Strings, Longs, Doubles, Booleans. */
  JSON_SCHEMALESS,
  /** JsonConverter with schemas, or Avro/Protobuf converters: Structs with a schema. */
  STRUCT
}
