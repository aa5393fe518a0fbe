package io.ampbraze.connect.braze.braze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.ampbraze.testkit.braze.BrazeEmulator;
import io.ampbraze.testkit.braze.DropMode;
import io.ampbraze.testkit.braze.Fault;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class BrazeClientTest {
  private static final String KEY = "client-secret-key";

  private static TrackRequest oneEvent(String user) {
    String json = "{\"external_id\":\"" + user + "\",\"name\":\"E\",\"time\":\"2024-05-01T12:00:00.000Z\"}";
    return new TrackRequest(
        List.of(new BrazeObject(ObjectKind.EVENTS, "external_id:" + user, json.getBytes(StandardCharsets.UTF_8))));
  }

  private static BrazeClient client(String url, long timeoutMs) {
    return new BrazeClient(url, true, KEY, 4, timeoutMs, "test-agent/1", "test-http");
  }

  @Test
  void postsWithBearerKeyAndReadsTheAnswer() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(
          new MockResponse.Builder()
              .code(201)
              .setHeader("x-ratelimit-limit", "3000")
              .setHeader("x-ratelimit-remaining", "2999")
              .setHeader("x-ratelimit-reset", "1700000003")
              .body("{\"message\":\"success\",\"events_processed\":1}")
              .build());
      server.start();
      try (BrazeClient c = client(server.url("/").toString(), 5000)) {
        TrackResponse r = c.send(oneEvent("u1")).get(10, TimeUnit.SECONDS);
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.rateLimit()).isEqualTo(new RateLimitHeaders(3000L, 2999L, 1700000003L));
      }
      RecordedRequest req = server.takeRequest();
      assertThat(req.getMethod()).isEqualTo("POST");
      assertThat(req.getUrl().encodedPath()).isEqualTo("/users/track");
      assertThat(req.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
      assertThat(req.getHeaders().get("Content-Type")).startsWith("application/json");
      assertThat(req.getHeaders().get("User-Agent")).isEqualTo("test-agent/1");
      assertThat(req.getBody().utf8()).startsWith("{\"events\":[{\"external_id\":\"u1\"");
    }
  }

  @Test
  void keepsAPathPrefixOfTheEndpoint() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse.Builder().code(201).body("{}").build());
      server.start();
      try (BrazeClient c = client(server.url("/proxy/braze/").toString(), 5000)) {
        c.send(oneEvent("u1")).get(10, TimeUnit.SECONDS);
      }
      assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/proxy/braze/users/track");
    }
  }

  @Test
  void neverFollowsRedirects() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", server.url("/elsewhere").toString()).build());
      server.enqueue(new MockResponse.Builder().code(201).body("{}").build());
      try (BrazeClient c = client(server.url("/").toString(), 5000)) {
        TrackResponse r = c.send(oneEvent("u1")).get(10, TimeUnit.SECONDS);
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.outcome()).isEqualTo(TrackResponse.Outcome.FATAL);
      }
      assertThat(server.getRequestCount()).isEqualTo(1);
    }
  }

  @Test
  void timesOutSlowAnswers() throws Exception {
    try (BrazeEmulator braze = BrazeEmulator.builder().apiKey(KEY).start();
        BrazeClient c = client(braze.baseUrl(), 300)) {
      braze.faults().next(1, Fault.slow(Duration.ofSeconds(3)));
      assertThatThrownBy(() -> c.send(oneEvent("u1")).get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(java.io.InterruptedIOException.class);
    }
  }

  @Test
  void reportsDroppedConnectionsAsFailures() throws Exception {
    try (BrazeEmulator braze = BrazeEmulator.builder().apiKey(KEY).start();
        BrazeClient c = client(braze.baseUrl(), 5000)) {
      braze.faults().next(1, Fault.drop(DropMode.BEFORE_PROCESSING));
      assertThatThrownBy(() -> c.send(oneEvent("u1")).get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(java.io.IOException.class);
      assertThat(c.send(oneEvent("u1")).get(10, TimeUnit.SECONDS).status()).isEqualTo(201);
    }
  }

  @Test
  void hidesTheKeyBrazeEchoes() throws Exception {
    try (BrazeEmulator braze = BrazeEmulator.builder().apiKey("the-right-key").start();
        BrazeClient c = client(braze.baseUrl(), 5000)) {
      TrackResponse r = c.send(oneEvent("u1")).get(10, TimeUnit.SECONDS);
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.describe()).contains("[hidden]").doesNotContain(KEY);
    }
  }

  @Test
  void refusesHttpUnlessAllowed() {
    assertThatThrownBy(() -> new BrazeClient("http://localhost:1", false, KEY, 1, 1000, "a", "t"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining(KEY);
    new BrazeClient("https://rest.iad-01.braze.com", false, KEY, 1, 1000, "a", "t").close();
  }
}
