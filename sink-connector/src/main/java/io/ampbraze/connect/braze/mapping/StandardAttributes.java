package io.ampbraze.connect.braze.mapping;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ampbraze.connect.braze.input.BadRecordException;
import io.ampbraze.connect.braze.input.BadRecordException.Reason;

/**
 * Where an Amplitude user property lands in Braze: a standard attribute (with the value
 * normalised to Braze's format), a custom attribute of the same name, or, when the name is
 * reserved by Braze, a custom attribute with a prefix.
 */
final class StandardAttributes {
  /** Braze's standard (reserved) user fields that a user property may set. */
  static final Set<String> STANDARD =
      Set.of(
          "first_name",
          "last_name",
          "email",
          "phone",
          "country",
          "language",
          "dob",
          "gender",
          "home_city",
          "time_zone",
          "email_subscribe",
          "push_subscribe");

  /** Braze fields a user property must never write: identifiers and structured fields. */
  static final Set<String> PROTECTED =
      Set.of(
          "external_id",
          "user_alias",
          "braze_id",
          "_update_existing_only",
          "_merge_objects",
          "push_token_import",
          "push_tokens",
          "subscription_groups",
          "current_location",
          "date_of_first_session",
          "date_of_last_session",
          "app_id");

  /** Amplitude (and common SDK) names of the standard fields. */
  private static final Map<String, String> NAMES = new HashMap<>();

  static {
    for (String s : STANDARD) {
      NAMES.put(s, s);
    }
    NAMES.put("firstName", "first_name");
    NAMES.put("firstname", "first_name");
    NAMES.put("lastName", "last_name");
    NAMES.put("lastname", "last_name");
    NAMES.put("phone_number", "phone");
    NAMES.put("phoneNumber", "phone");
    NAMES.put("city", "home_city");
    NAMES.put("birthday", "dob");
    NAMES.put("date_of_birth", "dob");
    NAMES.put("timezone", "time_zone");
  }

  /** Where a property goes. */
  record Target(String name, boolean standard) {}

  private final boolean mapStandard;
  private final String reservedPrefix;

  StandardAttributes(boolean mapStandard, String reservedPrefix) {
    this.mapStandard = mapStandard;
    this.reservedPrefix = reservedPrefix;
  }

  Target target(String amplitudeName) {
    if (mapStandard && NAMES.containsKey(amplitudeName)) {
      return new Target(NAMES.get(amplitudeName), true);
    }
    if (STANDARD.contains(amplitudeName) || PROTECTED.contains(amplitudeName)) {
      return new Target(reservedPrefix + amplitudeName, false);
    }
    return new Target(amplitudeName, false);
  }

  /** Normalises a value for a standard field; null (unset) stays null. */
  static JsonNode normalize(String brazeName, JsonNode value, String field) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isValueNode()) {
      throw new BadRecordException(
          Reason.INVALID_FIELD, field, "Braze's standard attribute " + brazeName + " takes a single value");
    }
    String text = value.asText().trim();
    switch (brazeName) {
      case "gender":
        return TextNode.valueOf(gender(text));
      case "country":
        return TextNode.valueOf(country(text));
      case "language":
        return TextNode.valueOf(language(text));
      case "dob":
        return TextNode.valueOf(dob(text));
      default:
        return value.isTextual() ? value : TextNode.valueOf(text);
    }
  }

  /** Braze genders: M, F, O (other), N (not applicable), P (prefer not to say). */
  static String gender(String text) {
    switch (text.toLowerCase(Locale.ROOT)) {
      case "m":
      case "male":
      case "man":
        return "M";
      case "f":
      case "female":
      case "woman":
        return "F";
      case "o":
      case "other":
      case "non-binary":
      case "nonbinary":
        return "O";
      case "n":
      case "not applicable":
      case "n/a":
        return "N";
      case "p":
      case "prefer not to say":
        return "P";
      default:
        return text;
    }
  }

  /** ISO-3166-1 alpha-2 from a code or an English country name (Amplitude writes names). */
  static String country(String text) {
    if (text.length() == 2) {
      return text.toUpperCase(Locale.ROOT);
    }
    for (String code : Locale.getISOCountries()) {
      if (new Locale("", code).getDisplayCountry(Locale.ENGLISH).equalsIgnoreCase(text)) {
        return code;
      }
    }
    return text; // Braze makes a best effort with other spellings
  }

  /** ISO-639-1 from a code, a tag like en-US, or an English language name. */
  static String language(String text) {
    String base = text.split("[-_]", 2)[0];
    if (base.length() == 2) {
      return base.toLowerCase(Locale.ROOT);
    }
    for (String code : Locale.getISOLanguages()) {
      if (new Locale(code).getDisplayLanguage(Locale.ENGLISH).equalsIgnoreCase(text)) {
        return code;
      }
    }
    return text;
  }

  /** YYYY-MM-DD from a date or date-time text; other text is left to Braze. */
  static String dob(String text) {
    if (text.matches("\\d{4}-\\d{2}-\\d{2}([T ].*)?")) {
      return text.substring(0, 10);
    }
    return text;
  }
}
