package io.ampbraze.connect.braze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import javax.management.ObjectName;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ampbraze.connect.braze.delivery.BrazeSinkTaskMetrics;
import io.ampbraze.testkit.braze.AcceptedObject;
import io.ampbraze.testkit.braze.BrazeEmulator;
import io.ampbraze.testkit.braze.DropMode;
import io.ampbraze.testkit.braze.EmulatorSummary;
import io.ampbraze.testkit.braze.Fault;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * More than 10,000 records of every shape over four partitions and hundreds of users, through
 * a Braze emulator that rate-limits (429 with reset headers), fails (5xx), answers slowly
 * (past the request timeout), drops connections before and after processing, and rejects some
 * objects in errors[]; the connector is restarted mid-stream. Every record must reach Braze
 * exactly as mapped or sit in the dead letter queue with its reason, each user's objects in
 * order, and the committed offsets must cover everything.
 */
class BrazeSinkDeliveryIT {
  private static final String CONNECTOR = "braze-delivery";
  private static final String TOPIC = "amplitude-events";
  private static final String DLQ = "amplitude-events-dlq";
  private static final int PARTITIONS = 4;
  private static final String KEY = "delivery-it-rest-key";
  private static final int RECORDS = 10_000;
  private static final int USERS = 300;
  private static final int COHORTS = 6;
  private static final int COHORT_SIZE = 400;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DateTimeFormatter EXPORT_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter BRAZE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final Instant BASE = Instant.parse("2024-05-01T00:00:00Z");

  private static SinkCluster cluster;
  private static BrazeEmulator braze;

  /** What the test expects of one produced record. */
  private static final class Expected {
    final String user;
    final List<ObjectNode> objects = new ArrayList<>();
    String dlqReason;

    Expected(String user) {
      this.user = user;
    }
  }

