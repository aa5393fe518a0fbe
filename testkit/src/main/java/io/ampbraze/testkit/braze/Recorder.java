package io.ampbraze.testkit.braze;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.databind.JsonNode;

/** What the emulator accepted and answered. Thread-safe. */
final class Recorder {
  private final boolean keepObjects;
  private final List<AcceptedObject> accepted = new ArrayList<>();
  private final Map<String, List<AcceptedObject>> byUser = new LinkedHashMap<>();
  private final long[] counts = new long[ObjectKind.values().length];
  private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
  private final AtomicLong requests = new AtomicLong();
  private final LongAdder itemErrors = new LongAdder();
  private final LongAdder drops = new LongAdder();
  private long sequence;

  Recorder(boolean keepObjects) {
    this.keepObjects = keepObjects;
  }

  long nextRequest() {
    return requests.incrementAndGet();
  }

  void status(int code) {
    statuses.computeIfAbsent(code, k -> new LongAdder()).increment();
  }

  void itemError() {
    itemErrors.increment();
  }

  void drop() {
    drops.increment();
    status(0);
  }

  /** Records one request's accepted objects together, in request order. */
  synchronized void accept(long request, List<ObjectKind> kinds, List<String> users, List<JsonNode> objects) {
    Instant now = Instant.now();
    for (int i = 0; i < objects.size(); i++) {
      counts[kinds.get(i).ordinal()]++;
      if (keepObjects) {
        AcceptedObject o = new AcceptedObject(sequence++, request, kinds.get(i), users.get(i), objects.get(i), now);
        accepted.add(o);
        byUser.computeIfAbsent(o.userKey(), k -> new ArrayList<>()).add(o);
      }
    }
  }

  synchronized List<AcceptedObject> accepted() {
    return List.copyOf(accepted);
  }

  synchronized Map<String, List<AcceptedObject>> byUser() {
    Map<String, List<AcceptedObject>> copy = new LinkedHashMap<>();
    byUser.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    return copy;
  }

  synchronized List<AcceptedObject> forUser(String userKey) {
    return List.copyOf(byUser.getOrDefault(userKey, List.of()));
  }

  synchronized EmulatorSummary summary(int rateRequests, long rateWindowMs, BatchRegime regime) {
    Map<Integer, Long> byStatus = new HashMap<>();
    statuses.forEach((k, v) -> byStatus.put(k, v.sum()));
    return new EmulatorSummary(
        requests.get(),
        Map.copyOf(byStatus),
        counts[0],
        counts[1],
        counts[2],
        itemErrors.sum(),
        drops.sum(),
        byUser.size(),
        rateRequests,
        rateWindowMs,
        regime);
  }

  synchronized void reset() {
    accepted.clear();
    byUser.clear();
    java.util.Arrays.fill(counts, 0);
    statuses.clear();
    requests.set(0);
    itemErrors.reset();
    drops.reset();
    sequence = 0;
  }
}
