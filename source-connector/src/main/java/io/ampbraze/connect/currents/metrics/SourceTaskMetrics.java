package io.ampbraze.connect.currents.metrics;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.StandardMBean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The counters of one source task, exposed as a standard MBean (Connect 3.6 has no plugin
 * metrics API). Updated by the polling thread, read by JMX clients at any time.
 */
public final class SourceTaskMetrics implements CurrentsSourceTaskMetricsMBean {
  public static final String DOMAIN = "io.ampbraze.connect.currents";
  private static final Logger log = LoggerFactory.getLogger(SourceTaskMetrics.class);

  private final AtomicLong eventTypeFolders = new AtomicLong();
  private final AtomicLong listCalls = new AtomicLong();
  private final AtomicLong filesListed = new AtomicLong();
  private final AtomicLong filesQueued = new AtomicLong();
  private final AtomicLong filesIgnored = new AtomicLong();
  private final AtomicLong filesRead = new AtomicLong();
  private final AtomicLong filesSkipped = new AtomicLong();
  private final AtomicLong readCalls = new AtomicLong();
  private final AtomicLong bytesRead = new AtomicLong();
  private final AtomicLong recordsRead = new AtomicLong();
  private final AtomicLong recordsEmitted = new AtomicLong();
  private final AtomicLong recordsSkippedNoId = new AtomicLong();
  private final AtomicLong recordsInvalid = new AtomicLong();
  private final AtomicLong storageErrors = new AtomicLong();
  private final AtomicLong pendingFiles = new AtomicLong();
  private final AtomicLong oldestPendingFileAgeMs = new AtomicLong();
  private final AtomicReference<String> lastCorruptFile = new AtomicReference<>("");
  private final AtomicReference<String> lastStorageError = new AtomicReference<>("");

  private ObjectName registeredAs;

  /** The MBean name of a task. */
  public static ObjectName objectName(String connector, int task) {
    try {
      return new ObjectName(
          DOMAIN + ":type=source-task-metrics,connector=" + quoteIfNeeded(connector) + ",task=" + task);
    } catch (MalformedObjectNameException e) {
      throw new IllegalArgumentException("cannot name the metrics of connector " + connector, e);
    }
  }

  /**
   * Registers this object in the platform MBean server, replacing a leftover registration of the
   * same task (a restarted task in the same worker). A failure is logged, never fatal.
   */
  public void register(String connector, int task) {
    ObjectName name = objectName(connector, task);
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      StandardMBean bean = new StandardMBean(this, CurrentsSourceTaskMetricsMBean.class);
      try {
        server.registerMBean(bean, name);
      } catch (InstanceAlreadyExistsException e) {
        server.unregisterMBean(name);
        server.registerMBean(bean, name);
      }
      registeredAs = name;
    } catch (JMException e) {
      log.warn("Cannot register the task metrics MBean {}: {}", name, e.toString());
    }
  }

  public void unregister() {
    if (registeredAs == null) {
      return;
    }
    try {
      ManagementFactory.getPlatformMBeanServer().unregisterMBean(registeredAs);
    } catch (InstanceNotFoundException e) {
      // already gone
    } catch (JMException e) {
      log.warn("Cannot unregister the task metrics MBean {}: {}", registeredAs, e.toString());
    }
    registeredAs = null;
  }

  private static String quoteIfNeeded(String value) {
    for (char c : value.toCharArray()) {
      if (c == ',' || c == '=' || c == ':' || c == '"' || c == '*' || c == '?' || c == '\\'
          || c == '\n') {
        return ObjectName.quote(value);
      }
    }
    return value;
  }

  // Updates.

  public void eventTypeFolders(long n) {
    eventTypeFolders.set(n);
  }

  public void listCall() {
    listCalls.incrementAndGet();
  }

  public void filesListed(long n) {
    filesListed.addAndGet(n);
  }

  public void fileQueued() {
    filesQueued.incrementAndGet();
  }

  public void fileIgnored() {
    filesIgnored.incrementAndGet();
  }

  public void fileRead() {
    filesRead.incrementAndGet();
  }

  public void fileSkipped(String key, String reason) {
    filesSkipped.incrementAndGet();
    lastCorruptFile.set(key + ": " + reason);
  }

  public void readCall() {
    readCalls.incrementAndGet();
  }

  public void bytesRead(long n) {
    bytesRead.addAndGet(n);
  }

  public void recordRead() {
    recordsRead.incrementAndGet();
  }

  public void recordEmitted() {
    recordsEmitted.incrementAndGet();
  }

  public void recordSkippedNoId() {
    recordsSkippedNoId.incrementAndGet();
  }

  public void recordInvalid() {
    recordsInvalid.incrementAndGet();
  }

  public void storageError(String message) {
    storageErrors.incrementAndGet();
    lastStorageError.set(message);
  }

  public void pending(long files, long oldestAgeMs) {
    pendingFiles.set(files);
    oldestPendingFileAgeMs.set(oldestAgeMs);
  }

  // MBean view.

  @Override
  public long getEventTypeFolders() {
    return eventTypeFolders.get();
  }

  @Override
  public long getListCalls() {
    return listCalls.get();
  }

  @Override
  public long getFilesListed() {
    return filesListed.get();
  }

  @Override
  public long getFilesQueued() {
    return filesQueued.get();
  }

  @Override
  public long getFilesIgnored() {
    return filesIgnored.get();
  }

  @Override
  public long getFilesRead() {
    return filesRead.get();
  }

  @Override
  public long getFilesSkipped() {
    return filesSkipped.get();
  }

  @Override
  public long getReadCalls() {
    return readCalls.get();
  }

  @Override
  public long getBytesRead() {
    return bytesRead.get();
  }

  @Override
  public long getRecordsRead() {
    return recordsRead.get();
  }

  @Override
  public long getRecordsEmitted() {
    return recordsEmitted.get();
  }

  @Override
  public long getRecordsSkippedNoId() {
    return recordsSkippedNoId.get();
  }

  @Override
  public long getRecordsInvalid() {
    return recordsInvalid.get();
  }

  @Override
  public long getStorageErrors() {
    return storageErrors.get();
  }

  @Override
  public long getPendingFiles() {
    return pendingFiles.get();
  }

  @Override
  public long getOldestPendingFileAgeMs() {
    return oldestPendingFileAgeMs.get();
  }

  @Override
  public String getLastCorruptFile() {
    return lastCorruptFile.get();
  }

  @Override
  public String getLastStorageError() {
    return lastStorageError.get();
  }
}
