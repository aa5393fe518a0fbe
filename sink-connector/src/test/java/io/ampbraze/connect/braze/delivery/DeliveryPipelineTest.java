package io.ampbraze.connect.braze.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.ampbraze.connect.braze.braze.BatchLimits;
import io.ampbraze.connect.braze.braze.BrazeObject;
import io.ampbraze.connect.braze.braze.BrazeTransport;
import io.ampbraze.connect.braze.braze.ObjectKind;
import io.ampbraze.connect.braze.braze.RateLimitHeaders;
import io.ampbraze.connect.braze.braze.RateLimiter;
import io.ampbraze.connect.braze.braze.RetryPolicy;
import io.ampbraze.connect.braze.braze.TrackRequest;
import io.ampbraze.connect.braze.braze.TrackResponse;
import io.ampbraze.connect.braze.input.BadRecordException;
import io.ampbraze.connect.braze.input.BadRecordException.Reason;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeliveryPipelineTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final TopicPartition TP0 = new TopicPartition("t", 0);
  private static final TopicPartition TP1 = new TopicPartition("t", 1);

  /** A transport whose answers the test decides. */
  static final class FakeTransport implements BrazeTransport {
    final List<TrackRequest> requests = new CopyOnWriteArrayList<>();
    final List<CompletableFuture<TrackResponse>> pending = new CopyOnWriteArrayList<>();
    final List<Long> sentAt = new CopyOnWriteArrayList<>();
    volatile Function<TrackRequest, CompletableFuture<TrackResponse>> answer = r -> CompletableFuture.completedFuture(ok());
    volatile boolean closed;

    @Override
    public CompletableFuture<TrackResponse> send(TrackRequest request) {
      requests.add(request);
      sentAt.add(System.currentTimeMillis());
      CompletableFuture<TrackResponse> f = answer.apply(request);
      pending.add(f);
      return f;
    }

    @Override
    public void close() {
      closed = true;
    }

    /** Names of the objects of request i, as "user:label". */
    List<String> labels(int i) {
      return requests.get(i).objects().stream().map(DeliveryPipelineTest::label).collect(Collectors.toList());
    }
  }

  static TrackResponse ok() {
    return TrackResponse.parse(201, "{\"message\":\"success\"}", RateLimitHeaders.NONE, "test-key-xyz");
  }

  static TrackResponse status(int code, String body) {
    return TrackResponse.parse(code, body, RateLimitHeaders.NONE, "test-key-xyz");
  }

  static String label(BrazeObject o) {
    String json = new String(o.json(), StandardCharsets.UTF_8);
    return o.userKey().substring("external_id:".length()) + ":" + json.replaceAll(".*\"l\":\"([^\"]*)\".*", "$1");
  }

  /** Collects outcomes. */
  static final class Outcomes implements DeliveryPipeline.Listener {
    final List<String> delivered = new CopyOnWriteArrayList<>();
    final Map<String, BadRecordException> failed = new ConcurrentHashMap<>();
    final List<String> abandoned = new CopyOnWriteArrayList<>();
    final List<ConnectException> fatal = new CopyOnWriteArrayList<>();

    @Override
    public void delivered(DeliveryPipeline.Outbound o) {
      delivered.add(label(o.object()));
    }

    @Override
    public void failed(DeliveryPipeline.Outbound o, BadRecordException reason) {
      failed.put(label(o.object()), reason);
    }

    @Override
    public void abandoned(DeliveryPipeline.Outbound o) {
      abandoned.add(label(o.object()));
    }

    @Override
    public void fatal(ConnectException error) {
      fatal.add(error);
    }
  }

  private final FakeTransport transport = new FakeTransport();
  private final Outcomes outcomes = new Outcomes();
  private final BrazeSinkTaskMetrics metrics = new BrazeSinkTaskMetrics(75);
  private DeliveryPipeline pipeline;
  private long offset;

  private DeliveryPipeline pipeline(BatchLimits limits, int inFlight, long lingerMs, long retryTimeoutMs) {
    pipeline =
        new DeliveryPipeline(
            new DeliveryPipeline.Settings(limits, inFlight, lingerMs),
            transport,
            new RateLimiter(10_000, 1000, 1.0, System::currentTimeMillis),
            new RetryPolicy(20, 100, retryTimeoutMs, () -> 0.5),
            outcomes,
            metrics,
            System::currentTimeMillis,
            "test-sender");
    return pipeline;
  }

  private DeliveryPipeline pipeline(int maxObjects, int inFlight, long lingerMs) {
    return pipeline(new BatchLimits(maxObjects, false, 4_000_000), inFlight, lingerMs, 10_000);
  }

  @AfterEach
  void close() {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  private DeliveryPipeline.Outbound object(TopicPartition tp, String user, ObjectKind kind, String label) {
    String json = "{\"external_id\":\"" + user + "\",\"l\":\"" + label + "\"}";
    SinkRecord record = new SinkRecord(tp.topic(), tp.partition(), null, null, null, "v", offset++);
    RecordEntry entry = new RecordEntry(record, tp, record.kafkaOffset(), 1);
    return new DeliveryPipeline.Outbound(
        new BrazeObject(kind, "external_id:" + user, json.getBytes(StandardCharsets.UTF_8)), entry, List.of());
  }

  private DeliveryPipeline.Outbound event(String user, String label) {
    return object(TP0, user, ObjectKind.EVENTS, label);
  }

  private void submit(DeliveryPipeline.Outbound... objects) {
    pipeline.submit(List.of(objects));
  }

  @Test
  void sendsFullBatchesAtOnce() {
    pipeline(75, 4, 60_000);
    List<DeliveryPipeline.Outbound> all = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      all.add(event("u" + i, "e" + i));
    }
    pipeline.submit(all);
    await().atMost(WAIT).until(() -> outcomes.delivered.size() == 150);
    assertThat(transport.requests).hasSize(2);
    assertThat(transport.requests.get(0).size()).isEqualTo(75);
    assertThat(pipeline.bufferedObjects()).isZero();
    assertThat(pipeline.bufferedBytes()).isZero();
    assertThat(metrics.getEventsSent()).isEqualTo(150);
    assertThat(metrics.getRequests()).isEqualTo(2);
    assertThat(metrics.getBatchFillRatioAvg()).isEqualTo(1.0);
  }

  @Test
  void partialBatchesWaitForLingerOrFlush() throws Exception {
    pipeline(75, 4, 60_000);
    submit(event("a", "1"), event("b", "2"));
    Thread.sleep(300);
    assertThat(transport.requests).isEmpty();
    pipeline.flush();
    await().atMost(WAIT).until(() -> outcomes.delivered.size() == 2);
    assertThat(transport.requests).hasSize(1);
  }

  @Test
  void partialBatchesLeaveAfterTheLingerTime() {
    pipeline(75, 4, 200);
    long start = System.currentTimeMillis();
    submit(event("a", "1"));
    await().atMost(WAIT).until(() -> outcomes.delivered.size() == 1);
    assertThat(transport.sentAt.get(0) - start).isGreaterThanOrEqualTo(150);
  }

  @Test
  void underBacklogAPartialBatchWaitsForObjectsQueuedBehindRequestsInFlight() throws Exception {
    pipeline(4, 2, 1000);
    transport.answer = r -> new CompletableFuture<>();
    submit(event("a", "1"), event("b", "1"), event("c", "1"), event("d", "1"));
    await().atMost(WAIT).until(() -> transport.requests.size() == 1);
    // a..d are locked by the request in flight; e alone is ready.
    submit(event("a", "2"), event("b", "2"), event("c", "2"), event("d", "2"), event("e", "1"));
    Thread.sleep(1300); // e has lingered: it could leave, half a second of its hold is left
    assertThat(transport.requests).as("a request for e alone would waste a request of the budget").hasSize(1);
    transport.answer = r -> CompletableFuture.completedFuture(ok());
    transport.pending.get(0).complete(ok());
    await().atMost(WAIT).until(() -> outcomes.delivered.size() == 9);
    assertThat(transport.requests.get(1).size()).isEqualTo(4);
    assertThat(transport.requests).hasSize(3);
  }

  @Test
  void aHeldPartialBatchLeavesAfterTheLingerTimeEvenIfNothingEnds() {
    pipeline(4, 2, 200);
    transport.answer = r -> r.size() == 4 ? new CompletableFuture<>() : CompletableFuture.completedFuture(ok());
    submit(event("a", "1"), event("b", "1"), event("c", "1"), event("d", "1"));
    await().atMost(WAIT).until(() -> transport.requests.size() == 1);
    long submitted = System.currentTimeMillis();
    submit(event("a", "2"), event("e", "1"));
    await().atMost(WAIT).until(() -> outcomes.delivered.contains("e:1"));
    assertThat(transport.labels(1)).containsExactly("e:1");
    // The linger time, then the hold: never earlier than the linger time.
    assertThat(transport.sentAt.get(1) - submitted).isGreaterThanOrEqualTo(150);
  }

  @Test
  void aPartialBatchWithNothingQueuedBehindRequestsInFlightIsNotHeld() {
    pipeline(4, 2, 200);
    transport.answer = r -> r.size() == 4 ? new CompletableFuture<>() : CompletableFuture.completedFuture(ok());
    submit(event("a", "1"), event("b", "1"), event("c", "1"), event("d", "1"));
    await().atMost(WAIT).until(() -> transport.requests.size() == 1);
    submit(event("e", "1"));
    await().atMost(WAIT).until(() -> outcomes.delivered.contains("e:1"));
    assertThat(transport.labels(1)).containsExactly("e:1");
  }

  @Test
  void whenBrazeAnswersAgainBatchesThatFailedInTheOutageAreRetriedAtOnce() throws Exception {
    pipeline = new DeliveryPipeline(
        new DeliveryPipeline.Settings(new BatchLimits(1, false, 4_000_000), 4, 0),
        transport,
        new RateLimiter(10_000, 1000, 1.0, System::currentTimeMillis),
        new RetryPolicy(60_000, 60_000, 600_000, () -> 1.0), // a minute of backoff
        outcomes,
        metrics,
        System::currentTimeMillis,
        "test-sender");
    transport.answer = r -> CompletableFuture.failedFuture(new IOException("Connection refused"));
    submit(event("a", "1"), event("b", "1"), event("c", "1"));
    await().atMost(WAIT).until(() -> metrics.getConnectionErrors() == 3);
    // While Braze stays down, a new request that fails too is no answer: nobody retries early.
    submit(event("e", "1"));
    await().atMost(WAIT).until(() -> metrics.getConnectionErrors() == 4);
    Thread.sleep(300);
    assertThat(transport.requests).as("backoff protects a Braze that is down").hasSize(4);
    transport.answer = r -> CompletableFuture.completedFuture(ok());
    submit(event("d", "1")); // a new request finds Braze back
    await().atMost(WAIT).until(() -> outcomes.delivered.size() == 5);
    assertThat(outcomes.delivered).containsExactlyInAnyOrder("a:1", "b:1", "c:1", "d:1", "e:1");
    assertThat(metrics.getRetries()).isEqualTo(4);
  }

  @Test
  void aBatchThatFailsWhileOthersSucceedKeepsItsBackoff() throws Exception {
    pipeline = new DeliveryPipeline(
        new DeliveryPipeline.Settings(new BatchLimits(1, false, 4_000_000), 1, 0),
        transport,
        new RateLimiter(10_000, 1000, 1.0, System::currentTimeMillis),
        new RetryPolicy(60_000, 60_000, 600_000, () -> 1.0),
        outcomes,
        metrics,
        System::currentTimeMillis,
        "test-sender");
    // Braze fails every request holding p's object (e.g. an object that breaks its server).
    transport.answer = r -> CompletableFuture.completedFuture(
        label(r.objects().get(0)).startsWith("p:") ? status(500, "") : ok());
    submit(event("p", "1"));
    await().atMost(WAIT).until(() -> metrics.getServerErrors() == 1);
    for (int i = 0; i < 20; i++) {
      submit(event("u" + i, "1"));
    }
    await().atMost(WAIT).until(() -> outcomes.delivered.size() == 20);
    Thread.sleep(200);
    // One early retry when the others succeeded; failing again among successes, it backs off.
    assertThat(transport.requests.stream().filter(r -> label(r.objects().get(0)).startsWith("p:"))).hasSize(2);
  }

  @Test
  void keepsAtMostTheAllowedRequestsInFlight() {
    pipeline(1, 3, 0);
    transport.answer = r -> new CompletableFuture<>();
    for (int i = 0; i < 10; i++) {
      submit(event("u" + i, "e" + i));
    }
    await().atMost(WAIT).until(() -> transport.requests.size() == 3);
    assertThat(metrics.getInFlightRequests()).isEqualTo(3);
    transport.pending.get(0).complete(ok());
    await().atMost(WAIT).until(() -> transport.requests.size() == 4);
    transport.answer = r -> CompletableFuture.completedFuture(ok());
    transport.pending.forEach(f -> f.complete(ok()));
    await().atMost(WAIT).until(() -> outcomes.delivered.size() == 10);
  }

  @Test
  void neverHasOneUserInTwoRequestsAtOnce() {
    pipeline(1, 4, 0);
    transport.answer = r -> new CompletableFuture<>();
    submit(event("a", "1"), event("a", "2"), event("b", "1"), event("a", "3"), event("c", "1"));
    await().atMost(WAIT).until(() -> transport.requests.size() == 3);
    assertThat(List.of(transport.labels(0), transport.labels(1), transport.labels(2)))
        .containsExactly(List.of("a:1"), List.of("b:1"), List.of("c:1"));
    transport.pending.get(1).complete(ok()); // b done: a still busy
    await().pollDelay(Duration.ofMillis(200)).atMost(WAIT).until(() -> true);
    assertThat(transport.requests).hasSize(3);
    transport.pending.get(0).complete(ok());
    await().atMost(WAIT).until(() -> transport.requests.size() == 4);
    assertThat(transport.labels(3)).containsExactly("a:2");
    transport.answer = r -> CompletableFuture.completedFuture(ok());
    transport.pending.get(3).complete(ok());
    transport.pending.get(2).complete(ok());
    await().atMost(WAIT).until(() -> outcomes.delivered.size() == 5);
    assertThat(outcomes.delivered.stream().filter(s -> s.startsWith("a:"))).containsExactly("a:1", "a:2", "a:3");
  }

  @Test
  void batchesAUsersObjectsTogetherOnlyInBrazeProcessingOrder() {
    pipeline(75, 1, 60_000);
    submit(
        object(TP0, "a", ObjectKind.ATTRIBUTES, "attr1"),
        object(TP0, "a", ObjectKind.EVENTS, "ev2"),
        object(TP0, "a", ObjectKind.PURCHASES, "buy3"),
        object(TP0, "a", ObjectKind.ATTRIBUTES, "attr4"),
        object(TP0, "a", ObjectKind.EVENTS, "ev5"),
        object(TP0, "b", ObjectKind.EVENTS, "ev1"));
    pipeline.flush();
    await().atMost(WAIT).until(() -> outcomes.delivered.size() == 6);
    assertThat(transport.requests).hasSize(2);
    assertThat(transport.labels(0)).containsExactly("a:attr1", "a:ev2", "a:buy3", "b:ev1");
    assertThat(transport.labels(1)).containsExactly("a:attr4", "a:ev5");
  }

  @Test
  void fillsPerArrayLimitsInTheLegacyRegime() {
    pipeline(new BatchLimits(2, true, 4_000_000), 1, 60_000, 10_000);
    submit(
        object(TP0, "a", ObjectKind.ATTRIBUTES, "1"),
        object(TP0, "b", ObjectKind.ATTRIBUTES, "1"),
        object(TP0, "c", ObjectKind.ATTRIBUTES, "1"),
        object(TP0, "d", ObjectKind.EVENTS, "1"),
        object(TP0, "e", ObjectKind.EVENTS, "1"));
    pipeline.flush();
    await().atMost(WAIT).until(() -> outcomes.delivered.size() == 5);
    assertThat(transport.labels(0)).containsExactlyInAnyOrder("a:1", "b:1", "d:1", "e:1");
    assertThat(transport.labels(1)).containsExactly("c:1");
  }

  @Test
  void respectsTheBodyCap() {
    pipeline(new BatchLimits(75, false, 200), 1, 60_000, 10_000);
    for (int i = 0; i < 6; i++) {
      submit(event("user" + i, "label" + i));
    }
    pipeline.flush();
    await().atMost(WAIT).until(() -> outcomes.delivered.size() == 6);
    assertThat(transport.requests).allSatisfy(r -> assertThat(r.body().length).isLessThanOrEqualTo(200));
    assertThat(transport.requests.size()).isGreaterThan(1);
  }

  @Test
  void sendsAnObjectOfTheLargestAllowedSize() {
    pipeline(new BatchLimits(75, false, 200), 1, 0, 10_000);
    // 200 - envelope (64) - separator (1): the largest object the mapper lets through.
    String label = "x".repeat(135 - "{\"external_id\":\"a\",\"l\":\"\"}".length());
    DeliveryPipeline.Outbound big = event("a", label);
    assertThat(big.object().size()).isEqualTo(135);
    submit(big);
    await().atMost(WAIT).until(() -> outcomes.delivered.size() == 1);
  }

  @Test
  void retriesServerErrorsAndConnectionFailures() {
    pipeline(75, 1, 0);
    List<CompletableFuture<TrackResponse>> script =
        new ArrayList<>(
            List.of(
                CompletableFuture.completedFuture(status(503, "")),
                CompletableFuture.failedFuture(new IOException("unexpected end of stream")),
                CompletableFuture.completedFuture(ok())));
    transport.answer = r -> script.remove(0);
    submit(event("a", "1"));
    await().atMost(WAIT).until(() -> outcomes.delivered.size() == 1);
    assertThat(transport.requests).hasSize(3);
    assertThat(metrics.getRetries()).isEqualTo(2);
    assertThat(metrics.getServerErrors()).isEqualTo(1);
    assertThat(metrics.getConnectionErrors()).isEqualTo(1);
  }

  @Test
  void waitsForTheResetAfterA429() {
    pipeline(75, 1, 0);
    long reset = System.currentTimeMillis() / 1000 + 1;
    List<CompletableFuture<TrackResponse>> script =
        new ArrayList<>(
            List.of(
                CompletableFuture.completedFuture(
                    TrackResponse.parse(429, "{}", new RateLimitHeaders(10L, 0L, reset), "test-key-xyz")),
                CompletableFuture.completedFuture(ok())));
    transport.answer = r -> script.remove(0);
    submit(event("a", "1"));
    await().atMost(WAIT).until(() -> outcomes.delivered.size() == 1);
    assertThat(transport.sentAt.get(1)).isGreaterThanOrEqualTo(reset * 1000);
    assertThat(metrics.getRateLimitedResponses()).isEqualTo(1);
  }

  @Test
  void reportsRecordsWhenRetriesRunOut() {
    pipeline(new BatchLimits(75, false, 4_000_000), 1, 0, 300);
    transport.answer = r -> CompletableFuture.completedFuture(status(503, "{\"message\":\"down\"}"));
    submit(event("a", "1"), event("b", "1"));
    await().atMost(WAIT).until(() -> outcomes.failed.size() == 2);
    BadRecordException reason = outcomes.failed.get("a:1");
    assertThat(reason.reason()).isEqualTo(Reason.RETRIES_EXHAUSTED);
    assertThat(reason.getMessage()).contains("HTTP 503 (down)").contains("braze.retry.timeout.ms=300");
    assertThat(transport.requests.size()).isGreaterThan(1);
  }

  @Test
  void reportsItemErrorsAndDeliversTheRest() {
    pipeline(75, 1, 0);
    transport.answer =
        r ->
            CompletableFuture.completedFuture(
                status(201, "{\"message\":\"success\",\"errors\":[{\"type\":\"blacklisted\",\"input_array\":\"events\",\"index\":1},"
                    + "{\"type\":\"nowhere\",\"input_array\":\"purchases\",\"index\":7}]}"));
    submit(event("a", "1"), event("b", "1"), event("c", "1"));
    pipeline.flush();
    await().atMost(WAIT).until(() -> outcomes.delivered.size() + outcomes.failed.size() == 3);
    assertThat(outcomes.delivered).containsExactlyInAnyOrder("a:1", "c:1");
    assertThat(outcomes.failed.get("b:1").reason()).isEqualTo(Reason.BRAZE_ITEM_ERROR);
    assertThat(outcomes.failed.get("b:1").getMessage()).contains("blacklisted").contains("events object");
    assertThat(metrics.getItemErrors()).isEqualTo(1);
  }

  @Test
  void splitsA400ToIsolateTheBadObjectKeepingOrder() {
    pipeline(75, 4, 60_000);
    transport.answer =
        r ->
            CompletableFuture.completedFuture(
                r.objects().stream().anyMatch(o -> label(o).equals("b:bad")) ? status(400, "{\"message\":\"Bad\"}") : ok());
    List<DeliveryPipeline.Outbound> all = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      all.add(event("a", "a" + i));
      all.add(event("u" + i, "x"));
    }
    all.add(4, event("b", "bad"));
    pipeline.submit(all);
    pipeline.flush();
    await().atMost(WAIT).until(() -> outcomes.delivered.size() + outcomes.failed.size() == 17);
    assertThat(outcomes.failed).containsOnlyKeys("b:bad");
    assertThat(outcomes.failed.get("b:bad").reason()).isEqualTo(Reason.BRAZE_REJECTED_REQUEST);
    assertThat(outcomes.delivered.stream().filter(s -> s.startsWith("a:")))
        .containsExactly("a:a0", "a:a1", "a:a2", "a:a3", "a:a4", "a:a5", "a:a6", "a:a7");
  }

  @Test
  void a400NamingItemsReportsThemAndResendsTheRest() {
    pipeline(75, 1, 60_000);
    transport.answer =
        r ->
            CompletableFuture.completedFuture(
                r.size() == 3
                    ? status(400, "{\"message\":\"Bad\",\"errors\":[{\"type\":\"invalid time\",\"input_array\":\"events\",\"index\":0}]}")
                    : ok());
    submit(event("a", "1"), event("b", "1"), event("c", "1"));
    pipeline.flush();
    await().atMost(WAIT).until(() -> outcomes.delivered.size() == 2);
    assertThat(outcomes.failed).containsOnlyKeys("a:1");
    assertThat(transport.requests).hasSize(2);
    assertThat(transport.labels(1)).containsExactly("b:1", "c:1");
  }

  @Test
  void aSingleObjectRefusedWith413IsTooLarge() {
    pipeline(75, 1, 0);
    transport.answer = r -> CompletableFuture.completedFuture(status(413, ""));
    submit(event("a", "1"));
    await().atMost(WAIT).until(() -> outcomes.failed.size() == 1);
    assertThat(outcomes.failed.get("a:1").reason()).isEqualTo(Reason.OBJECT_TOO_LARGE);
  }

  @Test
  void otherClientErrorsReportTheWholeRequest() {
    pipeline(75, 1, 0);
    transport.answer = r -> CompletableFuture.completedFuture(status(422, "{\"message\":\"nope\"}"));
    submit(event("a", "1"));
    await().atMost(WAIT).until(() -> outcomes.failed.size() == 1);
    assertThat(outcomes.failed.get("a:1").reason()).isEqualTo(Reason.BRAZE_REJECTED_REQUEST);
    assertThat(outcomes.failed.get("a:1").getMessage()).contains("HTTP 422 (nope)");
  }

  @Test
  void authenticationFailuresStopEverything() throws Exception {
    pipeline(1, 4, 0);
    transport.answer = r -> CompletableFuture.completedFuture(status(401, "{\"message\":\"Invalid API key: test-key-xyz\"}"));
    submit(event("a", "1"));
    await().atMost(WAIT).until(() -> outcomes.fatal.size() == 1);
    assertThat(outcomes.fatal.get(0).getMessage()).contains("401").contains("braze.api.key").doesNotContain("test-key-xyz");
    submit(event("b", "1"));
    Thread.sleep(200);
    assertThat(transport.requests).hasSize(1);
    assertThat(outcomes.delivered).isEmpty();
    assertThat(outcomes.failed).isEmpty();
  }

  @Test
  void redirectsStopEverything() {
    pipeline(1, 4, 0);
    transport.answer = r -> CompletableFuture.completedFuture(status(301, ""));
    submit(event("a", "1"));
    await().atMost(WAIT).until(() -> outcomes.fatal.size() == 1);
    assertThat(outcomes.fatal.get(0).getMessage()).contains("redirect");
  }

  @Test
  void droppingPartitionsAbandonsTheirQueuedObjects() {
    pipeline(1, 1, 0);
    transport.answer = r -> new CompletableFuture<>();
    submit(object(TP0, "a", ObjectKind.EVENTS, "1"));
    await().atMost(WAIT).until(() -> transport.requests.size() == 1);
    submit(
        object(TP1, "b", ObjectKind.EVENTS, "1"),
        object(TP0, "c", ObjectKind.EVENTS, "1"),
        object(TP1, "a", ObjectKind.EVENTS, "2"));
    pipeline.drop(List.of(TP1));
    await().atMost(WAIT).until(() -> outcomes.abandoned.size() == 2);
    assertThat(outcomes.abandoned).containsExactlyInAnyOrder("b:1", "a:2");
    transport.answer = r -> CompletableFuture.completedFuture(ok());
    transport.pending.get(0).complete(ok());
    await().atMost(WAIT).until(() -> outcomes.delivered.size() == 2);
    assertThat(outcomes.delivered).containsExactly("a:1", "c:1");
    assertThat(pipeline.bufferedObjects()).isZero();
  }

  @Test
  void closingCancelsTheTransport() {
    pipeline(1, 1, 0);
    pipeline.close();
    assertThat(transport.closed).isTrue();
    submit(event("a", "1")); // ignored after close
    assertThat(transport.requests).isEmpty();
    pipeline = null;
  }

  @Test
  void recordsLatencyAndBatchSize() {
    pipeline(75, 2, 0);
    submit(event("a", "1"), event("b", "2"));
    await().atMost(WAIT).until(() -> outcomes.delivered.size() == 2);
    assertThat(metrics.getBatchObjectsAvg()).isGreaterThan(0);
    assertThat(metrics.getRequestLatencyAvgMs()).isGreaterThanOrEqualTo(0);
    assertThat(Collections.frequency(outcomes.delivered, "a:1")).isEqualTo(1);
  }
}
