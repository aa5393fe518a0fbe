package io.ampbraze.connect.currents.storage;

import java.io.IOException;

/**
 * A failure of the store while a stream from {@link CurrentsStorage#open} is being read (a reset
 * connection, a read timeout, the object deleted mid-read). It is an {@code IOException} so that
 * decoders pass it on; its cause is the {@link StorageException} that says what happened.
 */
public class StorageReadException extends IOException {
  private static final long serialVersionUID = 1L;

  public StorageReadException(StorageException cause) {
    super(cause.getMessage(), cause);
  }

  @Override
  public synchronized StorageException getCause() {
    return (StorageException) super.getCause();
  }

  public StorageException.Kind kind() {
    return getCause().kind();
  }
}
