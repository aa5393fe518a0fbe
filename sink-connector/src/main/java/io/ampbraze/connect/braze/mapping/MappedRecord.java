package io.ampbraze.connect.braze.mapping;

import java.util.List;

import io.ampbraze.connect.braze.braze.BrazeObject;

/**
 * What one record became: Braze objects to send (each with the de-duplication marks to
 * confirm or forget when its delivery ends), or nothing and why.
 *
 * @param skipReason why nothing is sent (filtered, anonymous, unchanged...), null otherwise
 * @param dedupSkipped attribute values left out because Braze already has them
 */
public record MappedRecord(List<MappedObject> objects, String skipReason, int dedupSkipped) {

  /** One object and its de-duplication marks. */
  public record MappedObject(BrazeObject object, List<AttributeDedupCache.Mark> marks) {}

  static MappedRecord skipped(String why, int dedupSkipped) {
    return new MappedRecord(List.of(), why, dedupSkipped);
  }

  public boolean isEmpty() {
    return objects.isEmpty();
  }
}
