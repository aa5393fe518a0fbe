package io.ampbraze.testkit.braze;

/** The three arrays of a /users/track request. */
public enum ObjectKind {
  ATTRIBUTES("attributes"),
  EVENTS("events"),
  PURCHASES("purchases");

  private final String arrayName;

  ObjectKind(String arrayName) {
    this.arrayName = arrayName;
  }

  /** The request's array name: {@code attributes}, {@code events} or {@code purchases}. */
  public String arrayName() {
    return arrayName;
  }

  /** The kind of an array name, or null. */
  public static ObjectKind ofArray(String name) {
    for (ObjectKind k : values()) {
      if (k.arrayName.equals(name)) {
        return k;
      }
    }
    return null;
  }
}
