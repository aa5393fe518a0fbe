package io.ampbraze.quickstart.sample;

/** One Kafka record of sample input: the key (the Amplitude user or cohort) and a JSON value. */
public record SampleRecord(String key, String value) {}
