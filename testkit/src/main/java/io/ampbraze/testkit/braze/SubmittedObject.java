package io.ampbraze.testkit.braze;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An object as submitted, for {@link Faults#rejectObjects} rules.
 *
 * @param userKey see {@link AcceptedObject#userKey()}; null when the object has no identifier
 */
public record SubmittedObject(ObjectKind kind, String userKey, JsonNode json) {}
