package io.ampbraze.connect.currents.storage;

import java.util.Optional;

/**
 * A failure talking to the store. {@link Kind} tells the caller what to do: every kind except
 * {@link Kind#NOT_FOUND} is retried with backoff and shown in the task status, and none of them
 * ever advances an offset.
 *
 * <p>Messages name the store and the key or prefix, never a secret. A failure while reading a
 * stream returned by {@link CurrentsStorage#open} arrives as a {@link StorageReadException} (an
 * {@code IOException}), possibly wrapped by the decoder; {@link #in(Throwable)} finds it.
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

  /**
   * The storage failure behind {@code error}, if any: {@code error} itself, or the first
   * StorageException in its cause chain (a {@link StorageReadException} carries one). Empty when
   * the error did not come from the store (e.g. a corrupt Avro block).
   */
  public static Optional<StorageException> in(Throwable error) {
    Throwable t = error;
    for (int depth = 0; t != null && depth < 32; depth++, t = t.getCause()) {
      if (t instanceof StorageException e) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
