package io.ampbraze.connect.braze.input;

/** One Kafka record read into the sink's Amplitude model. */
public sealed interface AmplitudeRecord
    permits AmplitudeEvent, UserUpdate, CohortChange, IgnoredRecord {}
