package io.ampbraze.testkit.braze;

import java.time.Duration;
import java.util.Objects;

/** One injected fault for a /users/track request; build with the static factories. */
public final class Fault {
  enum Type {
    STATUS,
    RATE_LIMITED,
    SLOW,
    DROP
  }

  final Type type;
  final int status;
  final Duration delay;
  final DropMode dropMode;

  private Fault(Type type, int status, Duration delay, DropMode dropMode) {
    this.type = type;
    this.status = status;
    this.delay = delay;
    this.dropMode = dropMode;
  }

  /** Answers {@code status} (e.g. 500, 502, 503, 504) without processing the request. */
  public static Fault status(int status) {
    return new Fault(Type.STATUS, status, null, null);
  }

  /** Answers 429 with x-ratelimit-remaining 0 and a reset at the end of the current window. */
  public static Fault rateLimited() {
    return new Fault(Type.RATE_LIMITED, 429, null, null);
  }

  /** Processes the request, then holds the answer for {@code delay}. */
  public static Fault slow(Duration delay) {
    return new Fault(Type.SLOW, 0, Objects.requireNonNull(delay), null);
  }

  /** Closes the connection instead of answering. */
  public static Fault drop(DropMode mode) {
    return new Fault(Type.DROP, 0, null, Objects.requireNonNull(mode));
  }

  @Override
  public String toString() {
    switch (type) {
      case STATUS:
        return "status " + status;
      case RATE_LIMITED:
        return "429";
      case SLOW:
        return "slow " + delay.toMillis() + " ms";
      default:
        return "drop " + dropMode;
    }
  }
}
