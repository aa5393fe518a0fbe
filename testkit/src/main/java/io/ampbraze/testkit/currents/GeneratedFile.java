package io.ampbraze.testkit.currents;

import java.util.List;

import org.apache.avro.generic.GenericRecord;

/**
 * What the generator wrote as one object.
 *
 * @param key the object key
 * @param spec what was asked for
 * @param sizeBytes the object's size
 * @param writtenRecords records encoded into the file (before any damage)
 * @param readableRecords records a Currents reader can still decode and use: the blocks before
 *     the damage; 0 for {@link Damage#NOT_AVRO}
 * @param readableWithExternalId readable records with an {@code external_user_id}
 * @param readableDeviceOnly readable records with a {@code device_id} but no external id
 * @param records the readable records in file order, when the generator retains records (else
 *     empty)
 */
public record GeneratedFile(
    String key,
    FileSpec spec,
    long sizeBytes,
    int writtenRecords,
    int readableRecords,
    int readableWithExternalId,
    int readableDeviceOnly,
    List<GenericRecord> records) {

  public GeneratedFile {
    records = List.copyOf(records);
  }

  /** Readable records that carry an Amplitude identity (external id or device id). */
  public int readableWithAmplitudeId() {
    return readableWithExternalId + readableDeviceOnly;
  }

  /** Readable records with neither id: a mapper to Amplitude events must skip them. */
  public int readableWithoutId() {
    return readableRecords - readableWithAmplitudeId();
  }

  /** The Currents event type name. */
  public String eventType() {
    return spec.type().currentsName();
  }
}
