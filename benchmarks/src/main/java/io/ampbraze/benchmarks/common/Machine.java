package io.ampbraze.benchmarks.common;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the benchmarks ran on, printed by the harness itself (cores, memory, JDK, load). */
public final class Machine {
  private Machine() {}

  public static ObjectNode describe() {
    ObjectNode m = JsonNodeFactory.instance.objectNode();
    m.put("time", Instant.now().toString());
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("cpuModel", cpuModel());
    m.put("memoryTotalMiB", memTotalKib() / 1024);
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    m.put("jvmArgs", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
    m.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    m.put("loadAverage", loadAverage());
    return m;
  }

  /** The 1, 5 and 15 minute load averages, as {@code uptime} prints them. */
  public static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  /** A one-line summary for the console. */
  public static String summary(ObjectNode m) {
    return m.get("cores").asInt() + " cores (" + m.get("cpuModel").asText() + "), "
        + m.get("memoryTotalMiB").asLong() + " MiB memory, " + m.get("jdk").asText() + ", " + m.get("os").asText()
        + ", load average " + m.get("loadAverage").asText();
  }

  private static String cpuModel() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
      for (String line : lines) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return System.getProperty("os.arch");
  }

  private static long memTotalKib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux
    }
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return os.getTotalMemorySize() / 1024;
  }
}
