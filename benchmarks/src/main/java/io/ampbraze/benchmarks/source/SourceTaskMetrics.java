package io.ampbraze.benchmarks.source;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** Reads the counters of one Currents source task's MBean. */
final class SourceTaskMetrics {
  /** The counters the benchmarks use. */
  record Snapshot(long listCalls, long filesListed, long readCalls, long filesRead, long bytesRead, long recordsRead,
      long recordsEmitted, long recordsSkippedNoId, long pendingFiles, long storageErrors) {
    Snapshot minus(Snapshot o) {
      return new Snapshot(listCalls - o.listCalls, filesListed - o.filesListed, readCalls - o.readCalls,
          filesRead - o.filesRead, bytesRead - o.bytesRead, recordsRead - o.recordsRead,
          recordsEmitted - o.recordsEmitted, recordsSkippedNoId - o.recordsSkippedNoId, pendingFiles,
          storageErrors - o.storageErrors);
    }
  }

  private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();
  private final ObjectName name;

  SourceTaskMetrics(String connector, int task) {
    try {
      name = new ObjectName("io.ampbraze.connect.currents:type=source-task-metrics,connector=" + connector
          + ",task=" + task);
    } catch (JMException e) {
      throw new IllegalArgumentException(e);
    }
  }

  Snapshot read() {
    return new Snapshot(get("ListCalls"), get("FilesListed"), get("ReadCalls"), get("FilesRead"), get("BytesRead"),
        get("RecordsRead"), get("RecordsEmitted"), get("RecordsSkippedNoId"), get("PendingFiles"),
        get("StorageErrors"));
  }

  private long get(String attribute) {
    try {
      Object v = SERVER.getAttribute(name, attribute);
      return v instanceof Number ? ((Number) v).longValue() : 0;
    } catch (JMException e) {
      return 0;
    }
  }
}
