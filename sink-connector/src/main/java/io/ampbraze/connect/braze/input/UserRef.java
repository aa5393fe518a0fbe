package io.ampbraze.connect.braze.input;

/** Who a record is about: Amplitude's user id and/or device id (blank ids are absent). */
public record UserRef(String userId, String deviceId) {
  public UserRef {
    userId = blankToNull(userId);
    deviceId = blankToNull(deviceId);
  }

  public boolean isEmpty() {
    return userId == null && deviceId == null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
