package io.ampbraze.connect.currents.metrics;

/**
 * The JMX view of one source task, registered as {@code
 * io.ampbraze.connect.currents:type=source-task-metrics,connector=<name>,task=<id>}. Counters
 * count since the task started.
 */
public interface CurrentsSourceTaskMetricsMBean {
  /** Event-type folders this task is assigned (after include/exclude). */
  long getEventTypeFolders();

  /** List requests made to the store (one per page). */
  long getListCalls();

  /** Objects returned by listings (the same file counts again each time it is re-listed). */
  long getFilesListed();

  /** Files found that were not finished yet and were queued for reading. */
  long getFilesQueued();

  /** Objects under an hour folder ignored because their name is not a Currents data file. */
  long getFilesIgnored();

  /** Files read to their end. */
  long getFilesRead();

  /** Files skipped: corrupt or not Currents (with on.corrupt.file=skip), or deleted. */
  long getFilesSkipped();

  /** Object reads started (GET requests). */
  long getReadCalls();

  /** Bytes read from the store. */
  long getBytesRead();

  /** Records decoded from files. */
  long getRecordsRead();

  /** Records handed to the worker. */
  long getRecordsEmitted();

  /** Records skipped because they have neither an external user id nor a device id. */
  long getRecordsSkippedNoId();

  /** Records skipped because a field needed for the mapping is missing or malformed. */
  long getRecordsInvalid();

  /** Failed store requests (each attempt counts). */
  long getStorageErrors();

  /** Files queued or being read. */
  long getPendingFiles();

  /** Age in ms (now minus last-modified time) of the oldest pending file; 0 if none. */
  long getOldestPendingFileAgeMs();

  /** The key of the last file skipped as corrupt, and why; empty if none. */
  String getLastCorruptFile();

  /** The last storage error message; empty if none. */
  String getLastStorageError();
}
