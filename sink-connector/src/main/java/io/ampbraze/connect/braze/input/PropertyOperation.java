package io.ampbraze.connect.braze.input;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One user-property operation.
 *
 * @param field where it came from, for error messages (e.g. {@code user_properties.$add.logins})
 */
public record PropertyOperation(Operation op, String name, JsonNode value, String field) {

  /** Amplitude's user-property operations. */
  public enum Operation {
    SET("$set"),
    SET_ONCE("$setOnce"),
    ADD("$add"),
    APPEND("$append"),
    PREPEND("$prepend"),
    PRE_INSERT("$preInsert"),
    POST_INSERT("$postInsert"),
    REMOVE("$remove"),
    UNSET("$unset");

    private final String key;

    Operation(String key) {
      this.key = key;
    }

    /** The operation's key in user_properties, e.g. {@code $setOnce}. */
    public String key() {
      return key;
    }

    /** The operation for a key, or null. */
    public static Operation forKey(String key) {
      for (Operation op : values()) {
        if (op.key.equals(key)) {
          return op;
        }
      }
      return null;
    }
  }
}
