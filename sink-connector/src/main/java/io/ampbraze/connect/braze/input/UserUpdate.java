package io.ampbraze.connect.braze.input;

import java.util.List;

/** A user-property (or computation) update: an $identify event or an identify-shaped record. */
public record UserUpdate(UserRef user, List<PropertyOperation> operations)
    implements AmplitudeRecord {}
