package io.ampbraze.connect.braze.delivery;

import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.ampbraze.connect.braze.braze.BatchLimits;
import io.ampbraze.connect.braze.braze.BrazeObject;
import io.ampbraze.connect.braze.braze.BrazeTransport;
import io.ampbraze.connect.braze.braze.ItemError;
import io.ampbraze.connect.braze.braze.ObjectKind;
import io.ampbraze.connect.braze.braze.RateLimiter;
import io.ampbraze.connect.braze.braze.RetryPolicy;
import io.ampbraze.connect.braze.braze.TrackRequest;
import io.ampbraze.connect.braze.braze.TrackResponse;
import io.ampbraze.connect.braze.input.BadRecordException;
import io.ampbraze.connect.braze.input.BadRecordException.Reason;
import io.ampbraze.connect.braze.mapping.AttributeDedupCache;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-flight pipeline of one task. Objects wait in one queue per user; batches are filled
 * from the users whose objects are not already in a request ("ready" objects), oldest first,
 * up to Braze's per-request limits, as long as fewer than the allowed requests are in flight
 * and the rate limiter agrees. A user appearing in a request is locked until that request
 * (with its retries and splits) has ended, so a user's objects reach Braze in order; inside
 * one request, a user's objects are only taken in the order Braze processes the arrays
 * (attributes, events, purchases). All state lives on one sender thread; callers only enqueue
 * work.
 *
 * <p>When a batch leaves: a full one at once; a partial one on flush, or once its oldest object
 * has lingered {@code lingerMs}, except that while objects wait behind requests in flight
 * (whose end makes them ready) a partial batch that could leave keeps waiting for them, up to
 * {@code lingerMs} more from the moment it could first have left. Under backlog every object
 * has lingered, so without that rule each request would leave with whatever happens to be
 * ready and spend a whole request of the rate budget on it.
 *
 * <p>Retries: 5xx, timeouts and connection failures back off per batch; when Braze answers
 * again after failing for every request (an outage), the batches waiting for that reason are
 * retried at once (each at most once early in a row), paced by the in-flight limit and the
 * rate limiter.
 */
