package io.ampbraze.testkit.braze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BrazeEmulatorTest {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final OkHttpClient http =
      new OkHttpClient.Builder()
          .retryOnConnectionFailure(false)
          .readTimeout(2, TimeUnit.SECONDS)
          .build();
  private BrazeEmulator braze;

  @BeforeEach
  void start() throws IOException {
    braze = BrazeEmulator.builder().apiKey("secret-key").rateLimit(1000, Duration.ofSeconds(60)).start();
  }

  @AfterEach
  void stop() {
    braze.close();
  }

  private Response post(String body) throws IOException {
    return post(body, "secret-key");
  }

  private Response post(String body, String key) throws IOException {
    return http.newCall(
            new Request.Builder()
                .url(braze.baseUrl() + "/users/track")
                .header("Authorization", "Bearer " + key)
                .post(RequestBody.create(body, JSON))
                .build())
        .execute();
  }

  private static JsonNode json(Response r) throws IOException {
    return MAPPER.readTree(r.body().string());
  }

  private static String event(String user, String name) {
    return "{\"external_id\":\"" + user + "\",\"name\":\"" + name + "\",\"time\":\"2024-05-01T12:00:00.000Z\"}";
  }

  @Test
  void acceptsObjectsAndRecordsThemPerUserInOrder() throws IOException {
    try (Response r =
        post("{\"attributes\":[{\"external_id\":\"u1\",\"plan\":\"pro\"}],\"events\":["
            + event("u1", "a") + "," + event("u2", "b") + "],\"purchases\":[{\"external_id\":\"u1\","
            + "\"product_id\":\"p\",\"currency\":\"USD\",\"price\":9.5,\"time\":\"2024-05-01T12:00:00Z\"}]}")) {
      assertThat(r.code()).isEqualTo(201);
      assertThat(r.header("x-ratelimit-limit")).isEqualTo("1000");
      assertThat(r.header("x-ratelimit-remaining")).isEqualTo("999");
      assertThat(Long.parseLong(r.header("x-ratelimit-reset")) * 1000).isGreaterThan(System.currentTimeMillis() - 1000);
      JsonNode body = json(r);
      assertThat(body.get("message").asText()).isEqualTo("success");
      assertThat(body.get("events_processed").asInt()).isEqualTo(2);
      assertThat(body.has("errors")).isFalse();
    }
    assertThat(braze.acceptedFor("external_id:u1")).extracting(AcceptedObject::kind)
        .containsExactly(ObjectKind.ATTRIBUTES, ObjectKind.EVENTS, ObjectKind.PURCHASES);
    assertThat(braze.accepted(ObjectKind.EVENTS)).extracting(o -> o.json().get("name").asText()).containsExactly("a", "b");
    EmulatorSummary s = braze.summary();
    assertThat(s.attributes()).isEqualTo(1);
    assertThat(s.events()).isEqualTo(2);
    assertThat(s.purchases()).isEqualTo(1);
    assertThat(s.users()).isEqualTo(2);
    assertThat(s.status(201)).isEqualTo(1);
  }

  @Test
  void refusesAWrongKeyAndEchoesWhatItGot() throws IOException {
    try (Response r = post("{\"events\":[]}", "wrong-key")) {
      assertThat(r.code()).isEqualTo(401);
      assertThat(json(r).get("message").asText()).contains("wrong-key");
    }
    assertThat(braze.summary().status(401)).isEqualTo(1);
  }

  @Test
  void answersItemErrorsForInvalidAndScriptedObjects() throws IOException {
    braze.faults().rejectObjects(o -> "external_id:bad".equals(o.userKey()), "provided external_id is blacklisted and disallowed");
    try (Response r =
        post("{\"events\":[" + event("u1", "ok") + ",{\"name\":\"x\",\"time\":\"2024-05-01T12:00:00Z\"},"
            + event("bad", "no") + ",{\"external_id\":\"u3\",\"name\":\"x\",\"time\":\"2024-05-01T12:00:00Z\","
            + "\"properties\":{\"time\":1}}]}")) {
      assertThat(r.code()).isEqualTo(201);
      JsonNode errors = json(r).get("errors");
      assertThat(errors).hasSize(3);
      assertThat(errors.get(0).get("index").asInt()).isEqualTo(1);
      assertThat(errors.get(0).get("input_array").asText()).isEqualTo("events");
      assertThat(errors.get(0).get("type").asText()).contains("external_id");
      assertThat(errors.get(1).get("index").asInt()).isEqualTo(2);
      assertThat(errors.get(1).get("type").asText()).contains("blacklisted");
      assertThat(errors.get(2).get("index").asInt()).isEqualTo(3);
    }
    assertThat(braze.accepted()).hasSize(1);
    assertThat(braze.summary().itemErrors()).isEqualTo(3);
  }

  @Test
  void enforcesTheBatchRegimeAndTheBodyCap() throws IOException {
    StringBuilder events = new StringBuilder();
    for (int i = 0; i < 76; i++) {
      events.append(i == 0 ? "" : ",").append(event("u" + i, "e"));
    }
    try (Response r = post("{\"events\":[" + events + "]}")) {
      assertThat(r.code()).isEqualTo(400);
    }
    try (BrazeEmulator small =
        BrazeEmulator.builder().apiKey("secret-key").maxBodyBytes(200).batchRegime(BatchRegime.PER_ARRAY_75).start()) {
      Request req =
          new Request.Builder()
              .url(small.baseUrl() + "/users/track")
              .header("Authorization", "Bearer secret-key")
              .post(RequestBody.create("{\"events\":[" + events + "]}", JSON))
              .build();
      try (Response r = http.newCall(req).execute()) {
        assertThat(r.code()).isEqualTo(413);
      }
    }
    assertThat(braze.accepted()).isEmpty();
  }

  @Test
  void perArrayRegimeCountsEachArray() throws IOException {
    try (BrazeEmulator legacy = BrazeEmulator.builder().apiKey("k").batchRegime(BatchRegime.perArrayOf(2)).start()) {
      String body = "{\"attributes\":[{\"external_id\":\"a\"},{\"external_id\":\"b\"}],\"events\":["
          + event("a", "x") + "," + event("b", "y") + "]}";
      Request req = new Request.Builder().url(legacy.baseUrl() + "/users/track")
          .header("Authorization", "Bearer k").post(RequestBody.create(body, JSON)).build();
      try (Response r = http.newCall(req).execute()) {
        assertThat(r.code()).isEqualTo(201);
      }
    }
  }

  @Test
  void enforcesItsRateLimitWithResetHeaders() throws IOException {
    // A fixed clock a second into a 30 s window: the three requests cannot straddle a boundary.
    long now = 1_700_000_011_000L; // 1_700_000_010_000 is a multiple of 30 s
    Clock clock = Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC);
    try (BrazeEmulator limited =
        BrazeEmulator.builder().apiKey("k").rateLimit(2, Duration.ofSeconds(30)).clock(clock).start()) {
      int[] codes = new int[3];
      String[] remaining = new String[3];
      String[] reset = new String[3];
      for (int i = 0; i < 3; i++) {
        Request req = new Request.Builder().url(limited.baseUrl() + "/users/track")
            .header("Authorization", "Bearer k").post(RequestBody.create("{}", JSON)).build();
        try (Response r = http.newCall(req).execute()) {
          codes[i] = r.code();
          assertThat(r.header("x-ratelimit-limit")).isEqualTo("2");
          remaining[i] = r.header("x-ratelimit-remaining");
          reset[i] = r.header("x-ratelimit-reset");
        }
      }
      assertThat(codes).containsExactly(201, 201, 429);
      assertThat(remaining).containsExactly("1", "0", "0");
      assertThat(reset).containsOnly(String.valueOf((1_700_000_010_000L + 30_000) / 1000));
    }
  }

  @Test
  void injectsScriptedFaults() throws IOException {
    braze.faults()
        .next(1, Fault.status(503))
        .next(1, Fault.rateLimited())
        .next(1, Fault.drop(DropMode.BEFORE_PROCESSING))
        .next(1, Fault.drop(DropMode.AFTER_PROCESSING))
        .next(1, Fault.slow(Duration.ofMillis(300)));
    try (Response r = post("{\"events\":[" + event("u1", "1") + "]}")) {
      assertThat(r.code()).isEqualTo(503);
    }
    try (Response r = post("{\"events\":[" + event("u1", "2") + "]}")) {
      assertThat(r.code()).isEqualTo(429);
      assertThat(r.header("x-ratelimit-reset")).isNotNull();
    }
    assertThatThrownBy(() -> post("{\"events\":[" + event("u1", "3") + "]}").close()).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> post("{\"events\":[" + event("u1", "4") + "]}").close()).isInstanceOf(IOException.class);
    long started = System.nanoTime();
    try (Response r = post("{\"events\":[" + event("u1", "5") + "]}")) {
      assertThat(r.code()).isEqualTo(201);
    }
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(250);
    // Dropped after processing: recorded although the client saw a failure.
    assertThat(braze.acceptedFor("external_id:u1")).extracting(o -> o.json().get("name").asText()).containsExactly("4", "5");
    assertThat(braze.summary().droppedConnections()).isEqualTo(2);
    assertThat(braze.summary().status(0)).isEqualTo(2);
    assertThat(braze.summary().status(201)).isEqualTo(1);
    assertThat(braze.summary().status(503)).isEqualTo(1);
  }

  @Test
  void stormsAnswer429UntilTheirEnd() throws IOException {
    braze.faults().rateLimitStorm(Duration.ofSeconds(30));
    try (Response r = post("{}")) {
      assertThat(r.code()).isEqualTo(429);
      assertThat(Long.parseLong(r.header("x-ratelimit-reset"))).isGreaterThan(System.currentTimeMillis() / 1000 + 20);
    }
    braze.faults().clear();
    try (Response r = post("{}")) {
      assertThat(r.code()).isEqualTo(201);
    }
  }

  @Test
  void servesSummaryAndObjectsOverHttpAndResets() throws IOException {
    try (Response r = post("{\"events\":[" + event("u1", "a") + "," + event("u2", "b") + "]}")) {
      assertThat(r.code()).isEqualTo(201);
    }
    try (Response r = http.newCall(new Request.Builder().url(braze.baseUrl() + "/_emulator/summary").build()).execute()) {
      JsonNode s = json(r);
      assertThat(s.get("requests").asLong()).isEqualTo(1);
      assertThat(s.get("accepted").get("events").asLong()).isEqualTo(2);
      assertThat(s.get("statuses").get("201").asLong()).isEqualTo(1);
    }
    try (Response r = http.newCall(new Request.Builder()
        .url(braze.baseUrl() + "/_emulator/objects?kind=events&user=external_id:u2").build()).execute()) {
      JsonNode o = json(r);
      assertThat(o.get("total").asInt()).isEqualTo(1);
      assertThat(o.get("objects").get(0).get("object").get("name").asText()).isEqualTo("b");
    }
    try (Response r = http.newCall(new Request.Builder().url(braze.baseUrl() + "/_emulator/reset")
        .post(RequestBody.create("", JSON)).build()).execute()) {
      assertThat(r.code()).isEqualTo(204);
    }
    assertThat(braze.summary().requests()).isZero();
    assertThat(braze.accepted()).isEmpty();
  }

  @Test
  void refusesOtherPathsAndBadBodies() throws IOException {
    try (Response r = http.newCall(new Request.Builder().url(braze.baseUrl() + "/users/export").build()).execute()) {
      assertThat(r.code()).isEqualTo(404);
    }
    try (Response r = post("not json")) {
      assertThat(r.code()).isEqualTo(400);
    }
    try (Response r = post("{\"events\":{}}")) {
      assertThat(r.code()).isEqualTo(400);
    }
  }

  @Test
  void addsLatency() throws IOException {
    try (BrazeEmulator slow = BrazeEmulator.builder().apiKey("k").latency(Duration.ofMillis(200), Duration.ofMillis(200)).start()) {
      long started = System.nanoTime();
      Request req = new Request.Builder().url(slow.baseUrl() + "/users/track")
          .header("Authorization", "Bearer k").post(RequestBody.create("{}", JSON)).build();
      try (Response r = http.newCall(req).execute()) {
        assertThat(r.code()).isEqualTo(201);
      }
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(150);
    }
  }

  @Test
  void countersOnlyModeKeepsNoObjects() throws IOException {
    try (BrazeEmulator counting = BrazeEmulator.builder().apiKey("k").recordObjects(false).start()) {
      Request req = new Request.Builder().url(counting.baseUrl() + "/users/track")
          .header("Authorization", "Bearer k").post(RequestBody.create("{\"events\":[" + event("u", "e") + "]}", JSON)).build();
      try (Response r = http.newCall(req).execute()) {
        assertThat(r.code()).isEqualTo(201);
      }
      assertThat(counting.summary().events()).isEqualTo(1);
      assertThat(counting.accepted()).isEmpty();
    }
  }

  @Test
  void parsesBatchRegimes() {
    assertThat(BatchRegime.parse("combined75")).isEqualTo(BatchRegime.COMBINED_75);
    assertThat(BatchRegime.parse("per-array-75")).isEqualTo(BatchRegime.PER_ARRAY_75);
    assertThat(BatchRegime.parse("combined50")).isEqualTo(BatchRegime.COMBINED_50);
    assertThat(BatchRegime.parse("perarray:10")).isEqualTo(BatchRegime.perArrayOf(10));
    assertThatThrownBy(() -> BatchRegime.parse("huge")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void setsTcpNoDelayOnItsConnectionsUnlessToldNotTo() throws IOException {
    assertThat(braze.serverSocketFactory()).isInstanceOf(NoDelayServerSocketFactory.class);
    try (BrazeEmulator nagle = BrazeEmulator.builder().tcpNoDelay(false).start()) {
      assertThat(nagle.serverSocketFactory()).isNotInstanceOf(NoDelayServerSocketFactory.class);
    }
    try (java.net.ServerSocket server =
            new NoDelayServerSocketFactory().createServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        java.net.Socket client = new java.net.Socket(server.getInetAddress(), server.getLocalPort());
        java.net.Socket accepted = server.accept()) {
      assertThat(client.getTcpNoDelay()).isFalse();
      assertThat(accepted.getTcpNoDelay()).isTrue();
    }
  }
}
