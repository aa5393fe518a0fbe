package io.ampbraze.connect.braze.config;

/** {@code identity.anonymous}: what happens to records that carry a device id but no user id. */
public enum AnonymousMode implements ConfigEnum {
  /** Not sent to Braze (counted as skipped). */
  SKIP("skip"),
  /** Sent with the device id as a Braze user alias. */
  ALIAS("alias");

  private final String configValue;

  AnonymousMode(String configValue) {
    this.configValue = configValue;
  }

  @Override
  public String configValue() {
    return configValue;
  }
}
