package io.ampbraze.connect.braze.braze;

import static org.assertj.core.api.Assertions.assertThat;

import io.ampbraze.connect.braze.braze.TrackResponse.Outcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TrackResponseTest {
  @ParameterizedTest
  @CsvSource({
    "200,SUCCESS", "201,SUCCESS", "202,SUCCESS", "429,RATE_LIMITED", "408,RETRY", "500,RETRY", "502,RETRY",
    "503,RETRY", "504,RETRY", "400,BAD_REQUEST", "413,BAD_REQUEST", "401,FATAL", "403,FATAL", "404,FATAL",
    "405,FATAL", "301,FATAL", "302,FATAL", "307,FATAL", "409,REJECTED", "422,REJECTED"
  })
  void classifiesStatuses(int status, Outcome outcome) {
    assertThat(TrackResponse.parse(status, "", RateLimitHeaders.NONE, "k").outcome()).isEqualTo(outcome);
  }

  @Test
  void parsesSuccessWithItemErrors() {
    TrackResponse r =
        TrackResponse.parse(
            201,
            "{\"message\":\"success\",\"attributes_processed\":1,\"errors\":["
                + "{\"type\":\"'external_id' or 'braze_id' or 'user_alias' is required\",\"input_array\":\"attributes\",\"index\":1},"
                + "{\"type\":\"bad\",\"input_array\":\"events\",\"index\":0},{\"type\":\"orphan\"},\"plain text\"]}",
            RateLimitHeaders.parse("3000", "2990", "1700000003"),
            "k");
    assertThat(r.message()).isEqualTo("success");
    assertThat(r.errors())
        .containsExactly(
            new ItemError("'external_id' or 'braze_id' or 'user_alias' is required", ObjectKind.ATTRIBUTES, 1),
            new ItemError("bad", ObjectKind.EVENTS, 0),
            new ItemError("orphan", null, -1),
            new ItemError("plain text", null, -1));
    assertThat(r.errors().get(0).isMapped()).isTrue();
    assertThat(r.errors().get(2).isMapped()).isFalse();
    assertThat(r.rateLimit()).isEqualTo(new RateLimitHeaders(3000L, 2990L, 1700000003L));
  }

  @Test
  void blanksTheKeyOutOfBrazeText() {
    TrackResponse r = TrackResponse.parse(401, "{\"message\":\"Invalid API key: my-secret-key\"}", RateLimitHeaders.NONE, "my-secret-key");
    assertThat(r.message()).isEqualTo("Invalid API key: [hidden]");
    assertThat(r.describe()).doesNotContain("my-secret-key").contains("401");
    TrackResponse html = TrackResponse.parse(502, "<html>bad gateway my-secret-key</html>", RateLimitHeaders.NONE, "my-secret-key");
    assertThat(html.message()).doesNotContain("my-secret-key");
  }

  @Test
  void toleratesJunk() {
    TrackResponse r = TrackResponse.parse(503, "x".repeat(1000), RateLimitHeaders.parse(null, "abc", ""), "k");
    assertThat(r.message()).hasSizeLessThan(310);
    assertThat(r.errors()).isEmpty();
    assertThat(r.rateLimit()).isEqualTo(RateLimitHeaders.NONE);
    assertThat(TrackResponse.parse(201, "", RateLimitHeaders.NONE, "k").message()).isNull();
  }
}
