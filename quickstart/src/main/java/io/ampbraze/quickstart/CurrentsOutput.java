package io.ampbraze.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ampbraze.quickstart.kafka.KafkaTopics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** What the source connector has written to its topic(s), counted by Currents event type. */
record CurrentsOutput(List<String> topics, List<Emitted> records) {
  /** The header the source puts the Currents event type in (the value holds the Amplitude one). */
  static final String EVENT_TYPE_HEADER = "currents.event_type";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One record the source emitted. */
  record Emitted(String topic, String currentsEventType, String value) {
    /** The Amplitude {@code insert_id}: the Currents record's {@code id}. */
    String insertId() {
      try {
        JsonNode node = value == null ? null : JSON.readTree(value);
        return node == null ? null : node.path("insert_id").asText(null);
      } catch (IOException notJson) {
        return null;
      }
    }
  }

  static CurrentsOutput read(KafkaTopics kafka, List<String> topics) throws Exception {
    List<Emitted> records = new ArrayList<>();
    for (String topic : topics) {
      for (ConsumerRecord<String, String> record : kafka.readAll(topic)) {
        records.add(new Emitted(topic, eventType(record), record.value()));
      }
    }
    return new CurrentsOutput(topics, records);
  }

  private static String eventType(ConsumerRecord<String, String> record) {
    Header header = record.headers().lastHeader(EVENT_TYPE_HEADER);
    return header == null || header.value() == null
        ? "(no " + EVENT_TYPE_HEADER + " header)"
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** Records per Currents event type, from the records' headers. */
  Map<String, Long> recordsByEventType() {
    Map<String, Long> counts = new TreeMap<>();
    records.forEach(record -> counts.merge(record.currentsEventType(), 1L, Long::sum));
    return counts;
  }

  /** The record that a Currents record with this {@code id} became, if it was emitted. */
  Optional<Emitted> byInsertId(String id) {
    return records.stream().filter(record -> id.equals(record.insertId())).findFirst();
  }
}
