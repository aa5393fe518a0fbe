package io.ampbraze.testkit.currents;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What one generated Currents file holds. Start from {@link #of} and adjust with the {@code
 * with*} methods; every value has a sensible default.
 *
 * @param type the event type (decides the folder and the writer schema)
 * @param hour the {@code date=} hour folder (truncated to the hour, UTC)
 * @param records how many records to write
 * @param codec the container codec
 * @param schemaId the schema-id folder name
 * @param extendedSchema whether the writer schema carries the later release's extra fields
 * @param timeType the Avro type of {@code time}
 * @param idMix which identities the records carry
 * @param recordsPerBlock records per Avro block (damage is placed by block)
 * @param damage how the file is broken, if at all
 */
public record FileSpec(
    CurrentsEventType type,
    Instant hour,
    int records,
    Codec codec,
    int schemaId,
    boolean extendedSchema,
    TimeType timeType,
    IdMix idMix,
    int recordsPerBlock,
    Damage damage) {

  public FileSpec {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(timeType, "timeType");
    Objects.requireNonNull(idMix, "idMix");
    Objects.requireNonNull(damage, "damage");
    hour = hour.truncatedTo(ChronoUnit.HOURS);
    if (records < 1) {
      throw new IllegalArgumentException("Braze never writes an empty file: records must be >= 1");
    }
    if (schemaId < 0) {
      throw new IllegalArgumentException("schemaId must be >= 0");
    }
    if (recordsPerBlock < 1) {
      throw new IllegalArgumentException("recordsPerBlock must be >= 1");
    }
    if ((damage == Damage.TRUNCATED || damage == Damage.CORRUPT_SYNC)
        && records <= recordsPerBlock) {
      throw new IllegalArgumentException(damage + " needs at least two blocks: raise records");
    }
  }

  /** 50 records, null codec, schema id 1, base schema, the type's time type, default ids. */
  public static FileSpec of(CurrentsEventType type, Instant hour) {
    return new FileSpec(
        type, hour, 50, Codec.NULL, 1, false, type.defaultTimeType(), IdMix.DEFAULT, 20,
        Damage.NONE);
  }

  public FileSpec withRecords(int n) {
    return new FileSpec(
        type, hour, n, codec, schemaId, extendedSchema, timeType, idMix, recordsPerBlock, damage);
  }

  public FileSpec withCodec(Codec c) {
    return new FileSpec(
        type, hour, records, c, schemaId, extendedSchema, timeType, idMix, recordsPerBlock,
        damage);
  }

  /** Sets the schema-id folder and whether the writer schema is the extended one. */
  public FileSpec withSchema(int id, boolean extended) {
    return new FileSpec(
        type, hour, records, codec, id, extended, timeType, idMix, recordsPerBlock, damage);
  }

  public FileSpec withTimeType(TimeType t) {
    return new FileSpec(
        type, hour, records, codec, schemaId, extendedSchema, t, idMix, recordsPerBlock, damage);
  }

  public FileSpec withIdMix(IdMix mix) {
    return new FileSpec(
        type, hour, records, codec, schemaId, extendedSchema, timeType, mix, recordsPerBlock,
        damage);
  }

  public FileSpec withRecordsPerBlock(int n) {
    return new FileSpec(
        type, hour, records, codec, schemaId, extendedSchema, timeType, idMix, n, damage);
  }

  public FileSpec withDamage(Damage d) {
    return new FileSpec(
        type, hour, records, codec, schemaId, extendedSchema, timeType, idMix, recordsPerBlock,
        d);
  }
}
