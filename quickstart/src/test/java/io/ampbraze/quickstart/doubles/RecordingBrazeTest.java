package io.ampbraze.quickstart.doubles;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingBrazeTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private RecordingBraze braze;

  @BeforeEach
  void start() throws Exception {
    braze = RecordingBraze.start("secret-key");
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

  @Test
  void acceptsObjectsAndCountsThemByKind() throws Exception {
    HttpResponse<String> answer =
        track(
            "secret-key",
            "{\"attributes\":[{\"external_id\":\"u1\",\"plan\":\"pro\"}],"
                + "\"events\":[{\"external_id\":\"u1\",\"name\":\"a\"},{\"external_id\":\"u2\",\"name\":\"b\"}]}");
    assertThat(answer.statusCode()).isEqualTo(201);
    assertThat(answer.body())
        .isEqualTo("{\"message\":\"success\",\"attributes_processed\":1,\"events_processed\":2}");

    BrazeSummary summary = braze.summary();
    assertThat(summary.requests()).isEqualTo(1);
    assertThat(summary.accepted("attributes")).isEqualTo(1);
    assertThat(summary.accepted("events")).isEqualTo(2);
    assertThat(summary.accepted("purchases")).isZero();
    assertThat(summary.samples())
        .containsExactly(
            "attributes: {\"external_id\":\"u1\",\"plan\":\"pro\"}",
            "events: {\"external_id\":\"u1\",\"name\":\"a\"}");

    HttpResponse<String> json =
        http.send(
            HttpRequest.newBuilder(braze.summaryUrl()).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(json.body())
        .contains("\"accepted\":{\"attributes\":1,\"events\":2,\"purchases\":0}");
  }

  @Test
  void refusesAWrongKeyAndBadBodiesWithoutCountingThem() throws Exception {
    assertThat(track("other-key", "{\"events\":[{}]}").statusCode()).isEqualTo(401);
    assertThat(track("secret-key", "{not json").statusCode()).isEqualTo(400);
    assertThat(track("secret-key", "[1]").statusCode()).isEqualTo(400);
    assertThat(
            http.send(
                    HttpRequest.newBuilder(URI.create(braze.restUrl() + "/users/track")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(405);
    assertThat(braze.summary().requests()).isZero();
    assertThat(braze.summary().accepted("events")).isZero();
  }

  @Test
  void theLocalBucketCountsAvroFilesByEventType(@TempDir Path dir) throws Exception {
    LocalCurrentsBucket bucket = LocalCurrentsBucket.create(dir.resolve("bucket"));
    assertThat(bucket.filesByEventType()).isEmpty();
    Path hour =
        bucket
            .root()
            .resolve(
                "dataexport.prod-01.S3.integration.abc/event_type=users.behaviors.CustomEvent/date=2026-01-15-12/123/prod-01");
    Files.createDirectories(hour);
    Files.writeString(hour.resolve("a.avro"), "");
    Files.writeString(hour.resolve("b.avro"), "");
    Files.writeString(hour.resolve("notes.txt"), "");
    assertThat(bucket.filesByEventType())
        .containsExactly(java.util.Map.entry("users.behaviors.CustomEvent", 2L));
  }
}
