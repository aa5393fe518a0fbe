package io.ampbraze.connect.braze.delivery;

import io.ampbraze.connect.braze.input.BadRecordException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a bad record, on the task thread: to Connect's errant record reporter when the
 * connector has one (dead letter queue and/or error log; Connect applies errors.tolerance), or
 * else per errors.tolerance: {@code none} fails the task with a message naming the record's
 * topic, partition, offset and field; {@code all} logs the same without the record's key or
 * value and goes on.
 */
public final class ErrantRecordHandler {
  private static final Logger log = LoggerFactory.getLogger(ErrantRecordHandler.class);

  private final ErrantRecordReporter reporter;
  private final boolean tolerateAll;
  private final BrazeSinkTaskMetrics metrics;

  /**
   * @param reporter Connect's reporter, or null when the connector has no DLQ or error log
   * @param tolerateAll errors.tolerance=all
   */
  public ErrantRecordHandler(ErrantRecordReporter reporter, boolean tolerateAll, BrazeSinkTaskMetrics metrics) {
    this.reporter = reporter;
    this.tolerateAll = tolerateAll;
    this.metrics = metrics;
  }

  /** Reports the record, or throws the task-failing exception. */
  public void report(SinkRecord record, BadRecordException reason) {
    if (reporter != null) {
      try {
        reporter.report(record, reason);
      } catch (ConnectException e) {
        // Connect's reporter throws when errors.tolerance=none: say which record and why.
        throw failure(record, reason, e);
      }
      metrics.recordReported();
      return;
    }
    if (!tolerateAll) {
      throw failure(record, reason, reason);
    }
    metrics.recordReported();
    log.warn(
        "Skipped a record Braze cannot take (errors.tolerance=all, no dead letter queue): {} {}",
        where(record),
        reason.getMessage());
  }

  static ConnectException failure(SinkRecord record, BadRecordException reason, Throwable cause) {
    return new ConnectException(
        "The Braze sink stopped at a record it cannot send: "
            + where(record)
            + " "
            + reason.getMessage()
            + ". To skip such records set errors.tolerance=all, and "
            + "errors.deadletterqueue.topic.name to keep them in a dead letter queue.",
        cause);
  }

  static String where(SinkRecord record) {
    return "topic '"
        + record.originalTopic()
        + "', partition "
        + record.originalKafkaPartition()
        + ", offset "
        + record.originalKafkaOffset()
        + ":";
  }
}
