package io.ampbraze.connect.braze.braze;

/** The three arrays of a /users/track request, in the order Braze processes them. */
public enum ObjectKind {
  ATTRIBUTES("attributes"),
  EVENTS("events"),
  PURCHASES("purchases");

  private final String arrayName;

  ObjectKind(String arrayName) {
    this.arrayName = arrayName;
  }

  /** The request's array name, as in {@code "input_array"} of Braze's item errors. */
  public String arrayName() {
    return arrayName;
  }

  /** The kind whose array is named {@code name}, or null. */
  public static ObjectKind ofArray(String name) {
    for (ObjectKind k : values()) {
      if (k.arrayName.equals(name)) {
        return k;
      }
    }
    return null;
  }
}
