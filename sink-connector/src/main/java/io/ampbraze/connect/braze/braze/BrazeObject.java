package io.ampbraze.connect.braze.braze;

/**
 * One serialized attributes, event or purchase object, with the key of the user it is about
 * (objects of one user must reach Braze in order).
 */
public final class BrazeObject {
  private final ObjectKind kind;
  private final String userKey;
  private final byte[] json;

  public BrazeObject(ObjectKind kind, String userKey, byte[] json) {
    this.kind = kind;
    this.userKey = userKey;
    this.json = json;
  }

  public ObjectKind kind() {
    return kind;
  }

  /** e.g. {@code external_id:u1} or {@code alias:amplitude_device_id:d1}. */
  public String userKey() {
    return userKey;
  }

  /** The object's JSON, UTF-8. Do not modify. */
  public byte[] json() {
    return json;
  }

  public int size() {
    return json.length;
  }

  @Override
  public String toString() {
    // No user key or content: objects may end up in logs and carry personal data.
    return kind.arrayName() + " object (" + json.length + " bytes)";
  }
}
