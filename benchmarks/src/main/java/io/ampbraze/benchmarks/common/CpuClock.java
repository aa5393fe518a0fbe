package io.ampbraze.benchmarks.common;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time: this JVM's (all threads, GC and JIT included), another process's, and the whole
 * machine's busy time, so each result can say whose CPU it used.
 */
public final class CpuClock {
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private CpuClock() {}

  /** CPU nanoseconds used by this JVM so far. */
  public static long processCpuNanos() {
    return OS.getProcessCpuTime();
  }

  /** CPU nanoseconds used by another process so far (e.g. the emulator JVM), or -1. */
  public static long processCpuNanos(long pid) {
    try {
      // /proc/<pid>/stat fields 14 and 15: utime and stime in clock ticks (100 per second on Linux).
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      return ticks * 10_000_000L;
    } catch (IOException | RuntimeException e) {
      return ProcessHandle.of(pid)
          .flatMap(p -> p.info().totalCpuDuration())
          .map(d -> d.toNanos())
          .orElse(-1L);
    }
  }

  /** The machine's busy and total jiffies from /proc/stat (all cores), or null off Linux. */
  public static long[] machineJiffies() {
    try {
      String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
      String[] f = first.trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
      return new long[] {total - idle, total};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Busy fraction of the whole machine (0..1) between two {@link #machineJiffies()} readings. */
  public static double machineBusy(long[] before, long[] after) {
    if (before == null || after == null || after[1] == before[1]) {
      return Double.NaN;
    }
    return (double) (after[0] - before[0]) / (after[1] - before[1]);
  }
}
