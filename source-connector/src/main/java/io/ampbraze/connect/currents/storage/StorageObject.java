package io.ampbraze.connect.currents.storage;

import java.time.Instant;

/** An object found by a listing: its key, size in bytes and last-modified time. */
public record StorageObject(String key, long size, Instant lastModified) {}
