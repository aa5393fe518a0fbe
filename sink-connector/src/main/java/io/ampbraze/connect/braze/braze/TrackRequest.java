package io.ampbraze.connect.braze.braze;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One /users/track body built from objects in delivery order: the objects go into their
 * kind's array in the same relative order, so Braze's {@code input_array} + {@code index} of
 * an item error leads back to the object.
 */
public final class TrackRequest {
  /**
   * An upper bound of the body's bytes besides the objects and their separating commas:
   * {@code {"attributes":[],"events":[],"purchases":[]}} is 45 bytes.
   */
  public static final int ENVELOPE_BYTES = 64;

  private final List<BrazeObject> objects;
  private final List<List<Integer>> positions = new ArrayList<>();
  private final byte[] body;

  public TrackRequest(List<BrazeObject> objects) {
    this.objects = List.copyOf(objects);
    for (int k = 0; k < ObjectKind.values().length; k++) {
      positions.add(new ArrayList<>());
    }
    for (int i = 0; i < this.objects.size(); i++) {
      positions.get(this.objects.get(i).kind().ordinal()).add(i);
    }
    this.body = buildBody();
  }

  /** The bytes a body of objects totalling {@code objectBytes} over {@code count} objects may take. */
  public static long estimateBytes(long objectBytes, int count) {
    return ENVELOPE_BYTES + objectBytes + count;
  }

  private byte[] buildBody() {
    int size = ENVELOPE_BYTES;
    for (BrazeObject o : objects) {
      size += o.size() + 1;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    out.write('{');
    boolean firstArray = true;
    for (ObjectKind kind : ObjectKind.values()) {
      List<Integer> at = positions.get(kind.ordinal());
      if (at.isEmpty()) {
        continue;
      }
      if (!firstArray) {
        out.write(',');
      }
      firstArray = false;
      out.writeBytes(("\"" + kind.arrayName() + "\":[").getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < at.size(); i++) {
        if (i > 0) {
          out.write(',');
        }
        out.writeBytes(objects.get(at.get(i)).json());
      }
      out.write(']');
    }
    out.write('}');
    return out.toByteArray();
  }

  public byte[] body() {
    return body;
  }

  /** The objects in the order they were given. */
  public List<BrazeObject> objects() {
    return objects;
  }

  public int size() {
    return objects.size();
  }

  /** The object count per kind. */
  public int count(ObjectKind kind) {
    return positions.get(kind.ordinal()).size();
  }

  /**
   * The position in {@link #objects()} of item {@code index} of array {@code kind}, or -1 when
   * there is no such item.
   */
  public int positionOf(ObjectKind kind, int index) {
    if (kind == null) {
      return -1;
    }
    List<Integer> at = positions.get(kind.ordinal());
    return index >= 0 && index < at.size() ? at.get(index) : -1;
  }
}
