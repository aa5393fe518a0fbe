package io.ampbraze.connect.braze.braze;

import java.util.concurrent.CompletableFuture;

/** Sends one /users/track request; an I/O failure or timeout completes the future exceptionally. */
public interface BrazeTransport extends AutoCloseable {
  CompletableFuture<TrackResponse> send(TrackRequest request);

  /** Cancels calls in flight and releases threads and connections. */
  @Override
  void close();
}
