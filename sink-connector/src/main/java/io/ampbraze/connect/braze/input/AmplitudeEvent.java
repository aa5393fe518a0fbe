package io.ampbraze.connect.braze.input;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An Amplitude event (export/streaming or HTTP V2 shape).
 *
 * @param eventProperties the event's properties without the revenue fields ({@code $price}, ...)
 * @param userProperties the event's user_properties as operations (plain keys are sets)
 * @param revenue the revenue fields, or null when the event carries no price or revenue
 * @param platform Amplitude's platform field (e.g. iOS, Android, Web), or null
 */
public record AmplitudeEvent(
    UserRef user,
    String eventType,
    Instant time,
    ObjectNode eventProperties,
    List<PropertyOperation> userProperties,
    Revenue revenue,
    String insertId,
    String platform)
    implements AmplitudeRecord {}
