package io.ampbraze.quickstart.connect;

/** A Connect REST call answered with an error status; carries the worker's own message. */
public final class ConnectRestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  ConnectRestException(String method, String path, int status, String body) {
    super(method + " " + path + " answered " + status + ": " + body);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
