package io.ampbraze.quickstart.doubles;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmulatedBrazeTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private EmulatedBraze braze;

  @BeforeEach
  void start() throws Exception {
    braze = EmulatedBraze.start("run-key");
  }

  @AfterEach
  void stop() {
    braze.close();
  }

  private HttpResponse<String> track(String key, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(braze.restUrl() + "/users/track"))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String get(URI url) throws Exception {
    HttpResponse<String> answer =
        http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
    return answer.body();
  }

  @Test
  void listensOnTheLoopbackAddressTheSinkIsGiven() {
    assertThat(braze.restUrl().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
    assertThat(braze.summaryUrl()).isEqualTo(URI.create(braze.restUrl() + "/_emulator/summary"));
  }

  @Test
  void acceptsTheRunsKeyAndCountsObjectsByKind() throws Exception {
    HttpResponse<String> answer =
        track(
            "run-key",
            "{\"attributes\":[{\"external_id\":\"u1\",\"plan\":\"pro\"}],"
                + "\"events\":[{\"external_id\":\"u1\",\"name\":\"a\",\"time\":\"2026-01-15T10:00:00Z\"},"
                + "{\"external_id\":\"u2\",\"name\":\"b\",\"time\":\"2026-01-15T10:00:01Z\"}]}");
    assertThat(answer.statusCode()).isEqualTo(201);
    assertThat(answer.headers().firstValue("x-ratelimit-limit")).hasValue("3000");

    BrazeSummary summary = braze.summary();
    assertThat(summary.requests()).isEqualTo(1);
    assertThat(summary.statuses()).containsExactly(Map.entry(201, 1L));
    assertThat(summary.acceptedByKind())
        .containsExactly(
            Map.entry("attributes", 1L), Map.entry("events", 2L), Map.entry("purchases", 0L));
    assertThat(summary.acceptedTotal()).isEqualTo(3);
    assertThat(summary.users()).isEqualTo(2);
    assertThat(braze.accepted())
        .extracting(BrazeObject::kind)
        .containsExactly("attributes", "events", "events");
    assertThat(braze.accepted().get(2).isForUser("u2")).isTrue();
    assertThat(braze.accepted().get(2).isForUser("u1")).isFalse();

    assertThat(get(braze.summaryUrl()))
        .contains("\"accepted\":{\"attributes\":1,\"events\":2,\"purchases\":0,\"total\":3}");
    assertThat(get(braze.objectsUrl("events", "external_id:u1", 10)))
        .contains("\"total\":1")
        .contains("\"name\":\"a\"")
        .doesNotContain("\"name\":\"b\"");
  }

  @Test
  void objectsUrlsKeepUserKeysReadable() {
    assertThat(braze.objectsUrl(null, "external_id:user-0001", 20).toString())
        .isEqualTo(braze.restUrl() + "/_emulator/objects?user=external_id:user-0001&limit=20");
    assertThat(braze.objectsUrl("purchases", null, 3).toString())
        .isEqualTo(braze.restUrl() + "/_emulator/objects?kind=purchases&limit=3");
  }

  @Test
  void refusesAnotherKeyAndAcceptsNothing() throws Exception {
    assertThat(
            track("other-key", "{\"attributes\":[{\"external_id\":\"u1\",\"a\":1}]}").statusCode())
        .isEqualTo(401);
    BrazeSummary summary = braze.summary();
    assertThat(summary.statuses()).containsExactly(Map.entry(401, 1L));
    assertThat(summary.acceptedTotal()).isZero();
    assertThat(braze.accepted()).isEmpty();
  }

  @Test
  void answersObjectsBrazeWouldRejectAsItemErrors() throws Exception {
    HttpResponse<String> answer =
        track(
            "run-key",
            "{\"events\":[{\"external_id\":\"u1\",\"time\":\"2026-01-15T10:00:00Z\"},"
                + "{\"external_id\":\"u1\",\"name\":\"ok\",\"time\":\"2026-01-15T10:00:00Z\"}]}");
    assertThat(answer.statusCode()).isEqualTo(201);
    assertThat(answer.body()).contains("\"input_array\":\"events\"", "\"index\":0");
    assertThat(braze.summary().itemErrors()).isEqualTo(1);
    assertThat(braze.summary().accepted("events")).isEqualTo(1);
  }

  @Test
  void enforcesBrazesBatchLimit() throws Exception {
    StringBuilder body = new StringBuilder("{\"attributes\":[");
    for (int i = 0; i < 76; i++) {
      body.append(i == 0 ? "" : ",").append("{\"external_id\":\"u").append(i).append("\",\"a\":1}");
    }
    assertThat(track("run-key", body.append("]}").toString()).statusCode()).isEqualTo(400);
    assertThat(braze.limits())
        .isEqualTo("75 objects per request combined, 3000 requests per 3 s, 5-25 ms latency");
  }
}
