package io.ampbraze.testkit.currents;

import java.io.IOException;

/**
 * Where the generator puts the objects it writes: a local folder ({@link FolderSink}), or any
 * object store a test or benchmark wraps (S3 client, GCS, Azure, an in-memory map).
 *
 * <p>Keys are '/'-separated and relative to the bucket, never starting with '/'. Each call writes
 * one whole object; implementations should make it appear atomically when they can.
 */
@FunctionalInterface
public interface BucketSink {

  /** Writes {@code bytes} as the object {@code key}, replacing any object of that name. */
  void put(String key, byte[] bytes) throws IOException;
}
