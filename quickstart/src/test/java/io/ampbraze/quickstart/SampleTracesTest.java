package io.ampbraze.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ampbraze.quickstart.doubles.BrazeObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleTracesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  private static BrazeObject object(String kind, String json) throws Exception {
    return new BrazeObject(kind, json(json));
  }

  @Test
  void readsAmplitudeTimesOfBothShapes() throws Exception {
    assertThat(SampleTraces.amplitudeTime(json("{\"time\":1768471200123}")))
        .isEqualTo(Instant.parse("2026-01-15T10:00:00.123Z"));
    assertThat(SampleTraces.amplitudeTime(json("{\"event_time\":\"2026-01-15 10:00:00.123456\"}")))
        .isEqualTo(Instant.parse("2026-01-15T10:00:00.123Z"));
    assertThat(SampleTraces.amplitudeTime(json("{\"event_time\":\"yesterday\"}"))).isNull();
    assertThat(SampleTraces.amplitudeTime(json("{}"))).isNull();
  }

  @Test
  void anEventBecomesTheEventOrPurchaseOfItsUserAtItsTime() throws Exception {
    JsonNode event =
        json(
            "{\"event_type\":\"Searched\",\"user_id\":\"u1\",\"event_time\":\"2026-01-15"
                + " 10:00:00.123456\"}");
    BrazeObject match =
        object(
            "events",
            "{\"external_id\":\"u1\",\"name\":\"Searched\",\"time\":\"2026-01-15T10:00:00.123Z\"}");
    List<BrazeObject> accepted =
        List.of(
            object(
                "events",
                "{\"external_id\":\"u2\",\"name\":\"Searched\",\"time\":\"2026-01-15T10:00:00.123Z\"}"),
            object(
                "events",
                "{\"external_id\":\"u1\",\"name\":\"Searched\",\"time\":\"2026-01-15T10:00:01.123Z\"}"),
            object("attributes", "{\"external_id\":\"u1\",\"time\":\"2026-01-15T10:00:00.123Z\"}"),
            match);
    assertThat(SampleTraces.fromEvent(event, accepted)).containsExactly(match);

    JsonNode purchase =
        json("{\"event_type\":\"Buy\",\"user_id\":\"u1\",\"time\":1768471200123,\"price\":2}");
    BrazeObject bought =
        object(
            "purchases",
            "{\"external_id\":\"u1\",\"product_id\":\"p\",\"time\":\"2026-01-15T10:00:00.123Z\"}");
    assertThat(SampleTraces.fromEvent(purchase, List.of(bought))).containsExactly(bought);
  }

  @Test
  void anAnonymousEventBecomesAnEventOfItsDeviceAlias() throws Exception {
    JsonNode event =
        json("{\"event_type\":\"Searched\",\"device_id\":\"d1\",\"time\":1768471200123}");
    BrazeObject alias =
        object(
            "events",
            "{\"user_alias\":{\"alias_name\":\"d1\",\"alias_label\":\"amplitude_device_id\"},"
                + "\"name\":\"Searched\",\"time\":\"2026-01-15T10:00:00.123Z\"}");
    BrazeObject otherDevice =
        object(
            "events",
            "{\"user_alias\":{\"alias_name\":\"d2\",\"alias_label\":\"amplitude_device_id\"},"
                + "\"name\":\"Searched\",\"time\":\"2026-01-15T10:00:00.123Z\"}");
    assertThat(SampleTraces.fromEvent(event, List.of(otherDevice, alias))).containsExactly(alias);
  }

  @Test
  void anIdentifyBecomesAttributesOfItsUserNamingItsProperties() throws Exception {
    JsonNode identify =
        json(
            "{\"user_id\":\"u1\",\"event_type\":\"$identify\",\"user_properties\":"
                + "{\"$set\":{\"plan\":\"pro\"},\"$add\":{\"logins\":1},\"$unset\":[\"old\"]}}");
    BrazeObject set = object("attributes", "{\"external_id\":\"u1\",\"plan\":\"pro\"}");
    BrazeObject unset = object("attributes", "{\"external_id\":\"u1\",\"old\":null}");
    List<BrazeObject> accepted =
        List.of(
            set,
            object(
                "attributes", "{\"external_id\":\"u1\",\"amplitude_cohorts\":{\"add\":[\"c\"]}}"),
            object("attributes", "{\"external_id\":\"u2\",\"plan\":\"pro\"}"),
            object("events", "{\"external_id\":\"u1\",\"plan\":\"pro\"}"),
            unset);
    assertThat(SampleTraces.fromIdentify(identify, accepted)).containsExactly(set, unset);

    JsonNode plain = json("{\"user_id\":\"u2\",\"user_properties\":{\"plan\":\"free\"}}");
    assertThat(SampleTraces.fromIdentify(plain, accepted)).containsExactly(accepted.get(2));
  }

  @Test
  void aCohortChangeBecomesOneAttributesObjectPerUserInItsDirection() throws Exception {
    JsonNode enter =
        json(
            "{\"cohort_id\":\"c1\",\"in_cohort\":true,"
                + "\"users\":[{\"user_id\":\"u1\"},{\"user_id\":\"u2\"}]}");
    BrazeObject u1In = object("attributes", "{\"external_id\":\"u1\",\"coh\":{\"add\":[\"c1\"]}}");
    BrazeObject u2In = object("attributes", "{\"external_id\":\"u2\",\"coh\":{\"add\":[\"c1\"]}}");
    BrazeObject u1Out =
        object("attributes", "{\"external_id\":\"u1\",\"coh\":{\"remove\":[\"c1\"]}}");
    BrazeObject otherCohort =
        object("attributes", "{\"external_id\":\"u1\",\"coh\":{\"add\":[\"c2\"]}}");
    BrazeObject u3In = object("attributes", "{\"external_id\":\"u3\",\"coh\":{\"add\":[\"c1\"]}}");
    List<BrazeObject> accepted = List.of(u1In, u1Out, otherCohort, u3In, u2In);
    assertThat(SampleTraces.fromCohortChange(enter, "coh", accepted)).containsExactly(u1In, u2In);

    JsonNode remove = json("{\"cohort_id\":\"c1\",\"action\":\"remove\",\"user_ids\":[\"u1\"]}");
    assertThat(SampleTraces.fromCohortChange(remove, "coh", accepted)).containsExactly(u1Out);

    BrazeObject booleanIn = object("attributes", "{\"external_id\":\"u1\",\"coh_c1\":true}");
    BrazeObject booleanOut = object("attributes", "{\"external_id\":\"u1\",\"coh_c1\":false}");
    assertThat(SampleTraces.fromCohortChange(remove, "coh", List.of(booleanIn, booleanOut)))
        .containsExactly(booleanOut);
  }
}