public final class DeliveryPipeline implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DeliveryPipeline.class);
  private static final long RESET_MARGIN_MS = 50;

  /** Hears how each object ends; called on the sender thread. */
  public interface Listener {
    /** Braze accepted the object. */
    void delivered(Outbound object);

    /** The object was rejected or given up on; its record must be reported. */
    void failed(Outbound object, BadRecordException reason);

    /** The object was dropped unsent because its partition was closed. */
    void abandoned(Outbound object);

    /** Braze refused the configuration (401, 403, 404, redirect): the task must fail. */
    void fatal(ConnectException error);
  }

  /** How the pipeline batches and how much it may have in flight. */
  public record Settings(BatchLimits limits, int maxInFlight, long lingerMs) {}

  /** An object on its way, with its record and de-duplication marks. */
  public static final class Outbound {
    final BrazeObject object;
    final RecordEntry entry;
    final List<AttributeDedupCache.Mark> marks;
    long seq;
    long enqueuedAt;

    public Outbound(BrazeObject object, RecordEntry entry, List<AttributeDedupCache.Mark> marks) {
      this.object = object;
      this.entry = entry;
      this.marks = marks;
    }

    public BrazeObject object() {
      return object;
    }

    public RecordEntry entry() {
      return entry;
    }

    public List<AttributeDedupCache.Mark> marks() {
      return marks;
    }
  }

  private static final class UserQueue {
    final String key;
    final ArrayDeque<Outbound> queue = new ArrayDeque<>();
    long queuedBytes;
    int locks;

    UserQueue(String key) {
      this.key = key;
    }

    long headSeq() {
      return queue.peekFirst().seq;
    }
  }

  private static final class Batch {
    final List<Outbound> objects;
    final List<UserQueue> users;
    TrackRequest request;
    int attempt;
    long firstAttemptAt = -1;
    long sentAt;
    long dueAt;
    /** Waiting out a backoff after failing while no request succeeded: retried when one does. */
    boolean waitsForRecovery;
    /** This attempt was such an early retry: if it fails, the batch waits its own backoff. */
    boolean earlyRetry;
    /** Sent only after this batch ended: the rest of a batch that was split. */
    Batch next;

    Batch(List<Outbound> objects, List<UserQueue> users) {
      this.objects = objects;
      this.users = users;
    }

    TrackRequest request() {
      if (request == null) {
        List<BrazeObject> list = new ArrayList<>(objects.size());
        objects.forEach(o -> list.add(o.object));
        request = new TrackRequest(list);
      }
      return request;
    }
  }

  private final BatchLimits limits;
  private final int maxInFlight;
  private final long lingerMs;
  private final BrazeTransport transport;
  private final RateLimiter limiter;
  private final RetryPolicy retry;
  private final Listener listener;
  private final BrazeSinkTaskMetrics metrics;
  private final LongSupplier clock;
  private final ScheduledThreadPoolExecutor sender;
  private final AtomicLong bufferedObjects = new AtomicLong();
  private final AtomicLong bufferedBytes = new AtomicLong();

  // Sender-thread state.
  private final Map<String, UserQueue> users = new HashMap<>();
  private final TreeSet<UserQueue> ready = new TreeSet<>(Comparator.comparingLong(UserQueue::headSeq));
  private static final Comparator<Batch> DUE_ORDER =
      Comparator.<Batch>comparingLong(b -> b.dueAt).thenComparingLong(b -> b.firstAttemptAt);
  private PriorityQueue<Batch> retries = new PriorityQueue<>(DUE_ORDER);
  /** Objects in the user queues (not in a batch); those of locked users are not ready. */
  private int queuedObjects;
  private int readyObjects;
  private long readyBytes;
  /** When a partial batch could first have left but was held back for objects to come; -1: none. */
  private long partialSince = -1;
  /** When Braze last answered a request (anything but a 5xx, 408, timeout or connection failure). */
  private long lastAnsweredAt = Long.MIN_VALUE;
  private int waitingForRecovery;
  private long nextSeq = 1;
  private long flushSeq;
  private int inFlight;
  private ScheduledFuture<?> wake;
  private long wakeAt = Long.MAX_VALUE;
  private boolean halted;
  private volatile boolean closed;

  /**
   * @param clock epoch milliseconds (Braze's reset headers are epoch seconds)
   * @param threadName the sender thread's name
   */
  public DeliveryPipeline(
      Settings settings,
      BrazeTransport transport,
      RateLimiter limiter,
      RetryPolicy retry,
      Listener listener,
      BrazeSinkTaskMetrics metrics,
      LongSupplier clock,
      String threadName) {
    this.limits = settings.limits();
    this.maxInFlight = settings.maxInFlight();
    this.lingerMs = settings.lingerMs();
    this.transport = transport;
    this.limiter = limiter;
    this.retry = retry;
    this.listener = listener;
    this.metrics = metrics;
    this.clock = clock;
    this.sender =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            });
    this.sender.setRemoveOnCancelPolicy(true);
    metrics.gauges(bufferedObjects::get, bufferedBytes::get, limiter::lastRemaining);
  }

  /** Queues a record's objects (callers keep one user's objects in order). */
  public void submit(List<Outbound> objects) {
    long bytes = 0;
    for (Outbound o : objects) {
      bytes += o.object.size();
    }
    bufferedObjects.addAndGet(objects.size());
    bufferedBytes.addAndGet(bytes);
    run(
        () -> {
          for (Outbound o : objects) {
            enqueue(o);
          }
          pump();
        });
  }

  /** Sends what is queued now, without waiting for the linger time. */
  public void flush() {
    run(
        () -> {
          flushSeq = nextSeq - 1;
          pump();
        });
  }

  /** Drops the queued (not yet sent) objects of records of these partitions. */
  public void drop(Collection<TopicPartition> partitions) {
    Set<TopicPartition> closedPartitions = new HashSet<>(partitions);
    run(() -> dropQueued(closedPartitions));
  }

  /** Objects held, waiting or in flight. */
  public long bufferedObjects() {
    return bufferedObjects.get();
  }

  /** Serialized bytes of the objects held. */
  public long bufferedBytes() {
    return bufferedBytes.get();
  }

  /** Stops sending; requests in flight are cancelled (their records were not committed). */
  @Override
  public void close() {
    closed = true;
    sender.shutdownNow();
    transport.close();
  }

  private void run(Runnable work) {
    if (closed) {
      return;
    }
    try {
      sender.execute(guarded(work));
    } catch (RejectedExecutionException e) {
      // closed meanwhile
    }
  }

  /** Work on the sender thread: an unexpected failure fails the task instead of vanishing. */
  private Runnable guarded(Runnable work) {
    return () -> {
      try {
        work.run();
      } catch (RuntimeException e) {
        log.error("The Braze delivery pipeline failed", e);
        halted = true;
        listener.fatal(new ConnectException("The Braze delivery pipeline failed unexpectedly", e));
      }
    };
  }

  private void enqueue(Outbound o) {
    o.seq = nextSeq++;
    o.enqueuedAt = clock.getAsLong();
    UserQueue u = users.computeIfAbsent(o.object.userKey(), UserQueue::new);
    boolean wasReady = u.locks == 0 && !u.queue.isEmpty();
    u.queue.addLast(o);
    u.queuedBytes += o.object.size();
    queuedObjects++;
    if (u.locks == 0) {
      if (!wasReady) {
        ready.add(u);
      }
      readyObjects++;
      readyBytes += o.object.size();
    }
  }

  private void pump() {
    if (closed || halted) {
      return;
    }
    long now = clock.getAsLong();
    while (inFlight < maxInFlight) {
      Batch due = retries.peek();
      boolean retryDue = due != null && due.dueAt <= now;
      boolean partial = false;
      if (!retryDue) {
        if (readyObjects == 0) {
          partialSince = -1;
          break;
        }
        Outbound oldest = ready.first().queue.peekFirst();
        partial = readyObjects < limits.maxObjects() && readyBytes < limits.maxBytes() && oldest.seq > flushSeq;
        if (partial && now - oldest.enqueuedAt < lingerMs) {
          wakeAt(oldest.enqueuedAt + lingerMs);
          break;
        }
      }
      long delay = limiter.delayMs();
      if (delay > 0) {
        wakeAt(now + delay);
        return;
      }
      if (partial && holdPartial(now)) {
        break;
      }
      Batch batch = retryDue ? retries.poll() : assemble();
      if (batch == null) {
        break;
      }
      if (!retryDue) {
        partialSince = -1;
      }
      dispatch(batch, now);
    }
    if (!retries.isEmpty() && inFlight < maxInFlight) {
      wakeAt(retries.peek().dueAt);
    }
  }

  /**
   * Whether a partial batch that could leave now waits instead: while objects are queued behind
   * requests in flight (their end makes those objects ready), for at most {@code lingerMs} from
   * the moment the batch could first have left. Nothing in flight, or nothing behind it: it
   * leaves.
   */
  private boolean holdPartial(long now) {
    boolean more = inFlight > 0 && queuedObjects > readyObjects;
    if (!more) {
      return false;
    }
    if (partialSince < 0) {
      partialSince = now;
    }
    if (now - partialSince >= lingerMs) {
      return false;
    }
    wakeAt(partialSince + lingerMs);
    return true;
  }

  /** Fills a batch from the ready users, oldest head first. */
  private Batch assemble() {
    int[] counts = new int[ObjectKind.values().length];
    long bytes = TrackRequest.ENVELOPE_BYTES;
    List<Outbound> taken = new ArrayList<>();
    List<UserQueue> locked = new ArrayList<>();
    int misses = 0;
    Iterator<UserQueue> it = ready.iterator();
    while (it.hasNext() && !limits.isFull(counts, bytes) && misses < limits.capacity() * 2) {
      UserQueue u = it.next();
      Outbound head = u.queue.peekFirst();
      if (!limits.fits(counts, bytes, head.object.kind(), head.object.size())) {
        misses++;
        continue;
      }
      it.remove();
      readyObjects -= u.queue.size();
      readyBytes -= u.queuedBytes;
      int floor = 0;
      while (!u.queue.isEmpty()) {
        Outbound o = u.queue.peekFirst();
        ObjectKind kind = o.object.kind();
        // Braze applies attributes, then events, then purchases: never let a later object of
        // this user overtake an earlier one inside the request.
        if (kind.ordinal() < floor || !limits.fits(counts, bytes, kind, o.object.size())) {
          break;
        }
        u.queue.pollFirst();
        u.queuedBytes -= o.object.size();
        queuedObjects--;
        taken.add(o);
        counts[kind.ordinal()]++;
        bytes += o.object.size() + 1;
        floor = kind.ordinal();
      }
      u.locks++;
      locked.add(u);
    }
    return taken.isEmpty() ? null : new Batch(taken, locked);
  }

  private void dispatch(Batch batch, long now) {
    limiter.acquire();
    inFlight++;
    metrics.inFlight.incrementAndGet();
    boolean isRetry = batch.attempt > 0;
    batch.attempt++;
    if (batch.firstAttemptAt < 0) {
      batch.firstAttemptAt = now;
    }
    batch.sentAt = now;
    if (batch.waitsForRecovery) {
      batch.waitsForRecovery = false;
      waitingForRecovery--;
    }
    metrics.request(batch.objects.size(), isRetry);
    long started = System.nanoTime();
    CompletableFuture<TrackResponse> answer;
    try {
      answer = transport.send(batch.request());
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    answer.whenComplete((response, error) -> run(() -> complete(batch, response, error, started)));
  }

  private void complete(Batch batch, TrackResponse response, Throwable error, long startedNanos) {
    inFlight--;
    metrics.inFlight.decrementAndGet();
    metrics.latency(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos));
    long now = clock.getAsLong();
    boolean earlyAttempt = batch.earlyRetry;
    batch.earlyRetry = false;
    if (error != null) {
      metrics.connectionErrors.increment();
      backOff(batch, now, describe(error), earlyAttempt);
    } else {
      limiter.observe(response.rateLimit(), inFlight);
      if (response.outcome() != TrackResponse.Outcome.RETRY) {
        answered(now);
      }
      switch (response.outcome()) {
        case SUCCESS:
          succeeded(batch, response);
          break;
        case RATE_LIMITED:
          metrics.rateLimited.increment();
          long resetAt = resetAt(response, now, batch);
          limiter.blockUntil(resetAt);
          retryOrGiveUp(batch, now, resetAt, response.describe());
          break;
        case RETRY:
          metrics.serverErrors.increment();
          backOff(batch, now, response.describe(), earlyAttempt);
          break;
        case BAD_REQUEST:
          badRequest(batch, response, now);
          break;
        case FATAL:
          halt(response);
          break;
        default:
          for (Outbound o : batch.objects) {
            fail(o, new BadRecordException(
                Reason.BRAZE_REJECTED_REQUEST, null, "Braze refused the request: " + response.describe()));
          }
          finish(batch, now);
      }
    }
    pump();
  }

  /**
   * A 5xx, 408, timeout or connection failure: retry after the batch's backoff. When no request
   * was answered since this one was sent, Braze is failing for everyone: the batch is retried as
   * soon as Braze answers again, unless this attempt was already such an early retry.
   */
  private void backOff(Batch batch, long now, String why, boolean earlyAttempt) {
    boolean outage = lastAnsweredAt < batch.sentAt && !earlyAttempt;
    if (retryOrGiveUp(batch, now, now + retry.backoffMs(batch.attempt), why) && outage) {
      batch.waitsForRecovery = true;
      waitingForRecovery++;
    }
  }

  /** Braze answered: batches that failed only because it was down are due now. */
  private void answered(long now) {
    lastAnsweredAt = now;
    if (waitingForRecovery == 0) {
      return;
    }
    PriorityQueue<Batch> rescheduled = new PriorityQueue<>(Math.max(1, retries.size()), DUE_ORDER);
    int released = 0;
    for (Batch b : retries) {
      if (b.waitsForRecovery) {
        b.waitsForRecovery = false;
        if (b.dueAt > now) {
          b.dueAt = now;
          b.earlyRetry = true;
          released++;
        }
      }
      rescheduled.add(b);
    }
    retries = rescheduled;
    waitingForRecovery = 0;
    if (released > 0) {
      log.debug("Braze answers again: retrying {} waiting request(s) now instead of after their backoff", released);
    }
  }

  private long resetAt(TrackResponse response, long now, Batch batch) {
    Long reset = response.rateLimit().resetEpochSeconds();
    if (reset != null && reset * 1000 + RESET_MARGIN_MS > now) {
      return reset * 1000 + RESET_MARGIN_MS;
    }
    return now + retry.backoffMs(batch.attempt);
  }

  private void succeeded(Batch batch, TrackResponse response) {
    Map<Integer, String> rejected = mappedErrors(batch, response);
    for (int i = 0; i < batch.objects.size(); i++) {
      Outbound o = batch.objects.get(i);
      String type = rejected.get(i);
      if (type == null) {
        deliver(o);
      } else {
        metrics.itemErrors.increment();
        fail(o, new BadRecordException(
            Reason.BRAZE_ITEM_ERROR, null, "Braze rejected its " + o.object.kind().arrayName() + " object: " + type));
      }
    }
    finish(batch, clock.getAsLong());
  }

  /** Item errors by position in the batch; errors naming no object are logged. */
  private Map<Integer, String> mappedErrors(Batch batch, TrackResponse response) {
    Map<Integer, String> byPosition = new HashMap<>();
    List<String> unmapped = new ArrayList<>();
    for (ItemError e : response.errors()) {
      int at = batch.request().positionOf(e.array(), e.index());
      if (at >= 0) {
        byPosition.putIfAbsent(at, e.type());
      } else {
        unmapped.add(e.type());
      }
    }
    if (!unmapped.isEmpty() && response.outcome() == TrackResponse.Outcome.SUCCESS) {
      log.warn(
          "Braze answered {} with {} error(s) that name no object of the request; the request's "
              + "objects count as accepted. Errors: {}",
          response.status(),
          unmapped.size(),
          unmapped.subList(0, Math.min(3, unmapped.size())));
    }
    return byPosition;
  }

  /** 400 or 413: report the objects Braze named, or split the batch to isolate the bad one. */
  private void badRequest(Batch batch, TrackResponse response, long now) {
    Map<Integer, String> named = mappedErrors(batch, response);
    if (!named.isEmpty()) {
      List<Outbound> rest = new ArrayList<>();
      for (int i = 0; i < batch.objects.size(); i++) {
        Outbound o = batch.objects.get(i);
        String type = named.get(i);
        if (type == null) {
          rest.add(o);
        } else {
          metrics.itemErrors.increment();
          fail(o, new BadRecordException(
              Reason.BRAZE_ITEM_ERROR,
              null,
              "Braze rejected its " + o.object.kind().arrayName() + " object (" + response.describe() + "): " + type));
        }
      }
      replace(batch, List.of(rest), now);
      return;
    }
    if (batch.objects.size() > 1) {
      log.debug("Braze refused a request of {} objects ({}): splitting it", batch.objects.size(), response.describe());
      int mid = batch.objects.size() / 2;
      replace(
          batch,
          List.of(
              new ArrayList<>(batch.objects.subList(0, mid)),
              new ArrayList<>(batch.objects.subList(mid, batch.objects.size()))),
          now);
      return;
    }
    Outbound o = batch.objects.get(0);
    fail(o, new BadRecordException(
        response.status() == 413 ? Reason.OBJECT_TOO_LARGE : Reason.BRAZE_REJECTED_REQUEST,
        null,
        "Braze refused a request holding only its " + o.object.kind().arrayName() + " object: " + response.describe()));
    finish(batch, now);
  }

  /**
   * Replaces a batch by smaller ones sent one after the other (each after the previous ended),
   * keeping their users locked throughout.
   */
  private void replace(Batch batch, List<List<Outbound>> parts, long now) {
    Batch first = null;
    Batch previous = null;
    for (List<Outbound> part : parts) {
      if (part.isEmpty()) {
        continue;
      }
      Set<UserQueue> partUsers = new LinkedHashSet<>();
      for (Outbound o : part) {
        partUsers.add(users.get(o.object.userKey()));
      }
      for (UserQueue u : partUsers) {
        u.locks++;
      }
      Batch b = new Batch(part, new ArrayList<>(partUsers));
      b.firstAttemptAt = batch.firstAttemptAt;
      if (previous == null) {
        first = b;
      } else {
        previous.next = b;
      }
      previous = b;
    }
    if (previous != null) {
      previous.next = batch.next;
    } else {
      first = batch.next;
    }
    batch.next = null;
    release(batch);
    if (first != null) {
      first.dueAt = now;
      retries.add(first);
    }
  }

  /** Queues the batch for a retry at {@code retryAt} (true), or reports its objects (false). */
  private boolean retryOrGiveUp(Batch batch, long now, long retryAt, String why) {
    if (retry.allows(batch.firstAttemptAt, retryAt)) {
      log.debug(
          "Retrying a request of {} objects in {} ms (attempt {} failed: {})",
          batch.objects.size(),
          Math.max(0, retryAt - now),
          batch.attempt,
          why);
      batch.dueAt = retryAt;
      retries.add(batch);
      return true;
    }
    log.warn(
        "Giving up a request of {} objects after {} attempts in {} ms; its records are reported: {}",
        batch.objects.size(),
        batch.attempt,
        now - batch.firstAttemptAt,
        why);
    String message =
        "Braze did not accept the request after "
            + batch.attempt
            + " attempt(s) in "
            + (now - batch.firstAttemptAt)
            + " ms (braze.retry.timeout.ms="
            + retry.retryTimeoutMs()
            + "); last failure: "
            + why;
    for (Outbound o : batch.objects) {
      fail(o, new BadRecordException(Reason.RETRIES_EXHAUSTED, null, message));
    }
    finish(batch, now);
    return false;
  }

  private void halt(TrackResponse response) {
    halted = true;
    String hint;
    switch (response.status()) {
      case 401:
        hint = "check braze.api.key (a REST API key, without quotes) and that braze.rest.url is "
            + "the REST endpoint of the key's Braze instance";
        break;
      case 403:
        hint = "the key lacks the users.track permission, or the Braze account is inactive";
        break;
      case 404:
      case 405:
        hint = "braze.rest.url does not look like a Braze REST endpoint";
        break;
      default:
        hint = "Braze answered with a redirect, which the sink never follows: set braze.rest.url "
            + "to the https:// REST endpoint of your instance";
    }
    listener.fatal(
        new ConnectException("Braze refused the sink's requests with " + response.describe() + ": " + hint));
  }

  private void finish(Batch batch, long now) {
    release(batch);
    if (batch.next != null) {
      batch.next.dueAt = now;
      retries.add(batch.next);
      batch.next = null;
    }
  }

  private void release(Batch batch) {
    for (UserQueue u : batch.users) {
      u.locks--;
      if (u.locks == 0) {
        if (u.queue.isEmpty()) {
          users.remove(u.key);
        } else {
          ready.add(u);
          readyObjects += u.queue.size();
          readyBytes += u.queuedBytes;
        }
      }
    }
  }

  private void deliver(Outbound o) {
    unbuffer(o);
    metrics.sent(o.object.kind());
    listener.delivered(o);
  }

  private void fail(Outbound o, BadRecordException reason) {
    unbuffer(o);
    listener.failed(o, reason);
  }

  private void unbuffer(Outbound o) {
    bufferedObjects.decrementAndGet();
    bufferedBytes.addAndGet(-o.object.size());
  }

  private void dropQueued(Set<TopicPartition> partitions) {
    ready.clear();
    readyObjects = 0;
    readyBytes = 0;
    Iterator<UserQueue> it = users.values().iterator();
    while (it.hasNext()) {
      UserQueue u = it.next();
      Iterator<Outbound> objects = u.queue.iterator();
      while (objects.hasNext()) {
        Outbound o = objects.next();
        if (partitions.contains(o.entry.partition)) {
          objects.remove();
          u.queuedBytes -= o.object.size();
          queuedObjects--;
          unbuffer(o);
          listener.abandoned(o);
        }
      }
      if (u.locks == 0) {
        if (u.queue.isEmpty()) {
          it.remove();
        } else {
          ready.add(u);
          readyObjects += u.queue.size();
          readyBytes += u.queuedBytes;
        }
      }
    }
    pump();
  }

  private void wakeAt(long at) {
    if (wake != null && !wake.isDone() && wakeAt <= at) {
      return;
    }
    if (wake != null) {
      wake.cancel(false);
    }
    wakeAt = at;
    long delay = Math.max(0, at - clock.getAsLong());
    try {
      wake =
          sender.schedule(
              guarded(
                  () -> {
                    wake = null;
                    wakeAt = Long.MAX_VALUE;
                    pump();
                  }),
              delay,
              TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closed meanwhile
    }
  }

  private static String describe(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    String kind = cause instanceof InterruptedIOException ? "timeout" : "connection failure";
    return kind + " (" + cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")";
  }
}
