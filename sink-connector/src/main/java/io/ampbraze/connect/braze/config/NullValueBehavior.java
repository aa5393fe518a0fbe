package io.ampbraze.connect.braze.config;

/** {@code behavior.on.null.values}: what happens to a tombstone (a record with a null value). */
public enum NullValueBehavior implements ConfigEnum {
  /** Skipped and counted; its offset is committed. */
  IGNORE("ignore"),
  /** Treated as a bad record: dead letter queue or task failure per {@code errors.tolerance}. */
  FAIL("fail");

  private final String configValue;

  NullValueBehavior(String configValue) {
    this.configValue = configValue;
  }

  @Override
  public String configValue() {
    return configValue;
  }
}
