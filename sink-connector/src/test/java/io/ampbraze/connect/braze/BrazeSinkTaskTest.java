package io.ampbraze.connect.braze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.ampbraze.connect.braze.delivery.BrazeSinkTaskMetrics;
import io.ampbraze.connect.braze.input.BadRecordException;
import io.ampbraze.testkit.braze.AcceptedObject;
import io.ampbraze.testkit.braze.BatchRegime;
import io.ampbraze.testkit.braze.BrazeEmulator;
import io.ampbraze.testkit.braze.Fault;
import io.ampbraze.testkit.braze.ObjectKind;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BrazeSinkTaskTest {
  private static final String KEY = "task-test-secret-key";
  private static final TopicPartition TP = new TopicPartition("amplitude", 0);
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** A SinkTaskContext that records what the task asks of it. */
  static final class Context implements SinkTaskContext {
    final Set<TopicPartition> assignment = new HashSet<>(Set.of(TP));
    final Set<TopicPartition> paused = new HashSet<>();
    final List<Long> timeouts = new CopyOnWriteArrayList<>();
    final List<Throwable> reported = new CopyOnWriteArrayList<>();
    final List<SinkRecord> reportedRecords = new CopyOnWriteArrayList<>();
    boolean withReporter;
    int pauses;
    int resumes;

    @Override
    public Map<String, String> configs() {
      return Map.of();
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {}

    @Override
    public void offset(TopicPartition tp, long offset) {}

    @Override
    public void timeout(long timeoutMs) {
      timeouts.add(timeoutMs);
    }

    @Override
    public Set<TopicPartition> assignment() {
      return assignment;
    }

    @Override
    public void pause(TopicPartition... partitions) {
      pauses++;
      paused.addAll(List.of(partitions));
    }

    @Override
    public void resume(TopicPartition... partitions) {
      resumes++;
      paused.removeAll(List.of(partitions));
    }

    @Override
    public void requestCommit() {}

    @Override
    public ErrantRecordReporter errantRecordReporter() {
      if (!withReporter) {
        return null;
      }
      return new ErrantRecordReporter() {
        @Override
        public Future<Void> report(SinkRecord record, Throwable error) {
          reportedRecords.add(record);
          reported.add(error);
          return CompletableFuture.completedFuture(null);
        }
      };
    }
  }

  private BrazeEmulator braze;
  private final Context context = new Context();
  private BrazeSinkTask task;
  private long offset;

  @BeforeEach
  void startBraze() throws Exception {
    braze = BrazeEmulator.builder().apiKey(KEY).start();
  }

  @AfterEach
  void stop() {
    if (task != null) {
      task.stop();
    }
    braze.close();
  }

  private Map<String, String> props() {
    Map<String, String> p = new HashMap<>();
    p.put("name", "task-test");
    p.put("braze.rest.url", braze.baseUrl());
    p.put("braze.allow.http", "true");
    p.put("braze.api.key", KEY);
    p.put("braze.linger.ms", "20");
    p.put("braze.retry.backoff.ms", "20");
    p.put("braze.retry.backoff.max.ms", "200");
    return p;
  }

  private BrazeSinkTask start(Map<String, String> props) {
    task = new BrazeSinkTask();
    task.initialize(context);
    task.start(props);
    return task;
  }

  private SinkRecord record(Object value) {
    return new SinkRecord(TP.topic(), TP.partition(), null, null, null, value, offset++, 1714566600000L,
        org.apache.kafka.common.record.TimestampType.CREATE_TIME);
  }

  private static String event(String user, int n) {
    return "{\"event_type\":\"E\",\"user_id\":\"" + user + "\",\"time\":1714566600000,\"event_properties\":{\"n\":" + n + "}}";
  }

  /** Calls put() with no records until the offsets reach {@code next}, as Connect's loop does. */
  private void awaitCommittable(long next) {
    await()
        .atMost(WAIT)
        .until(
            () -> {
              task.put(List.of());
              OffsetAndMetadata o = task.preCommit(Map.of(TP, new OffsetAndMetadata(offset))).get(TP);
              return o != null && o.offset() == next;
            });
  }

  @Test
  void deliversRecordsAndCommitsTheirOffsets() {
    start(props());
    List<SinkRecord> records = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      records.add(record(event("u" + (i % 7), i)));
    }
    task.put(records);
    awaitCommittable(200);
    assertThat(braze.accepted(ObjectKind.EVENTS)).hasSize(200);
    List<AcceptedObject> u3 = braze.acceptedFor("external_id:u3");
    assertThat(u3).extracting(o -> o.json().get("properties").get("n").asInt())
        .isSortedAccordingTo(Integer::compare);
    assertThat(context.timeouts).isNotEmpty();
  }

  @Test
  void preCommitNeverReturnsUnacknowledgedOffsets() throws Exception {
    start(props());
    braze.faults().rateLimitStorm(Duration.ofSeconds(2));
    task.put(List.of(record(event("u", 1))));
    Map<TopicPartition, OffsetAndMetadata> early = task.preCommit(Map.of(TP, new OffsetAndMetadata(1)));
    assertThat(early).doesNotContainKey(TP);
    awaitCommittable(1);
  }

  @Test
  void toleranceNoneFailsTheTaskNamingTheRecordAndField() {
    start(props());
    task.put(List.of(record(event("u", 1))));
    assertThatThrownBy(() -> task.put(List.of(record("{\"event_type\":\"E\",\"user_id\":\"u\",\"time\":1,\"event_properties\":{\"time\":2}}"))))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("topic 'amplitude', partition 0, offset 1")
        .hasMessageContaining("field 'event_properties.time'");
  }

  @Test
  void toleranceAllSkipsBadRecordsAndCommitsThem() {
    Map<String, String> p = props();
    p.put("errors.tolerance", "all");
    start(p);
    task.put(List.of(record("not json"), record(event("u", 1)), record(null)));
    awaitCommittable(3);
    assertThat(braze.accepted()).hasSize(1);
  }

  @Test
  void reportsBadRecordsToTheDeadLetterQueue() {
    context.withReporter = true;
    start(props());
    task.put(List.of(record("{\"event_type\":\"E\",\"time\":1}"), record(event("u", 1))));
    awaitCommittable(2);
    assertThat(context.reported).hasSize(1);
    assertThat(((BadRecordException) context.reported.get(0)).reason()).isEqualTo(BadRecordException.Reason.MISSING_IDENTIFIER);
    assertThat(context.reportedRecords.get(0).kafkaOffset()).isEqualTo(0);
  }

  @Test
  void reportsObjectsBrazeRejectsInItsAnswer() {
    context.withReporter = true;
    braze.faults().rejectObjects(o -> "external_id:banned".equals(o.userKey()), "provided external_id is blacklisted and disallowed");
    start(props());
    task.put(List.of(record(event("ok", 1)), record(event("banned", 2)), record(event("ok", 3))));
    awaitCommittable(3);
    assertThat(context.reportedRecords).extracting(SinkRecord::kafkaOffset).containsExactly(1L);
    assertThat(context.reported.get(0).getMessage()).contains("BRAZE_ITEM_ERROR").contains("blacklisted");
    assertThat(braze.accepted()).hasSize(2);
  }

  @Test
  void tombstonesAreSkippedOrReported() {
    context.withReporter = true;
    start(props());
    task.put(List.of(record(null)));
    awaitCommittable(1);
    assertThat(context.reported).isEmpty();
    task.stop();

    Map<String, String> p = props();
    p.put("behavior.on.null.values", "fail");
    start(p);
    task.put(List.of(record(null)));
    awaitCommittable(2);
    assertThat(context.reported).hasSize(1);
    assertThat(context.reported.get(0).getMessage()).contains("TOMBSTONE");
  }

  @Test
  void pausesWhenTheBufferIsFullAndResumesWhenItDrains() {
    braze.close();
    try {
      braze = BrazeEmulator.builder().apiKey(KEY).latency(Duration.ofMillis(300), Duration.ofMillis(300)).start();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    Map<String, String> p = props();
    p.put("braze.buffer.max.objects", "10");
    p.put("braze.batch.max.objects", "5");
    p.put("braze.max.in.flight.requests", "1");
    start(p);
    List<SinkRecord> records = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      records.add(record(event("u" + i, i)));
    }
    task.put(records);
    assertThat(context.paused).contains(TP);
    // Paused, the task asks to be called again soon, so that it resumes before its buffer drains.
    assertThat(context.timeouts.get(context.timeouts.size() - 1)).isEqualTo(10L);
    awaitCommittable(40);
    assertThat(context.paused).isEmpty();
    assertThat(context.resumes).isGreaterThanOrEqualTo(1);
  }

  @Test
  void finishedRecordsFreeTheBufferWithoutWaitingForACommit() {
    // Connect commits every 60 s by default: a task must not hold delivered records until then.
    Map<String, String> p = props();
    p.put("braze.buffer.max.objects", "10");
    p.put("braze.batch.max.objects", "5");
    start(p);
    List<SinkRecord> all = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      all.add(record(event("u" + (i % 13), i)));
    }
    // The worker's loop without any commit: put what the consumer returns while not paused.
    int next = 0;
    long deadline = System.currentTimeMillis() + WAIT.toMillis();
    while (braze.accepted(ObjectKind.EVENTS).size() < all.size() && System.currentTimeMillis() < deadline) {
      if (context.paused.isEmpty() && next < all.size()) {
        task.put(all.subList(next, Math.min(next + 10, all.size())));
        next = Math.min(next + 10, all.size());
      } else {
        task.put(List.of());
        sleep(5);
      }
    }
    assertThat(braze.accepted(ObjectKind.EVENTS)).hasSize(100);
    assertThat(context.pauses).isPositive();
    awaitCommittable(100);
  }

  @Test
  void recordsFinishedBehindAnUnfinishedOnePauseTheTaskOnlyAtFiveTimesTheObjectBound() {
    Map<String, String> p = props();
    p.put("braze.buffer.max.objects", "8");
    p.put("braze.batch.max.objects", "1");
    start(p);
    // The first request is answered only after the test: its record holds back every offset.
    braze.faults().next(1, Fault.slow(Duration.ofMinutes(2)));
    task.put(List.of(record(event("slow", 0))));
    // Its request must be the first to arrive (the one that gets the fault).
    await().atMost(WAIT).until(() -> braze.accepted(ObjectKind.EVENTS).size() == 1);
    // 38 more records finish behind it, one at a time: 39 tracked, few objects held.
    for (int i = 1; i < 39; i++) {
      task.put(List.of(record(event("u" + i, i))));
      int accepted = i + 1;
      await().atMost(WAIT).until(() -> braze.accepted(ObjectKind.EVENTS).size() >= accepted);
      assertThat(context.paused).as("%d records tracked", i + 1).isEmpty();
    }
    task.put(List.of(record(event("u39", 39))));
    assertThat(context.paused).as("40 records tracked: 5 x braze.buffer.max.objects").contains(TP);
    assertThat(context.timeouts.get(context.timeouts.size() - 1)).isEqualTo(10L);
  }

  @Test
  void anOffsetCommitSendsPartialBatchesWithoutWaitingForTheLingerTime() {
    Map<String, String> p = props();
    p.put("braze.linger.ms", "600000");
    start(p);
    task.put(List.of(record(event("u1", 1)), record(event("u2", 2))));
    sleep(200);
    assertThat(braze.accepted(ObjectKind.EVENTS)).as("a partial batch lingers").isEmpty();
    task.preCommit(Map.of(TP, new OffsetAndMetadata(offset)));
    await().atMost(WAIT).until(() -> braze.accepted(ObjectKind.EVENTS).size() == 2);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aWrongKeyFailsTheTaskWithoutShowingIt() {
    braze.close();
    try {
      braze = BrazeEmulator.builder().apiKey("the-real-key").start();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    start(props());
    task.put(List.of(record(event("u", 1))));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThatThrownBy(() -> task.put(List.of()))
                    .isInstanceOf(ConnectException.class)
                    .hasMessageContaining("401")
                    .hasMessageContaining("braze.api.key")
                    .hasMessageNotContaining(KEY));
    // preCommit stays quiet (Connect ignores its exceptions) and commits nothing unacknowledged.
    assertThat(task.preCommit(Map.of(TP, new OffsetAndMetadata(1)))).isEmpty();
  }

  @Test
  void skipsAttributeValuesBrazeAlreadyHas() {
    start(props());
    task.put(List.of(record("{\"user_id\":\"u\",\"user_properties\":{\"plan\":\"pro\"}}")));
    awaitCommittable(1);
    task.put(List.of(record("{\"user_id\":\"u\",\"user_properties\":{\"plan\":\"pro\",\"seats\":3}}")));
    awaitCommittable(2);
    List<AcceptedObject> attrs = braze.accepted(ObjectKind.ATTRIBUTES);
    assertThat(attrs).hasSize(2);
    assertThat(attrs.get(1).json().toString()).isEqualTo("{\"external_id\":\"u\",\"seats\":3}");
  }

  @Test
  void registersItsMetricsAsAnMBean() throws Exception {
    Map<String, String> p = props();
    p.put("braze.task.id", "3");
    start(p);
    task.put(List.of(record(event("u", 1)), record("{\"event_type\":\"E\",\"device_id\":\"d\",\"time\":1}")));
    awaitCommittable(2);
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = new ObjectName("io.ampbraze.connect.braze:type=sink-task-metrics,connector=task-test,task=3");
    assertThat(name).isEqualTo(BrazeSinkTaskMetrics.objectName("task-test", 3));
    assertThat(server.isRegistered(name)).isTrue();
    assertThat(server.getAttribute(name, "RecordsIn")).isEqualTo(2L);
    assertThat(server.getAttribute(name, "RecordsSkipped")).isEqualTo(1L);
    assertThat(server.getAttribute(name, "RecordsDelivered")).isEqualTo(1L);
    assertThat(server.getAttribute(name, "EventsSent")).isEqualTo(1L);
    assertThat((Long) server.getAttribute(name, "Requests")).isGreaterThanOrEqualTo(1L);
    assertThat(server.getAttribute(name, "BufferedObjects")).isEqualTo(0L);
    assertThat((Long) server.getAttribute(name, "RateLimitRemaining")).isGreaterThan(0L);
    task.stop();
    task = null;
    assertThat(server.isRegistered(name)).isFalse();
  }

  private void restartBraze(BrazeEmulator.Builder builder) {
    braze.close();
    try {
      braze = builder.apiKey(KEY).start();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void fillsRequestsToTheConfiguredCombinedLimit() {
    restartBraze(BrazeEmulator.builder().batchRegime(BatchRegime.combinedOf(10)));
    Map<String, String> p = props();
    p.put("braze.batch.max.objects", "10");
    p.put("braze.linger.ms", "60000");
    start(p);
    List<SinkRecord> records = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      records.add(record(event("u" + i, i)));
    }
    task.put(records);
    awaitCommittable(40);
    assertThat(braze.summary().status(400)).isZero();
    assertThat(braze.summary().requests()).isEqualTo(4);
  }

  @Test
  void fillsEachArrayInTheLegacyRegime() {
    restartBraze(BrazeEmulator.builder().batchRegime(BatchRegime.perArrayOf(10)));
    Map<String, String> p = props();
    p.put("braze.batch.max.objects", "10");
    p.put("braze.batch.limit.per.array", "true");
    p.put("braze.linger.ms", "60000");
    start(p);
    List<SinkRecord> records = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      records.add(record(event("e" + i, i)));
      records.add(record("{\"user_id\":\"a" + i + "\",\"user_properties\":{\"n\":" + i + "}}"));
    }
    task.put(records);
    awaitCommittable(20);
    assertThat(braze.summary().status(400)).isZero();
    assertThat(braze.summary().requests()).isEqualTo(1);
  }

  @Test
  void spacesRequestsToTheConfiguredRateLimit() {
    Map<String, String> p = props();
    p.put("braze.rate.limit.requests", "2");
    p.put("braze.rate.limit.window.ms", "1000");
    p.put("braze.batch.max.objects", "1");
    p.put("braze.linger.ms", "0");
    start(p);
    long started = System.currentTimeMillis();
    List<SinkRecord> records = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      records.add(record(event("r" + i, i)));
    }
    task.put(records);
    awaitCommittable(5);
    // Two requests at once, then one per 500 ms: the fifth cannot leave before 1.5 s.
    assertThat(braze.summary().requests()).isEqualTo(5);
    assertThat(System.currentTimeMillis() - started).isGreaterThanOrEqualTo(1400);
  }

  @Test
  void closingPartitionsStopsTrackingThem() {
    start(props());
    braze.faults().rateLimitStorm(Duration.ofSeconds(1));
    task.put(List.of(record(event("u", 1))));
    Collection<TopicPartition> revoked = List.of(TP);
    task.close(revoked);
    assertThat(task.preCommit(Map.of(TP, new OffsetAndMetadata(1)))).isEmpty();
  }
}
