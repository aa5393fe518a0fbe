package io.ampbraze.testkit.braze;

import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Counters of an emulator run, also served as JSON at {@code GET /_emulator/summary}.
 *
 * @param requests /users/track requests received (including refused ones)
 * @param statuses /users/track answers per HTTP status; dropped connections count under 0
 * @param itemErrors objects answered in errors[]
 * @param users distinct users with accepted objects (0 when objects are not recorded)
 */
public record EmulatorSummary(
    long requests,
    Map<Integer, Long> statuses,
    long attributes,
    long events,
    long purchases,
    long itemErrors,
    long droppedConnections,
    long users,
    int rateLimitRequests,
    long rateLimitWindowMs,
    BatchRegime regime) {

  /** Accepted objects of all kinds. */
  public long accepted() {
    return attributes + events + purchases;
  }

  /** Answers with this status. */
  public long status(int code) {
    return statuses.getOrDefault(code, 0L);
  }

  /** The summary as served over HTTP. */
  public ObjectNode toJson(ObjectMapper mapper) {
    ObjectNode root = mapper.createObjectNode();
    root.put("requests", requests);
    ObjectNode byStatus = root.putObject("statuses");
    new TreeMap<>(statuses).forEach((code, n) -> byStatus.put(Integer.toString(code), n));
    ObjectNode accepted = root.putObject("accepted");
    accepted.put("attributes", attributes);
    accepted.put("events", events);
    accepted.put("purchases", purchases);
    accepted.put("total", accepted());
    root.put("itemErrors", itemErrors);
    root.put("droppedConnections", droppedConnections);
    root.put("users", users);
    ObjectNode rate = root.putObject("rateLimit");
    rate.put("requests", rateLimitRequests);
    rate.put("windowMs", rateLimitWindowMs);
    ObjectNode batch = root.putObject("batchRegime");
    batch.put("maxObjects", regime.maxObjects());
    batch.put("perArray", regime.perArray());
    return root;
  }
}
