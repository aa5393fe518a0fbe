package io.ampbraze.connect.braze.config;

/** {@code cohorts.mode}: how cohort membership is written onto a Braze user. */
public enum CohortsMode implements ConfigEnum {
  /** One array attribute holding the ids of the user's cohorts. */
  ARRAY("array"),
  /** One boolean attribute per cohort. */
  BOOLEAN("boolean");

  private final String configValue;

  CohortsMode(String configValue) {
    this.configValue = configValue;
  }

  @Override
  public String configValue() {
    return configValue;
  }
}
