package io.ampbraze.testkit.currents;

/**
 * How a generated file is broken, to test a reader's handling of bad files. Damage always hits
 * a block after the first, so the records of the blocks before it stay readable; {@link
 * GeneratedFile#readableRecords()} says how many.
 */
public enum Damage {
  /** A valid file. */
  NONE,
  /**
   * The file is cut in the middle of its last block, as when an upload ends early (Braze's GCS
   * docs warn of this). Every block but the last stays readable. Note that Avro's own {@code
   * DataFileStream} reports such a file as a clean, shorter one: a reader must check that the
   * file ends with the header's sync marker to notice.
   */
  TRUNCATED,
  /**
   * The sync marker after the middle block is overwritten: a reader detects the corruption after
   * that block and cannot trust anything from it on. The blocks before it stay readable.
   */
  CORRUPT_SYNC,
  /** Not an Avro container at all (random bytes): nothing is readable. */
  NOT_AVRO,
  /**
   * A valid Avro container whose records are not Currents records (no {@code id}, no {@code
   * time}): a file in the wrong place. Nothing in it is usable as a Currents record.
   */
  FOREIGN_SCHEMA
}