  private final Map<Integer, Expected> expected = new LinkedHashMap<>();
  private final List<String[]> produced = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    braze =
        BrazeEmulator.builder()
            .apiKey(KEY)
            .rateLimit(40, Duration.ofSeconds(1))
            .latency(Duration.ofMillis(2), Duration.ofMillis(20))
            .seed(2024)
            .start();
    cluster = new SinkCluster("braze-delivery-it");
    cluster.createTopic(TOPIC, PARTITIONS);
    cluster.createTopic(DLQ, 1);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
    if (braze != null) {
      braze.close();
    }
  }

  @Test
  void everyRecordIsDeliveredInOrderOrDeadLetteredThroughFaultsAndARestart() throws Exception {
    braze.faults()
        .next(3, Fault.status(500))
        .randomly(0.04, Fault.status(503))
        .randomly(0.02, Fault.drop(DropMode.AFTER_PROCESSING))
        .randomly(0.02, Fault.drop(DropMode.BEFORE_PROCESSING))
        .randomly(0.02, Fault.slow(Duration.ofMillis(1800)))
        .randomly(0.01, Fault.rateLimited())
        .rejectObjects(o -> o.userKey() != null && o.userKey().startsWith("external_id:blocked-"),
            "provided external_id is blacklisted and disallowed");
    generate();

    Map<String, String> config = SinkCluster.sinkConfig(TOPIC, braze.baseUrl(), KEY);
    config.put("tasks.max", "2");
    config.put("errors.tolerance", "all");
    config.put("errors.deadletterqueue.topic.name", DLQ);
    config.put("errors.deadletterqueue.topic.replication.factor", "1");
    config.put("errors.deadletterqueue.context.headers.enable", "true");
    config.put("braze.request.timeout.ms", "1000");
    config.put("braze.max.in.flight.requests", "6");
    config.put("braze.retry.timeout.ms", "300000");
    cluster.connect.configureConnector(CONNECTOR, config);
    cluster.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 2, "connector did not start");

    int firstPart = produced.size() * 6 / 10;
    cluster.produce(TOPIC, produced.subList(0, firstPart));
    await().atMost(Duration.ofMinutes(2)).until(() -> braze.summary().accepted() > 2500);
    braze.faults().rateLimitStorm(Duration.ofSeconds(2));
    cluster.connect.restartConnectorAndTasks(CONNECTOR, false, true, false);
    cluster.produce(TOPIC, produced.subList(firstPart, produced.size()));

    Map<TopicPartition, Long> end = cluster.endOffsets(TOPIC, PARTITIONS);
    assertThat(end.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(produced.size());
    await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> cluster.committedOffsets(CONNECTOR).equals(end));
    cluster.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 2, "a task failed");

    verifyDeliveries();
    verifyDeadLetters();
    verifyFaultsHappened();
    verifyMetrics();
  }

  // --- the records

  private void generate() {
    Random rnd = new Random(7);
    int nonJson = 0;
    int cohorts = 0;
    for (int i = 0; i < RECORDS; i++) {
      if (i % 1000 == 500 && nonJson < 10) {
        addNotJson(100_000 + nonJson++);
      }
      if (i % 1500 == 700 && cohorts < COHORTS) {
        addCohort(cohorts++);
      }
      double r = rnd.nextDouble();
      String user = "user-" + rnd.nextInt(USERS);
      if (r < 0.70) {
        addExportEvent(i, user);
      } else if (r < 0.78) {
        addV2Event(i, user);
      } else if (r < 0.88) {
        addIdentify(i, user);
      } else if (r < 0.95) {
        addPurchase(i, user);
      } else if (r < 0.98) {
        addReservedProperty(i, user);
      } else {
        addExportEvent(i, "blocked-" + rnd.nextInt(5));
        expected.get(i).objects.clear();
        expected.get(i).dlqReason = "BRAZE_ITEM_ERROR";
      }
    }
  }

  private Instant time(int i) {
    return BASE.plusSeconds(i).plusNanos((i % 1000) * 1_000L);
  }

  private void add(int i, String user, ObjectNode value, ObjectNode... objects) {
    Expected e = new Expected(user);
    e.objects.addAll(List.of(objects));
    expected.put(i, e);
    produced.add(new String[] {user, value.toString()});
  }

  private ObjectNode braze(String user) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("external_id", user);
    return o;
  }

  private void addExportEvent(int i, String user) {
    ObjectNode v = MAPPER.createObjectNode();
    v.put("event_type", "Track Played");
    v.put("user_id", user);
    v.put("device_id", "dev-" + user);
    v.put("event_time", EXPORT_TIME.format(time(i)));
    v.put("$insert_id", "ins-" + i);
    v.putObject("event_properties").put("i", i).put("genre", "g" + i % 5);
    v.putObject("user_properties").put("plan", "pro");
    ObjectNode o = braze(user);
    o.put("name", "Track Played");
    o.put("time", BRAZE_TIME.format(time(i)));
    o.putObject("properties").put("i", i).put("genre", "g" + i % 5);
    add(i, user, v, o);
  }

  private void addV2Event(int i, String user) {
    ObjectNode v = MAPPER.createObjectNode();
    v.put("event_type", "Login");
    v.put("user_id", user);
    v.put("time", time(i).toEpochMilli());
    v.put("insert_id", "ins-" + i);
    v.putObject("event_properties").put("i", i).put("method", "sso");
    ObjectNode o = braze(user);
    o.put("name", "Login");
    o.put("time", BRAZE_TIME.format(time(i)));
    o.putObject("properties").put("i", i).put("method", "sso");
    add(i, user, v, o);
  }

  private void addIdentify(int i, String user) {
    ObjectNode v = MAPPER.createObjectNode();
    v.put("event_type", "$identify");
    v.put("user_id", user);
    ObjectNode ops = v.putObject("user_properties");
    ops.putObject("$set").put("level", i);
    ops.putObject("$add").put("plays", 1);
    ObjectNode o = braze(user);
    o.put("level", i);
    o.putObject("plays").put("inc", 1);
    add(i, user, v, o);
  }

  private void addPurchase(int i, String user) {
    ObjectNode v = MAPPER.createObjectNode();
    v.put("event_type", "Purchase");
    v.put("user_id", user);
    v.put("time", time(i).toEpochMilli());
    v.put("price", 1.5);
    v.put("quantity", 2);
    v.put("productId", "sku-" + i % 3);
    v.putObject("event_properties").put("i", i);
    ObjectNode o = braze(user);
    o.put("product_id", "sku-" + i % 3);
    o.put("currency", "USD");
    o.put("price", 1.5);
    o.put("quantity", 2);
    o.put("time", BRAZE_TIME.format(time(i)));
    o.putObject("properties").put("i", i);
    add(i, user, v, o);
  }

  private void addReservedProperty(int i, String user) {
    ObjectNode v = MAPPER.createObjectNode();
    v.put("event_type", "Track Played");
    v.put("user_id", user);
    v.put("time", time(i).toEpochMilli());
    v.putObject("event_properties").put("i", i).put("time", 12);
    add(i, user, v);
    expected.get(i).dlqReason = "RESERVED_NAME";
  }

  private void addNotJson(int i) {
    Expected e = new Expected("junk");
    e.dlqReason = "DataException";
    expected.put(i, e);
    produced.add(new String[] {"junk-" + i, "not-json-" + i});
  }

  private void addCohort(int c) {
    ObjectNode v = MAPPER.createObjectNode();
    v.put("cohort_id", "c-" + c);
    v.put("cohort_name", "Cohort " + c);
    v.put("in_cohort", true);
    v.put("computed_time", "1692206763");
    v.put("message_id", "m-" + c + "::enter::0");
    Expected e = new Expected("cohort-" + c);
    for (int k = 0; k < COHORT_SIZE; k++) {
      String user = "cohort-user-" + c + "-" + k;
      v.withArray("users").addObject().put("user_id", user);
      ObjectNode o = braze(user);
      o.putObject("amplitude_cohorts").putArray("add").add("c-" + c);
      e.objects.add(o);
    }
    expected.put(200_000 + c, e);
    produced.add(new String[] {"cohort-" + c, v.toString()});
  }

  // --- the checks

  private static Integer index(JsonNode o) {
    JsonNode props = o.get("properties");
    if (props != null && props.has("i")) {
      return props.get("i").asInt();
    }
    if (o.has("level")) {
      return o.get("level").asInt();
    }
    return null;
  }

  private void verifyDeliveries() {
    List<AcceptedObject> accepted = braze.accepted();
    Map<JsonNode, Integer> wanted = new HashMap<>();
    Map<String, List<Integer>> orderPerUser = new HashMap<>();
    for (Map.Entry<Integer, Expected> e : expected.entrySet()) {
      for (ObjectNode o : e.getValue().objects) {
        wanted.put(o, e.getKey());
      }
      if (e.getValue().dlqReason == null && e.getKey() < 100_000) {
        orderPerUser.computeIfAbsent("external_id:" + e.getValue().user, k -> new ArrayList<>()).add(e.getKey());
      }
    }
    // A record the consumer redelivers to the same task (after a rebalance) is mapped again, and
    // the dedup cache rightly drops its `level`: that exact value was acknowledged for the user.
    Map<JsonNode, String> withoutLevel = new HashMap<>();
    for (JsonNode o : wanted.keySet()) {
      if (o.has("level")) {
        withoutLevel.put(((ObjectNode) o.deepCopy()).without("level"), o.get("external_id").asText());
      }
    }
    Set<JsonNode> seen = new HashSet<>();
    Set<String> usersWithLevels = new HashSet<>();
    for (AcceptedObject o : accepted) {
      if (!wanted.containsKey(o.json())) {
        assertThat(withoutLevel)
            .as("an object Braze received was not produced as such: %s", o.json())
            .containsKey(o.json());
        assertThat(usersWithLevels)
            .as("a deduplicated attribute object before any value was acknowledged: %s", o.json())
            .contains(withoutLevel.get(o.json()));
        continue;
      }
      seen.add(o.json());
      if (o.json().has("level")) {
        usersWithLevels.add(o.json().get("external_id").asText());
      }
    }
    assertThat(seen).as("objects never received").containsExactlyInAnyOrderElementsOf(wanted.keySet());

    // Order: no object of a user arrives before the first arrival of every earlier one.
    for (Map.Entry<String, List<Integer>> user : orderPerUser.entrySet()) {
      List<Integer> wantedOrder = user.getValue();
      int next = 0;
      for (AcceptedObject o : braze.acceptedFor(user.getKey())) {
        Integer i = index(o.json());
        if (i == null) {
          continue; // a redelivered, deduplicated attribute object (checked above)
        }
        if (next < wantedOrder.size() && wantedOrder.get(next).equals(i)) {
          next++;
        } else {
          assertThat(wantedOrder.subList(0, next))
              .as("user %s: object %d arrived before an earlier one", user.getKey(), i)
              .contains(i);
        }
      }
      assertThat(next).as("user %s received all objects", user.getKey()).isEqualTo(wantedOrder.size());
    }
  }

  private void verifyDeadLetters() throws Exception {
    Map<Integer, String> wanted = new HashMap<>();
    expected.forEach((i, e) -> {
      if (e.dlqReason != null) {
        wanted.put(i, e.dlqReason);
      }
    });
    Map<Integer, String> found = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : cluster.readAll(DLQ, 1)) {
      String value = new String(r.value(), StandardCharsets.UTF_8);
      String message = SinkCluster.header(r, "__connect.errors.exception.message");
      String type = SinkCluster.header(r, "__connect.errors.exception.class.name");
      assertThat(SinkCluster.header(r, "__connect.errors.topic")).isEqualTo(TOPIC);
      int i;
      String reason;
      if (value.startsWith("not-json-")) {
        i = Integer.parseInt(value.substring("not-json-".length()));
        reason = type.endsWith("DataException") ? "DataException" : type;
      } else {
        i = MAPPER.readTree(value).get("event_properties").get("i").asInt();
        reason = message.substring(1, message.indexOf(']'));
        assertThat(type).isEqualTo("io.ampbraze.connect.braze.input.BadRecordException");
        if (reason.equals("RESERVED_NAME")) {
          assertThat(message).contains("field 'event_properties.time'");
        } else {
          assertThat(message).contains("blacklisted");
        }
      }
      found.put(i, reason);
    }
    assertThat(found).isEqualTo(wanted);
  }

  private void verifyFaultsHappened() {
    EmulatorSummary s = braze.summary();
    assertThat(s.status(429)).as("429 answers").isGreaterThan(0);
    assertThat(s.status(500) + s.status(503)).as("5xx answers").isGreaterThan(0);
    assertThat(s.droppedConnections()).as("dropped connections").isGreaterThan(0);
    assertThat(s.itemErrors()).as("item errors").isGreaterThan(0);
  }

  private void verifyMetrics() throws Exception {
    ObjectName task0 = BrazeSinkTaskMetrics.objectName(CONNECTOR, 0);
    ObjectName task1 = BrazeSinkTaskMetrics.objectName(CONNECTOR, 1);
    var server = ManagementFactory.getPlatformMBeanServer();
    long recordsIn = (Long) server.getAttribute(task0, "RecordsIn") + (Long) server.getAttribute(task1, "RecordsIn");
    long retries = (Long) server.getAttribute(task0, "Retries") + (Long) server.getAttribute(task1, "Retries");
    assertThat(recordsIn).isGreaterThan(0);
    assertThat(retries).isGreaterThan(0);
  }
}
