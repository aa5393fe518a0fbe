package io.ampbraze.connect.braze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ampbraze.testkit.braze.AcceptedObject;
import io.ampbraze.testkit.braze.BrazeEmulator;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Converters other than schemaless JSON, errors.tolerance=none, and the API key staying out of
 * logs, task traces, exception messages and validate() output. One embedded cluster serves all.
 */
class BrazeSinkBehaviourIT {
  private static final String KEY = "behaviour-it-key";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration WAIT = Duration.ofMinutes(2);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static LogCapture logs;
  private static SinkCluster cluster;
  private static BrazeEmulator braze;

  @BeforeAll
  static void start() throws Exception {
    logs = new LogCapture();
    braze = BrazeEmulator.builder().apiKey(KEY).start();
    cluster = new SinkCluster("braze-behaviour-it");
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
    if (braze != null) {
      braze.close();
    }
    if (logs != null) {
      logs.close();
    }
  }

  private static String event(String user, int i) {
    return "{\"event_type\":\"Converted\",\"user_id\":\"" + user + "\",\"time\":1714566600000,"
        + "\"event_properties\":{\"i\":" + i + ",\"tag\":\"t\"}}";
  }

  private static ObjectNode expectedEvent(String user, int i) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("external_id", user);
    o.put("name", "Converted");
    o.put("time", "2024-05-01T12:30:00.000Z");
    o.putObject("properties").put("i", i).put("tag", "t");
    return o;
  }

  private void runConverter(String topic, String converter, Map<String, String> extra, List<String> values, String user)
      throws Exception {
    cluster.createTopic(topic, 2);
    List<String[]> records = new ArrayList<>();
    for (String v : values) {
      records.add(new String[] {user, v});
    }
    cluster.produce(topic, records);
    Map<String, String> config = SinkCluster.sinkConfig(topic, braze.baseUrl(), KEY);
    config.put("value.converter", converter);
    config.remove("value.converter.schemas.enable");
    config.putAll(extra);
    cluster.connect.configureConnector("sink-" + topic, config);
    Map<TopicPartition, Long> end = cluster.endOffsets(topic, 2);
    await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> cluster.committedOffsets("sink-" + topic).equals(end));
    List<JsonNode> received =
        braze.acceptedFor("external_id:" + user).stream().map(AcceptedObject::json).collect(Collectors.toList());
    List<JsonNode> wanted = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      wanted.add(expectedEvent(user, i));
    }
    assertThat(received).containsExactlyElementsOf(wanted);
    cluster.connect.deleteConnector("sink-" + topic);
  }

  @Test
  void readsStructsFromJsonWithSchemas() throws Exception {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      values.add(
          "{\"schema\":{\"type\":\"struct\",\"fields\":["
              + "{\"field\":\"event_type\",\"type\":\"string\"},"
              + "{\"field\":\"user_id\",\"type\":\"string\"},"
              + "{\"field\":\"device_id\",\"type\":\"string\",\"optional\":true},"
              + "{\"field\":\"time\",\"type\":\"int64\"},"
              + "{\"field\":\"event_properties\",\"type\":\"struct\",\"fields\":["
              + "{\"field\":\"i\",\"type\":\"int32\"},{\"field\":\"tag\",\"type\":\"string\"},"
              + "{\"field\":\"note\",\"type\":\"string\",\"optional\":true}]}]},"
              + "\"payload\":{\"event_type\":\"Converted\",\"user_id\":\"struct-user\",\"device_id\":null,"
              + "\"time\":1714566600000,\"event_properties\":{\"i\":" + i + ",\"tag\":\"t\",\"note\":null}}}");
    }
    runConverter(
        "with-schemas",
        "org.apache.kafka.connect.json.JsonConverter",
        Map.of("value.converter.schemas.enable", "true"),
        values,
        "struct-user");
  }

  @Test
  void readsJsonHeldInStrings() throws Exception {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      values.add(event("string-user", i));
    }
    runConverter("strings", "org.apache.kafka.connect.storage.StringConverter", Map.of(), values, "string-user");
  }

  @Test
  void readsJsonHeldInBytes() throws Exception {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      values.add(event("bytes-user", i));
    }
    runConverter("bytes", "org.apache.kafka.connect.converters.ByteArrayConverter", Map.of(), values, "bytes-user");
  }

  @Test
  void toleranceNoneFailsTheTaskNamingTopicPartitionOffsetAndField() throws Exception {
    cluster.createTopic("strict", 1);
    List<String[]> records = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      records.add(new String[] {"strict-user", event("strict-user", i)});
    }
    records.add(new String[] {"strict-user",
        "{\"event_type\":\"E\",\"user_id\":\"strict-user\",\"time\":1,\"event_properties\":{\"event_name\":\"x\"}}"});
    cluster.produce("strict", records);
    cluster.connect.configureConnector("sink-strict", SinkCluster.sinkConfig("strict", braze.baseUrl(), KEY));
    String trace = awaitFailedTaskTrace("sink-strict");
    assertThat(trace)
        .contains("topic 'strict', partition 0, offset 3")
        .contains("field 'event_properties.event_name'")
        .contains("RESERVED_NAME");
    cluster.connect.deleteConnector("sink-strict");
  }

  @Test
  void theApiKeyNeverShows() throws Exception {
    String secret = "it-secret-" + UUID.randomUUID();
    cluster.createTopic("secret", 1);
    cluster.produce("secret", List.<String[]>of(new String[] {"u", event("secret-user", 0)}));

    // validate() through REST, with a broken and with a valid config.
    Map<String, String> bad = SinkCluster.sinkConfig("secret", "http://localhost:1", secret);
    bad.remove("braze.allow.http");
    bad.put("braze.batch.max.objects", "500");
    String badAnswer = validate(bad);
    assertThat(badAnswer).contains("braze.allow.http").contains("braze.batch.max.objects");
    String goodAnswer = validate(SinkCluster.sinkConfig("secret", braze.baseUrl(), secret));
    assertThat(goodAnswer).contains("\"error_count\":0");

    // A key Braze refuses: the emulator echoes it in its 401, the task fails.
    // Created with a plain REST call: the test kit's own helper logs Connect's answer, which
    // (as Connect always does) echoes the submitted config, password included.
    HttpResponse<String> created =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(cluster.connect.endpointForResource("connectors/sink-secret/config")))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(
                    MAPPER.writeValueAsString(SinkCluster.sinkConfig("secret", braze.baseUrl(), secret))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).isEqualTo(201);
    String trace = awaitFailedTaskTrace("sink-secret");
    assertThat(trace).contains("401").contains("braze.api.key");
    assertThat(braze.summary().status(401)).isPositive();
    HttpResponse<String> status =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(cluster.connect.endpointForResource("connectors/sink-secret/status"))).build(),
            HttpResponse.BodyHandlers.ofString());
    String statusJson = status.body();
    assertThat(statusJson).contains("FAILED");

    for (String text : List.of(badAnswer, goodAnswer, trace, statusJson, logs.text())) {
      assertThat(text).doesNotContain(secret);
    }
    // The capture works: it holds the sink's own lines.
    assertThat(logs.text()).contains("Braze sink task 0 of connector sink-secret started");
    cluster.connect.deleteConnector("sink-secret");
  }

  private String validate(Map<String, String> config) throws Exception {
    config.put("name", "sink-validate");
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(cluster.connect.endpointForResource("connector-plugins/BrazeSinkConnector/config/validate")))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(new HashMap<>(config))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  private String awaitFailedTaskTrace(String connector) {
    String[] trace = new String[1];
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              try {
                ConnectorStateInfo info = cluster.connect.connectorStatus(connector);
                for (ConnectorStateInfo.TaskState t : info.tasks()) {
                  if ("FAILED".equals(t.state())) {
                    trace[0] = t.trace();
                    return true;
                  }
                }
              } catch (RuntimeException e) {
                return false;
              }
              return false;
            });
    return trace[0];
  }
}
