package io.ampbraze.benchmarks.sink;

import java.lang.management.ManagementFactory;
import java.util.List;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** Reads the sink tasks' JMX counters (the MBean every task registers) and sums them over tasks. */
final class TaskMetrics {
  /** The counters the benchmarks use, summed over a connector's tasks. */
  record Snapshot(
      long recordsIn,
      long recordsDelivered,
      long recordsSkipped,
      long recordsReported,
      long objectsSent,
      long requests,
      long retries,
      long rateLimited,
      long serverErrors,
      long connectionErrors,
      long bufferedObjects,
      long bufferedBytes,
      long inFlight,
      int pausedTasks) {

    long recordsFinished() {
      return recordsDelivered + recordsSkipped + recordsReported;
    }

    Snapshot minus(Snapshot o) {
      return new Snapshot(
          recordsIn - o.recordsIn, recordsDelivered - o.recordsDelivered, recordsSkipped - o.recordsSkipped,
          recordsReported - o.recordsReported, objectsSent - o.objectsSent, requests - o.requests,
          retries - o.retries, rateLimited - o.rateLimited, serverErrors - o.serverErrors,
          connectionErrors - o.connectionErrors, bufferedObjects, bufferedBytes, inFlight, pausedTasks);
    }
  }

  private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();
  private final List<ObjectName> names;

  TaskMetrics(String connector, int tasks) {
    try {
      names = new java.util.ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        names.add(new ObjectName("io.ampbraze.connect.braze:type=sink-task-metrics,connector=" + connector + ",task=" + i));
      }
    } catch (JMException e) {
      throw new IllegalArgumentException(e);
    }
  }

  int taskCount() {
    return names.size();
  }

  Snapshot read() {
    long[] s = new long[13];
    int paused = 0;
    for (ObjectName n : names) {
      if (!SERVER.isRegistered(n)) {
        continue;
      }
      s[0] += get(n, "RecordsIn");
      s[1] += get(n, "RecordsDelivered");
      s[2] += get(n, "RecordsSkipped");
      s[3] += get(n, "RecordsReported");
      s[4] += get(n, "AttributesSent") + get(n, "EventsSent") + get(n, "PurchasesSent");
      s[5] += get(n, "Requests");
      s[6] += get(n, "Retries");
      s[7] += get(n, "RateLimitedResponses");
      s[8] += get(n, "ServerErrors");
      s[9] += get(n, "ConnectionErrors");
      s[10] += get(n, "BufferedObjects");
      s[11] += get(n, "BufferedBytes");
      s[12] += get(n, "InFlightRequests");
      paused += Boolean.TRUE.equals(attribute(n, "Paused")) ? 1 : 0;
    }
    return new Snapshot(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10], s[11], s[12], paused);
  }

  /** The tasks' mean request latency since they started (mean of the tasks' means), in ms. */
  double requestLatencyAvgMs() {
    double sum = 0;
    int n = 0;
    for (ObjectName name : names) {
      Object v = attribute(name, "RequestLatencyAvgMs");
      if (v instanceof Number) {
        sum += ((Number) v).doubleValue();
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  private static long get(ObjectName n, String attribute) {
    Object v = attribute(n, attribute);
    return v instanceof Number ? ((Number) v).longValue() : 0;
  }

  private static Object attribute(ObjectName n, String attribute) {
    try {
      return SERVER.getAttribute(n, attribute);
    } catch (JMException e) {
      return null;
    }
  }
}
