package io.ampbraze.benchmarks.sink;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ampbraze.connect.braze.braze.TrackRequest;

/**
 * Baseline (b): what a generic HTTP sink does. The same Braze objects as the sink sends (the
 * connector's own mapping, done before timing), in full batches of 75, one request at a time:
 * send, wait for the answer, send the next. A 429 waits until its x-ratelimit-reset.
 */
final class NaiveSender {
  private final EmulatorProcess emulator;
  private final List<byte[]> bodies = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  NaiveSender(EmulatorProcess emulator, AmplitudeRecordPool pool, int requests) {
    this.emulator = emulator;
    for (TrackRequest r : FullBatches.build(pool, emulator.baseUrl(), requests)) {
      bodies.add(r.body());
    }
  }

  /** Sends for {@code durationMs} and returns objects/s, requests/s and 429s. */
  Map<String, Double> run(long durationMs) throws Exception {
    Thread.sleep(emulator.settings().rateLimitWindowMs() + 250);
    URI track = URI.create(emulator.baseUrl() + "/users/track");
    EmulatorProcess.Counters before = emulator.counters();
    long start = System.nanoTime();
    long end = start + durationMs * 1_000_000L;
    int i = 0;
    while (System.nanoTime() < end) {
      HttpRequest request = HttpRequest.newBuilder(track)
          .timeout(Duration.ofSeconds(30))
          .header("Authorization", "Bearer " + EmulatorProcess.API_KEY)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i++ % bodies.size())))
          .build();
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() == 429) {
        long reset = response.headers().firstValueAsLong("x-ratelimit-reset").orElse(0);
        long waitMs = reset * 1000 - System.currentTimeMillis();
        if (waitMs > 0) {
          Thread.sleep(waitMs);
        }
      }
    }
    double secs = (System.nanoTime() - start) / 1e9;
    EmulatorProcess.Counters c = emulator.counters().minus(before);
    Map<String, Double> out = new java.util.LinkedHashMap<>();
    out.put("objects_per_s", c.accepted() / secs);
    out.put("requests_per_s", c.requests() / secs);
    out.put("objects_per_request", c.created() == 0 ? 0 : (double) c.accepted() / c.created());
    out.put("http_429_whole_run", (double) c.rateLimited());
    out.put("measured_s", secs);
    return out;
  }
}
