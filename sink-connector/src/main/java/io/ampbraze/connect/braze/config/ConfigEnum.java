package io.ampbraze.connect.braze.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** An enum-valued setting: its lowercase config spelling, parsed case-insensitively. */
public interface ConfigEnum {
  /** The value as written in a connector config. */
  String configValue();

  /** Parses {@code value} (case-insensitive) into one of {@code type}'s constants. */
  static <E extends Enum<E> & ConfigEnum> E parse(Class<E> type, String value) {
    String wanted = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    for (E e : type.getEnumConstants()) {
      if (e.configValue().equals(wanted)) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        "must be one of " + String.join(", ", configValues(type)) + " (case-insensitive)");
  }

  /** Every accepted spelling, in declaration order. */
  static <E extends Enum<E> & ConfigEnum> List<String> configValues(Class<E> type) {
    return Arrays.stream(type.getEnumConstants())
        .map(ConfigEnum::configValue)
        .collect(Collectors.toList());
  }
}
