package io.ampbraze.connect.braze.braze;

/**
 * One entry of the {@code errors} array of a Braze answer.
 *
 * @param type Braze's description, e.g. {@code 'external_id' or 'braze_id' or 'user_alias' is
 *     required}
 * @param array the {@code input_array} it names, or null
 * @param index the {@code index} it names, or -1
 */
public record ItemError(String type, ObjectKind array, int index) {
  public boolean isMapped() {
    return array != null && index >= 0;
  }
}
