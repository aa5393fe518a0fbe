package io.ampbraze.connect.braze.mapping;

import io.ampbraze.connect.braze.config.AnonymousMode;
import io.ampbraze.connect.braze.input.BadRecordException;
import io.ampbraze.connect.braze.input.BadRecordException.Reason;
import io.ampbraze.connect.braze.input.UserRef;

/**
 * user_id becomes external_id; a device-only user becomes a user alias or is skipped, as
 * {@code identity.anonymous} says; no id at all is a bad record.
 */
final class IdentityMapper {
  private final AnonymousMode anonymous;
  private final String aliasLabel;

  IdentityMapper(AnonymousMode anonymous, String aliasLabel) {
    this.anonymous = anonymous;
    this.aliasLabel = aliasLabel;
  }

  /**
   * @param field the record field naming the user, for the error message
   * @return the identifier, or null when the user is anonymous and anonymous users are skipped
   */
  Identifier resolve(UserRef user, String field) {
    if (user.userId() != null) {
      return Identifier.external(user.userId());
    }
    if (user.deviceId() != null) {
      return anonymous == AnonymousMode.ALIAS ? Identifier.alias(user.deviceId(), aliasLabel) : null;
    }
    throw new BadRecordException(
        Reason.MISSING_IDENTIFIER, field, "has neither user_id nor device_id: Braze needs a user");
  }
}
