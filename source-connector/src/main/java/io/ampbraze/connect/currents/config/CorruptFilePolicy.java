package io.ampbraze.connect.currents.config;

import java.util.Locale;

/** What to do with a file that cannot be read to its end ({@code currents.on.corrupt.file}). */
public enum CorruptFilePolicy {
  /** Emit the records before the damage, report the file, go on. */
  SKIP,
  /** Emit the records before the damage, then fail the task naming the file. */
  FAIL;

  public static CorruptFilePolicy parse(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT));
  }

  public String configValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
