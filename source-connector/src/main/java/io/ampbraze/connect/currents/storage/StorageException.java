package io.ampbraze.connect.currents.storage;

/**
 * A failure talking to the store. {@link Kind} tells the caller what to do: every kind except
 * {@link Kind#NOT_FOUND} is retried with backoff and shown in the task status, and none of them
 * ever advances an offset.
 */
public class StorageException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong, as far as the caller needs to know. */
  public enum Kind {
    /** The object or bucket does not exist (an object deleted between listing and reading). */
    NOT_FOUND,
    /** Credentials rejected or missing permission. */
    PERMISSION,
    /** Outage, throttling, timeout, connection failure: likely to pass. */
    UNAVAILABLE,
    /** Anything else. */
    OTHER
  }

  private final Kind kind;

  public StorageException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
