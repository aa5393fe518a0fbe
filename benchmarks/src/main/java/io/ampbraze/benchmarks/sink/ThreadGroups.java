package io.ampbraze.benchmarks.sink;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the harness JVM's CPU goes, by thread: the task threads (put, preCommit: reading,
 * mapping, tracking records), each task's sender thread (batching, rate limiting, outcomes),
 * the HTTP threads (request bodies out, answers in, connection upkeep), the harness's samplers, and the rest of the JVM (GC, JIT: the process total minus all Java threads).
 */
final class ThreadGroups {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ThreadGroups() {}

  static String group(String threadName) {
    if (threadName.startsWith("bench-worker-")) {
      return "task_threads";
    }
    if (threadName.startsWith("braze-sink-") && threadName.endsWith("-sender")) {
      return "sender_threads";
    }
    if (threadName.startsWith("braze-sink-") && threadName.contains("-http-") || threadName.startsWith("OkHttp")) {
      return "http_threads"; // OkHttp renames a call's thread "OkHttp <url>" while it runs the call
    }
    if (threadName.startsWith("bench-")) {
      return "harness_threads";
    }
    return "other_java_threads";
  }

  /** Thread id → {group index, cpu nanos}. */
  static Map<Long, long[]> cpuByThread() {
    Map<Long, long[]> out = new HashMap<>();
    long[] ids = THREADS.getAllThreadIds();
    ThreadInfo[] infos = THREADS.getThreadInfo(ids);
    for (int i = 0; i < ids.length; i++) {
      if (infos[i] == null) {
        continue;
      }
      long cpu = THREADS.getThreadCpuTime(ids[i]);
      if (cpu >= 0) {
        out.put(ids[i], new long[] {GROUPS.indexOf(group(infos[i].getThreadName())), cpu});
      }
    }
    return out;
  }

  private static final java.util.List<String> GROUPS = java.util.List.of(
      "task_threads", "sender_threads", "http_threads", "harness_threads", "other_java_threads");

  /** CPU nanoseconds per group between two readings; "jvm_gc_jit_other" is the process rest. */
  static Map<String, Long> delta(Map<Long, long[]> before, Map<Long, long[]> after, long processCpuDelta) {
    Map<String, Long> out = new LinkedHashMap<>();
    GROUPS.forEach(g -> out.put(g, 0L));
    long sum = 0;
    for (Map.Entry<Long, long[]> e : after.entrySet()) {
      long[] b = before.get(e.getKey());
      long d = e.getValue()[1] - (b == null ? 0 : b[1]);
      out.merge(GROUPS.get((int) e.getValue()[0]), d, Long::sum);
      sum += d;
    }
    out.put("jvm_gc_jit_other", Math.max(0, processCpuDelta - sum));
    return out;
  }
}
