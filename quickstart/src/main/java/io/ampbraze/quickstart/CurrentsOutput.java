package io.ampbraze.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ampbraze.quickstart.kafka.KafkaTopics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What the source connector has written to its topic: records per event type, and samples. */
record CurrentsOutput(String topic, Map<String, Long> recordsByEventType, List<String> samples) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SAMPLES = 2;

  static CurrentsOutput read(KafkaTopics topics, String topic) throws Exception {
    Map<String, Long> counts = new TreeMap<>();
    List<String> samples = new ArrayList<>();
    for (ConsumerRecord<String, String> record : topics.readAll(topic)) {
      counts.merge(eventType(record.value()), 1L, Long::sum);
      if (samples.size() < SAMPLES) {
        samples.add(topic + ": " + record.value());
      }
    }
    return new CurrentsOutput(topic, counts, samples);
  }

  /** The Amplitude {@code event_type} of a record's JSON value. */
  static String eventType(String value) {
    try {
      JsonNode node = value == null ? null : JSON.readTree(value);
      return node != null && node.hasNonNull("event_type")
          ? node.get("event_type").asText()
          : "(no event_type)";
    } catch (IOException notJson) {
      return "(not JSON)";
    }
  }
}
