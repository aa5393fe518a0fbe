package io.ampbraze.connect.braze.config;

/** {@code purchases.mode}: what a revenue event becomes in Braze. */
public enum PurchasesMode implements ConfigEnum {
  /** A Braze purchase object. */
  PURCHASE("purchase"),
  /** A Braze {@code ecommerce.order_placed} recommended event. */
  ECOMMERCE("ecommerce"),
  /** A custom event whose properties carry the revenue fields. */
  EVENT("event"),
  /** A custom event like any other: revenue fields are dropped. */
  OFF("off");

  private final String configValue;

  PurchasesMode(String configValue) {
    this.configValue = configValue;
  }

  @Override
  public String configValue() {
    return configValue;
  }
}
