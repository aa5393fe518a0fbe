package io.ampbraze.testkit.braze;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One object the emulator accepted (it was in a 2xx answer and not named in its errors).
 *
 * @param sequence arrival order over all accepted objects, from 0
 * @param request the number of the request that carried it, from 1
 * @param userKey {@code external_id:<id>}, {@code alias:<label>:<name>}, {@code braze_id:<id>},
 *     {@code email:<address>} or {@code phone:<number>}
 * @param json the object exactly as sent
 */
public record AcceptedObject(
    long sequence, long request, ObjectKind kind, String userKey, JsonNode json, Instant receivedAt) {}
