package io.ampbraze.benchmarks.common;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Heap use during a measurement: the largest heap in use seen by a sampler (garbage included,
 * what a dashboard shows) and the largest heap left after a collection (the live set, what the
 * code under test actually retains), plus GC counts and time.
 */
public final class HeapMonitor implements AutoCloseable {
  private final AtomicLong peakUsed = new AtomicLong();
  private final AtomicLong peakAfterGc = new AtomicLong();
  private final Set<String> heapPools = new HashSet<>();
  private final NotificationListener listener = this::onGc;
  private final Thread sampler;
  private final long gcCountStart;
  private final long gcTimeStart;
  private volatile boolean running = true;

  public HeapMonitor() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        heapPools.add(pool.getName());
      }
    }
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
    }
    gcCountStart = gcCount();
    gcTimeStart = gcTimeMs();
    sampler = new Thread(this::sample, "bench-heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Heap in use right now (garbage included). */
  public static long usedNow() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Heap in use after a full collection: the live set. */
  public static long liveAfterFullGc() {
    System.gc();
    System.gc();
    return usedNow();
  }

  public long peakUsedBytes() {
    return peakUsed.get();
  }

  /** The largest heap left after any collection during the measurement (0 if none ran). */
  public long peakAfterGcBytes() {
    return peakAfterGc.get();
  }

  public long gcCollections() {
    return gcCount() - gcCountStart;
  }

  public long gcTimeMillis() {
    return gcTimeMs() - gcTimeStart;
  }

  private void sample() {
    while (running) {
      peakUsed.accumulateAndGet(usedNow(), Math::max);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void onGc(Notification n, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
    long after = 0;
    for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (heapPools.contains(e.getKey())) {
        after += e.getValue().getUsed();
      }
    }
    long before = 0;
    for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
      if (heapPools.contains(e.getKey())) {
        before += e.getValue().getUsed();
      }
    }
    peakAfterGc.accumulateAndGet(after, Math::max);
    peakUsed.accumulateAndGet(before, Math::max);
  }

  private static long gcCount() {
    long n = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += Math.max(0, gc.getCollectionCount());
    }
    return n;
  }

  private static long gcTimeMs() {
    long t = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      t += Math.max(0, gc.getCollectionTime());
    }
    return t;
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      try {
        ((NotificationEmitter) gc).removeNotificationListener(listener);
      } catch (javax.management.ListenerNotFoundException e) {
        // already gone
      }
    }
  }
}
