package io.ampbraze.quickstart.doubles;

import io.ampbraze.testkit.braze.AcceptedObject;
import io.ampbraze.testkit.braze.BatchRegime;
import io.ampbraze.testkit.braze.BrazeEmulator;
import io.ampbraze.testkit.braze.EmulatorSummary;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The project's Braze emulator ({@link BrazeEmulator} from the test kit) as the quickstart's Braze:
 * {@code POST /users/track} with Braze's authentication, batch limits, body cap, object validation,
 * item-level errors, rate limit and {@code x-ratelimit-*} headers, and a short latency on every
 * answer. It runs inside the launcher's JVM, so it stops with the launcher (Ctrl-C included) and
 * the report reads its recordings directly; users reach the same data over HTTP ({@link
 * #summaryUrl()}, {@link #objectsUrl}).
 */
public final class EmulatedBraze implements BrazeDouble {
  /** Braze's current per-request rule, the sink's default: 75 objects across the three arrays. */
  static final BatchRegime BATCH_REGIME = BatchRegime.COMBINED_75;

  /** Braze's default workspace budget for /users/track, the sink's default too. */
  static final int RATE_LIMIT_REQUESTS = 3000;

  static final Duration RATE_LIMIT_WINDOW = Duration.ofSeconds(3);
  static final Duration MIN_LATENCY = Duration.ofMillis(5);
  static final Duration MAX_LATENCY = Duration.ofMillis(25);

  private final BrazeEmulator emulator;
  private final URI restUrl;

  private EmulatedBraze(BrazeEmulator emulator) {
    this.emulator = emulator;
    this.restUrl = URI.create(emulator.baseUrl());
  }

  /** Starts the emulator on a free loopback port, accepting only {@code apiKey}. */
  public static EmulatedBraze start(String apiKey) throws IOException {
    return new EmulatedBraze(
        BrazeEmulator.builder()
            .apiKey(apiKey)
            .host("127.0.0.1")
            .port(0)
            .batchRegime(BATCH_REGIME)
            .rateLimit(RATE_LIMIT_REQUESTS, RATE_LIMIT_WINDOW)
            .latency(MIN_LATENCY, MAX_LATENCY)
            .start());
  }

  @Override
  public URI restUrl() {
    return restUrl;
  }

  @Override
  public URI summaryUrl() {
    return URI.create(restUrl + "/_emulator/summary");
  }

  @Override
  public URI objectsUrl(String kind, String user, int limit) {
    List<String> query = new ArrayList<>();
    if (kind != null) {
      query.add("kind=" + encode(kind));
    }
    if (user != null) {
      query.add("user=" + encode(user));
    }
    query.add("limit=" + limit);
    return URI.create(restUrl + "/_emulator/objects?" + String.join("&", query));
  }

  @Override
  public String limits() {
    return String.format(
        Locale.ROOT,
        "%d objects per request %s, %d requests per %d s, %d-%d ms latency",
        BATCH_REGIME.maxObjects(),
        BATCH_REGIME.perArray() ? "per array" : "combined",
        RATE_LIMIT_REQUESTS,
        RATE_LIMIT_WINDOW.toSeconds(),
        MIN_LATENCY.toMillis(),
        MAX_LATENCY.toMillis());
  }

  @Override
  public BrazeSummary summary() {
    EmulatorSummary summary = emulator.summary();
    Map<String, Long> accepted = new LinkedHashMap<>();
    accepted.put(BrazeSummary.ATTRIBUTES, summary.attributes());
    accepted.put(BrazeSummary.EVENTS, summary.events());
    accepted.put(BrazeSummary.PURCHASES, summary.purchases());
    return new BrazeSummary(
        summary.requests(),
        new TreeMap<>(summary.statuses()),
        accepted,
        summary.itemErrors(),
        summary.users());
  }

  @Override
  public List<BrazeObject> accepted() {
    List<BrazeObject> objects = new ArrayList<>();
    for (AcceptedObject object : emulator.accepted()) {
      objects.add(new BrazeObject(object.kind().arrayName(), object.json()));
    }
    return objects;
  }

  @Override
  public void close() {
    emulator.close();
  }

  @Override
  public String toString() {
    return "the Braze emulator at " + restUrl;
  }

  /** Query-encodes a value, keeping ':' (legal in a query) so user keys stay readable. */
  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("%3A", ":");
  }
}
