package io.ampbraze.connect.currents;

/** The plugin version, read from the jar manifest (set by Maven), for Connect's plugin listing. */
public final class Version {
  private Version() {}

  public static String get() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v != null ? v : "unknown";
  }
}
