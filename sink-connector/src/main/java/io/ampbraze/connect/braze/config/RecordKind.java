package io.ampbraze.connect.braze.config;

/** {@code record.kind}: how the sink decides what a record describes. */
public enum RecordKind implements ConfigEnum {
  /** Decide per record from its shape. */
  AUTO("auto"),
  /** Every record is an Amplitude event ({@code $identify} events still update attributes). */
  EVENT("event"),
  /** Every record is a user-property update. */
  USER("user"),
  /** Every record is a cohort membership change. */
  COHORT("cohort");

  private final String configValue;

  RecordKind(String configValue) {
    this.configValue = configValue;
  }

  @Override
  public String configValue() {
    return configValue;
  }
}
