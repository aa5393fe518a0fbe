package io.ampbraze.connect.braze.delivery;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.ampbraze.connect.braze.braze.ObjectKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-task counters, exposed as a standard MBean (Connect 3.6 has no plugin metrics API).
 * Updated from the task and sender threads; read by JMX.
 */
public final class BrazeSinkTaskMetrics implements BrazeSinkTaskMetricsMBean {
  public static final String DOMAIN = "io.ampbraze.connect.braze";
  private static final Logger log = LoggerFactory.getLogger(BrazeSinkTaskMetrics.class);

  final LongAdder recordsIn = new LongAdder();
  final LongAdder recordsSkipped = new LongAdder();
  final LongAdder recordsReported = new LongAdder();
  final LongAdder recordsDelivered = new LongAdder();
  final LongAdder[] objectsSent = {new LongAdder(), new LongAdder(), new LongAdder()};
  final LongAdder deduplicated = new LongAdder();
  final LongAdder requests = new LongAdder();
  final LongAdder retries = new LongAdder();
  final LongAdder rateLimited = new LongAdder();
  final LongAdder serverErrors = new LongAdder();
  final LongAdder connectionErrors = new LongAdder();
  final LongAdder itemErrors = new LongAdder();
  final LongAdder batchObjects = new LongAdder();
  final LongAdder latencyMsTotal = new LongAdder();
  final LongAdder latencySamples = new LongAdder();
  final AtomicLong latencyMaxMs = new AtomicLong();
  final AtomicInteger inFlight = new AtomicInteger();
  volatile boolean paused;

  private final int batchCapacity;
  private volatile LongSupplier bufferedObjects = () -> 0;
  private volatile LongSupplier bufferedBytes = () -> 0;
  private volatile LongSupplier rateLimitRemaining = () -> -1;
  private ObjectName name;

  public BrazeSinkTaskMetrics(int batchCapacity) {
    this.batchCapacity = batchCapacity;
  }

  /** The MBean name of a task. */
  public static ObjectName objectName(String connector, int task) {
    try {
      return new ObjectName(
          DOMAIN + ":type=sink-task-metrics,connector=" + sanitize(connector) + ",task=" + task);
    } catch (JMException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static String sanitize(String name) {
    return name == null ? "unknown" : name.replaceAll("[,=:*?\"\\s\\\\]", "_");
  }

  /** Registers the MBean, replacing a stale one of an earlier run of the same task. */
  public void register(String connector, int task) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName n = objectName(connector, task);
    try {
      try {
        server.registerMBean(this, n);
      } catch (InstanceAlreadyExistsException e) {
        server.unregisterMBean(n);
        server.registerMBean(this, n);
      }
      name = n;
    } catch (JMException e) {
      log.warn("Could not register the task metrics MBean {}: {}", n, e.toString());
    }
  }

  public void unregister() {
    if (name == null) {
      return;
    }
    try {
      ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
    } catch (InstanceNotFoundException e) {
      // already gone
    } catch (JMException e) {
      log.warn("Could not unregister the task metrics MBean {}: {}", name, e.toString());
    }
    name = null;
  }

  void gauges(LongSupplier objects, LongSupplier bytes, LongSupplier remaining) {
    this.bufferedObjects = objects;
    this.bufferedBytes = bytes;
    this.rateLimitRemaining = remaining;
  }

  void request(int objects, boolean retry) {
    requests.increment();
    batchObjects.add(objects);
    if (retry) {
      retries.increment();
    }
  }

  void latency(long ms) {
    latencyMsTotal.add(ms);
    latencySamples.increment();
    latencyMaxMs.accumulateAndGet(ms, Math::max);
  }

  void sent(ObjectKind kind) {
    objectsSent[kind.ordinal()].increment();
  }

  public void recordIn() {
    recordsIn.increment();
  }

  public void recordSkipped() {
    recordsSkipped.increment();
  }

  public void recordReported() {
    recordsReported.increment();
  }

  public void recordDelivered() {
    recordsDelivered.increment();
  }

  public void paused(boolean value) {
    paused = value;
  }

  public void deduplicated(int values) {
    deduplicated.add(values);
  }

  @Override
  public long getRecordsIn() {
    return recordsIn.sum();
  }

  @Override
  public long getRecordsSkipped() {
    return recordsSkipped.sum();
  }

  @Override
  public long getRecordsReported() {
    return recordsReported.sum();
  }

  @Override
  public long getRecordsDelivered() {
    return recordsDelivered.sum();
  }

  @Override
  public long getAttributesSent() {
    return objectsSent[ObjectKind.ATTRIBUTES.ordinal()].sum();
  }

  @Override
  public long getEventsSent() {
    return objectsSent[ObjectKind.EVENTS.ordinal()].sum();
  }

  @Override
  public long getPurchasesSent() {
    return objectsSent[ObjectKind.PURCHASES.ordinal()].sum();
  }

  @Override
  public long getAttributeValuesDeduplicated() {
    return deduplicated.sum();
  }

  @Override
  public long getRequests() {
    return requests.sum();
  }

  @Override
  public long getRetries() {
    return retries.sum();
  }

  @Override
  public long getRateLimitedResponses() {
    return rateLimited.sum();
  }

  @Override
  public long getServerErrors() {
    return serverErrors.sum();
  }

  @Override
  public long getConnectionErrors() {
    return connectionErrors.sum();
  }

  @Override
  public long getItemErrors() {
    return itemErrors.sum();
  }

  @Override
  public double getBatchObjectsAvg() {
    long n = requests.sum();
    return n == 0 ? 0 : (double) batchObjects.sum() / n;
  }

  @Override
  public double getBatchFillRatioAvg() {
    return getBatchObjectsAvg() / batchCapacity;
  }

  @Override
  public double getRequestLatencyAvgMs() {
    long n = latencySamples.sum();
    return n == 0 ? 0 : (double) latencyMsTotal.sum() / n;
  }

  @Override
  public long getRequestLatencyMaxMs() {
    return latencyMaxMs.get();
  }

  @Override
  public int getInFlightRequests() {
    return inFlight.get();
  }

  @Override
  public long getBufferedObjects() {
    return bufferedObjects.getAsLong();
  }

  @Override
  public long getBufferedBytes() {
    return bufferedBytes.getAsLong();
  }

  @Override
  public boolean isPaused() {
    return paused;
  }

  @Override
  public long getRateLimitRemaining() {
    return rateLimitRemaining.getAsLong();
  }
}
