package io.ampbraze.connect.braze.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ampbraze.connect.braze.config.RecordKind;
import io.ampbraze.connect.braze.input.BadRecordException.Reason;

/** Reads a record value of any converter into the Amplitude model, by shape or forced kind. */
public final class RecordReader {
  private final RecordKind kind;

  public RecordReader(RecordKind kind) {
    this.kind = kind;
  }

  /**
   * @param value the record value as the converter produced it (never null: tombstones are
   *     handled before)
   * @param kafkaTimestamp the record timestamp, used when an event carries no time; may be null
   */
  public AmplitudeRecord read(Object value, Long kafkaTimestamp) {
    JsonNode node = JsonDocuments.toJson(value);
    if (node == null || !node.isObject()) {
      throw new BadRecordException(
          Reason.UNKNOWN_SHAPE,
          null,
          "the value is " + (node == null ? "null" : Fields.describe(node)) + ", not a JSON object");
    }
    ObjectNode doc = (ObjectNode) node;
    switch (kindOf(doc)) {
      case COHORT:
        return CohortParser.parse(doc);
      case USER:
        return UserUpdateParser.parse(doc, kind == RecordKind.USER);
      default:
        return EventParser.parse(doc, kafkaTimestamp);
    }
  }

  private RecordKind kindOf(ObjectNode doc) {
    if (kind != RecordKind.AUTO) {
      return kind;
    }
    if (doc.has("cohort_id")) {
      return RecordKind.COHORT;
    }
    if (Fields.has(doc, "event_type")) {
      return RecordKind.EVENT; // $identify events become user updates in the event parser
    }
    if (doc.has("user_properties")) {
      return RecordKind.USER;
    }
    throw new BadRecordException(
        Reason.UNKNOWN_SHAPE,
        null,
        "not an Amplitude event (event_type), user update (user_properties) or cohort change "
            + "(cohort_id); set record.kind to read every record as one kind");
  }
}
