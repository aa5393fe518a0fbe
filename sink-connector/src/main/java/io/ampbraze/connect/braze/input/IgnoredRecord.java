package io.ampbraze.connect.braze.input;

/** A well-formed record with no Braze equivalent (e.g. a $groupidentify event): skipped. */
public record IgnoredRecord(String why) implements AmplitudeRecord {}
