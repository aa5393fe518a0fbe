package io.ampbraze.quickstart.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AmplitudeSamplesTest {
  private static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");
  private final ObjectMapper json = new ObjectMapper();

  private List<JsonNode> parse(List<SampleRecord> records) throws Exception {
    List<JsonNode> nodes = new ArrayList<>();
    for (SampleRecord record : records) {
      nodes.add(json.readTree(record.value()));
    }
    return nodes;
  }

  @Test
  void isDeterministicForASeedAndTime() {
    assertThat(new AmplitudeSamples(7, NOW, 10, 2).events(50))
        .isEqualTo(new AmplitudeSamples(7, NOW, 10, 2).events(50));
  }

  @Test
  void eventsCarryATypeAnIdentityAndATimeInEitherShape() throws Exception {
    List<SampleRecord> records = new AmplitudeSamples(1, NOW, 10, 2).events(100);
    List<JsonNode> events = parse(records);
    for (int i = 0; i < events.size(); i++) {
      JsonNode event = events.get(i);
      assertThat(event.path("event_type").asText()).isNotEmpty();
      assertThat(event.has("user_id") || event.has("device_id")).isTrue();
      assertThat(records.get(i).key())
          .isEqualTo(
              event.has("user_id")
                  ? event.get("user_id").asText()
                  : event.get("device_id").asText());
      if (i % 2 == 0) {
        assertThat(event.path("event_time").asText())
            .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
        assertThat(event.has("$insert_id")).isTrue();
      } else {
        assertThat(event.path("time").isLong()).isTrue();
        assertThat(event.has("insert_id")).isTrue();
      }
    }
    assertThat(events).filteredOn(e -> !e.has("user_id")).hasSize(10);
    assertThat(events)
        .filteredOn(e -> e.path("event_type").asText().equals("Completed Purchase"))
        .hasSize(10)
        .allSatisfy(
            e -> {
              assertThat(e.path("productId").asText()).startsWith("sku-");
              assertThat(e.path("revenue").asDouble())
                  .isCloseTo(
                      e.path("price").asDouble() * e.path("quantity").asInt(),
                      org.assertj.core.data.Offset.offset(0.01));
              assertThat(e.path("currency").asText()).isEqualTo("USD");
            });
  }

  @Test
  void identifiesMixOperationsAndPlainKeys() throws Exception {
    List<JsonNode> identifies = parse(new AmplitudeSamples(1, NOW, 10, 0).identifies(4));
    assertThat(identifies.get(0).path("event_type").asText()).isEqualTo("$identify");
    assertThat(identifies.get(0).path("user_properties").path("$set").path("email").asText())
        .isEqualTo("user-0001@example.com");
    assertThat(identifies.get(0).path("user_properties").path("$add").path("logins").asInt())
        .isEqualTo(1);
    assertThat(identifies.get(1).has("event_type")).isFalse();
    assertThat(identifies.get(1).path("user_properties").has("country")).isTrue();
    assertThat(identifies)
        .allSatisfy(i -> assertThat(i.path("user_id").asText()).startsWith("user-"));
  }

  @Test
  void cohortChangesComeInBothShapes() throws Exception {
    List<JsonNode> changes = parse(new AmplitudeSamples(1, NOW, 10, 0).cohortChanges());
    assertThat(changes).hasSize(4);
    assertThat(changes.get(0).path("in_cohort").asBoolean()).isTrue();
    assertThat(changes.get(0).path("users")).hasSize(8);
    assertThat(changes.get(0).path("message_id").asText()).endsWith("::enter::0");
    assertThat(changes.get(1).path("in_cohort").asBoolean()).isFalse();
    assertThat(changes.get(2).path("action").asText()).isEqualTo("add");
    assertThat(changes.get(2).path("user_ids")).hasSize(5);
    assertThat(changes.get(3).path("action").asText()).isEqualTo("remove");
  }
}
