package io.ampbraze.connect.braze.input;

import org.apache.kafka.connect.errors.DataException;

/**
 * Why a record cannot go to Braze. Its message is what a dead letter queue's
 * {@code __connect.errors.exception.message} header shows: the reason code, the field at fault
 * and an explanation, never a record value.
 */
public class BadRecordException extends DataException {
  private static final long serialVersionUID = 1L;

  /** The reason codes; each is documented in docs/sink.md. */
  public enum Reason {
    TOMBSTONE,
    NOT_JSON,
    UNSUPPORTED_TYPE,
    UNKNOWN_SHAPE,
    MISSING_FIELD,
    INVALID_FIELD,
    MISSING_IDENTIFIER,
    RESERVED_NAME,
    INVALID_NAME,
    STRING_TOO_LONG,
    NESTED_TOO_LARGE,
    OBJECT_TOO_LARGE,
    UNSUPPORTED_OPERATION,
    BRAZE_ITEM_ERROR,
    BRAZE_REJECTED_REQUEST,
    RETRIES_EXHAUSTED
  }

  private final Reason reason;
  private final String field;
  private final String detail;

  public BadRecordException(Reason reason, String field, String detail) {
    super(format(reason, field, detail));
    this.reason = reason;
    this.field = field;
    this.detail = detail;
  }

  public Reason reason() {
    return reason;
  }

  /** The field path at fault (e.g. {@code event_properties.time}), or null for the whole record. */
  public String field() {
    return field;
  }

  public String detail() {
    return detail;
  }

  private static String format(Reason reason, String field, String detail) {
    return "[" + reason + "] " + (field == null ? "" : "field '" + field + "': ") + detail;
  }
}
