package io.ampbraze.connect.currents.config;

import java.util.Locale;

/** What the connector emits for each Currents record ({@code output.format}). */
public enum OutputFormat {
  /** An Amplitude HTTP V2 event. */
  AMPLITUDE,
  /** The Currents record itself, as JSON. */
  CURRENTS;

  public static OutputFormat parse(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT));
  }

  public String configValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
