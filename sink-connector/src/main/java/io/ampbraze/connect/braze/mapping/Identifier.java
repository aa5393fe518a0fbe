package io.ampbraze.connect.braze.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A Braze user identifier: an external_id, or a user_alias built from a device id. */
public record Identifier(String externalId, String aliasName, String aliasLabel) {

  public static Identifier external(String externalId) {
    return new Identifier(externalId, null, null);
  }

  public static Identifier alias(String name, String label) {
    return new Identifier(null, name, label);
  }

  public boolean isAlias() {
    return externalId == null;
  }

  /** The ordering and de-duplication key of the user. */
  public String key() {
    return isAlias() ? "alias:" + aliasLabel + ":" + aliasName : "external_id:" + externalId;
  }

  /** Writes the identifier fields first into a new Braze object. */
  void writeTo(ObjectNode object) {
    if (isAlias()) {
      ObjectNode alias = object.putObject("user_alias");
      alias.put("alias_name", aliasName);
      alias.put("alias_label", aliasLabel);
    } else {
      object.put("external_id", externalId);
    }
  }
}
