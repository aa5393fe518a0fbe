package io.ampbraze.connect.braze.delivery;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One Kafka record on its way: how many of its Braze objects are still open, and whether it
 * must be (or was) reported. It is done when no object is open and any report was made.
 * Guarded by the {@link OffsetTracker}'s lock.
 */
public final class RecordEntry {
  /** Kept only while the record may still need reporting. */
  SinkRecord record;
  final TopicPartition partition;
  final long offset;
  int openObjects;
  boolean needsReport;
  boolean reported;
  boolean abandoned;

  RecordEntry(SinkRecord record, TopicPartition partition, long offset, int openObjects) {
    this.record = record;
    this.partition = partition;
    this.offset = offset;
    this.openObjects = openObjects;
  }

  boolean done() {
    return openObjects == 0 && (!needsReport || reported);
  }

  public SinkRecord record() {
    return record;
  }

  public TopicPartition partition() {
    return partition;
  }

  public long offset() {
    return offset;
  }
}
