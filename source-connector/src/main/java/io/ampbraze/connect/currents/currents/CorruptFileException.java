package io.ampbraze.connect.currents.currents;

/** A Currents file that cannot be read on: truncated, corrupt, not Avro, or not Currents. */
public final class CorruptFileException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final long goodRecords;
  private final String reason;

  public CorruptFileException(String key, long goodRecords, String reason, Throwable cause) {
    super(key + " is unreadable after " + goodRecords + " records: " + reason, cause);
    this.key = key;
    this.goodRecords = goodRecords;
    this.reason = reason;
  }

  public String key() {
    return key;
  }

  /** Records decoded before the damage. */
  public long goodRecords() {
    return goodRecords;
  }

  public String reason() {
    return reason;
  }
}
