package io.ampbraze.connect.braze.delivery;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Which offsets may be committed: per partition, records in arrival order; the committable
 * offset is one past the last record of the longest prefix of done records. A record that fans
 * out into many objects is done only when each of them was acknowledged or reported. Uses the
 * record's original topic, partition and offset, so SMTs that rename topics are safe.
 *
 * <p>The done prefix is folded into the committable offset the moment its first record is done,
 * not when offsets are read: only records not done yet, and done records queued behind one, are
 * held (and count toward the task's buffer), whatever the worker's commit interval.
 * Thread-safe.
 */
public final class OffsetTracker {
  private final Map<TopicPartition, ArrayDeque<RecordEntry>> open = new HashMap<>();
  private final Map<TopicPartition, Long> committable = new HashMap<>();
  private int openRecords;

  /** Starts tracking a record with {@code objects} Braze objects to deliver (0: done at once). */
  public synchronized RecordEntry track(SinkRecord record, int objects) {
    TopicPartition tp = new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
    // A record with nothing to deliver is done: keep its offset, not its (possibly large) value.
    RecordEntry entry = new RecordEntry(objects == 0 ? null : record, tp, record.originalKafkaOffset(), objects);
    ArrayDeque<RecordEntry> queue = open.computeIfAbsent(tp, k -> new ArrayDeque<>());
    if (queue.isEmpty() && entry.done()) {
      committable.merge(tp, entry.offset + 1, Math::max);
    } else {
      queue.addLast(entry);
      openRecords++;
    }
    return entry;
  }

  /** What the end of one object means for its record. */
  public enum Progress {
    /** Nothing new for the record (or it was abandoned). */
    NONE,
    /** The record's first failed object: the caller reports the record. */
    FIRST_FAILURE,
    /** The record's last object, and none failed: the record was delivered. */
    DELIVERED
  }

  /**
   * One object of the record reached its end.
   *
   * @param failed the object was rejected or given up
   */
  public synchronized Progress objectFinished(RecordEntry entry, boolean failed) {
    if (entry.abandoned) {
      return Progress.NONE;
    }
    entry.openObjects--;
    if (failed) {
      boolean first = !entry.needsReport;
      entry.needsReport = true;
      return first ? Progress.FIRST_FAILURE : Progress.NONE;
    }
    if (entry.done()) {
      release(entry.partition);
    }
    if (entry.openObjects == 0 && !entry.needsReport) {
      entry.record = null;
      return Progress.DELIVERED;
    }
    return Progress.NONE;
  }

  /** The record's report was made (written to the DLQ, logged or skipped). */
  public synchronized void reported(RecordEntry entry) {
    if (entry.abandoned) {
      return;
    }
    entry.reported = true;
    if (entry.openObjects == 0) {
      entry.record = null;
      release(entry.partition);
    }
  }

  /** Folds the partition's done prefix into its committable offset. */
  private void release(TopicPartition tp) {
    ArrayDeque<RecordEntry> queue = open.get(tp);
    if (queue == null) {
      return;
    }
    RecordEntry head;
    long next = -1;
    while ((head = queue.peekFirst()) != null && head.done()) {
      queue.pollFirst();
      openRecords--;
      next = head.offset + 1;
    }
    if (next >= 0) {
      committable.merge(tp, next, Math::max);
    }
  }

  /** The next offsets to commit, for partitions where there is one. */
  public synchronized Map<TopicPartition, OffsetAndMetadata> committableOffsets() {
    Map<TopicPartition, OffsetAndMetadata> result = new HashMap<>();
    committable.forEach((tp, offset) -> result.put(tp, new OffsetAndMetadata(offset)));
    return result;
  }

  /** Forgets partitions this task no longer owns; late answers for their records are ignored. */
  public synchronized void close(Collection<TopicPartition> partitions) {
    for (TopicPartition tp : partitions) {
      ArrayDeque<RecordEntry> queue = open.remove(tp);
      if (queue != null) {
        queue.forEach(entry -> entry.abandoned = true);
        openRecords -= queue.size();
      }
      committable.remove(tp);
    }
  }

  /** Records not yet done, and done ones queued behind one of those: what the tracker holds. */
  public synchronized int openRecords() {
    return openRecords;
  }

  /** True when the record was abandoned by a partition close. */
  public synchronized boolean isAbandoned(RecordEntry entry) {
    return entry.abandoned;
  }
}
