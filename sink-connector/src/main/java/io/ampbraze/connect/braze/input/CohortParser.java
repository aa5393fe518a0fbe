package io.ampbraze.connect.braze.input;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ampbraze.connect.braze.input.BadRecordException.Reason;

/**
 * Reads a cohort membership change: Amplitude's Cohort Webhooks payload ({@code cohort_id},
 * {@code cohort_name}, {@code in_cohort}, {@code message_id}, {@code users:[{"user_id":…}]}) or
 * the simpler {@code {cohort_id, cohort_name?, action: add|remove, user_ids:[…]}}. Extra fields
 * (customised webhook templates) are ignored.
 */
final class CohortParser {
  private CohortParser() {}

  static CohortChange parse(ObjectNode doc) {
    String cohortId = Fields.text(doc, "cohort_id");
    if (cohortId == null || cohortId.isBlank()) {
      throw new BadRecordException(Reason.MISSING_FIELD, "cohort_id", "is missing or empty");
    }
    boolean entered = entered(doc);
    List<UserRef> users = new ArrayList<>();
    boolean listed = false;
    JsonNode objects = doc.get("users");
    if (objects != null && !objects.isNull()) {
      listed = true;
      requireArray(objects, "users");
      for (int i = 0; i < objects.size(); i++) {
        users.add(user(objects.get(i), "users[" + i + "]"));
      }
    }
    for (String idField : List.of("user_ids", "device_ids")) {
      JsonNode ids = doc.get(idField);
      if (ids == null || ids.isNull()) {
        continue;
      }
      listed = true;
      requireArray(ids, idField);
      for (int i = 0; i < ids.size(); i++) {
        String field = idField + "[" + i + "]";
        String id = Fields.text(ids.get(i), field);
        if (id == null || id.isBlank()) {
          throw new BadRecordException(Reason.MISSING_IDENTIFIER, field, "is empty");
        }
        users.add(idField.equals("user_ids") ? new UserRef(id, null) : new UserRef(null, id));
      }
    }
    if (!listed) {
      throw new BadRecordException(
          Reason.MISSING_FIELD, "users", "a cohort change needs users:[{user_id}] or user_ids:[…]");
    }
    return new CohortChange(
        cohortId, Fields.text(doc, "cohort_name"), entered, users, Fields.text(doc, "message_id"));
  }

  private static boolean entered(ObjectNode doc) {
    JsonNode in = doc.get("in_cohort");
    if (in != null && !in.isNull()) {
      if (in.isBoolean()) {
        return in.booleanValue();
      }
      if (in.isTextual()) {
        String s = in.textValue().trim().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("false")) {
          return s.equals("true");
        }
      }
      throw new BadRecordException(Reason.INVALID_FIELD, "in_cohort", "must be true or false");
    }
    String action = Fields.text(doc, "action");
    if (action == null) {
      throw new BadRecordException(
          Reason.MISSING_FIELD, "in_cohort", "a cohort change needs in_cohort (true/false) or action (add/remove)");
    }
    switch (action.trim().toLowerCase(Locale.ROOT)) {
      case "add":
      case "enter":
        return true;
      case "remove":
      case "exit":
        return false;
      default:
        throw new BadRecordException(Reason.INVALID_FIELD, "action", "must be add or remove");
    }
  }

  private static UserRef user(JsonNode node, String field) {
    UserRef user;
    if (node.isObject()) {
      ObjectNode o = (ObjectNode) node;
      user =
          new UserRef(
              Fields.text(o.get("user_id"), field + ".user_id"),
              Fields.text(o.get("device_id"), field + ".device_id"));
    } else {
      user = new UserRef(Fields.text(node, field), null);
    }
    if (user.isEmpty()) {
      throw new BadRecordException(Reason.MISSING_IDENTIFIER, field, "has neither user_id nor device_id");
    }
    return user;
  }

  private static void requireArray(JsonNode node, String field) {
    if (!node.isArray()) {
      throw new BadRecordException(
          Reason.INVALID_FIELD, field, "must be an array, not " + Fields.describe(node));
    }
  }
}
