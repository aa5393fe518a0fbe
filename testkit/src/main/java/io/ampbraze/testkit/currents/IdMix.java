package io.ampbraze.testkit.currents;

/**
 * The share of generated records per identity case. Records not covered by the two shares have
 * neither an external id nor a device id (Amplitude cannot take them). Event types without a
 * {@code device_id} field turn the device-only share into records with no id at all.
 *
 * @param externalId share of records with {@code external_user_id} (most also get a device id)
 * @param deviceOnly share of records with only {@code device_id}
 */
public record IdMix(double externalId, double deviceOnly) {
  /** 75 % identified, 15 % anonymous with a device, 10 % with no usable id. */
  public static final IdMix DEFAULT = new IdMix(0.75, 0.15);
  /** Every record has an external id. */
  public static final IdMix ALL_IDENTIFIED = new IdMix(1.0, 0.0);

  public IdMix {
    if (externalId < 0 || deviceOnly < 0 || externalId + deviceOnly > 1.0 + 1e-9) {
      throw new IllegalArgumentException("shares must be >= 0 and sum to at most 1");
    }
  }
}
