package io.ampbraze.connect.braze.delivery;

/**
 * The JMX view of one sink task, registered as
 * {@code io.ampbraze.connect.braze:type=sink-task-metrics,connector=<name>,task=<id>}. Counters
 * are totals since the task started.
 */
public interface BrazeSinkTaskMetricsMBean {
  /** Records received from Kafka (put). */
  long getRecordsIn();

  /** Records that needed nothing sent: filtered, anonymous, tombstones, unchanged attributes. */
  long getRecordsSkipped();

  /** Records reported as bad (dead letter queue or logged). */
  long getRecordsReported();

  /** Records whose every Braze object was acknowledged. */
  long getRecordsDelivered();

  /** Attributes objects Braze acknowledged. */
  long getAttributesSent();

  /** Event objects Braze acknowledged. */
  long getEventsSent();

  /** Purchase objects Braze acknowledged. */
  long getPurchasesSent();

  /** Attribute values left out because Braze already had them (de-duplication). */
  long getAttributeValuesDeduplicated();

  /** HTTP requests sent (first attempts and retries). */
  long getRequests();

  /** Requests that were retries of an earlier attempt. */
  long getRetries();

  /** 429 answers. */
  long getRateLimitedResponses();

  /** 5xx and 408 answers. */
  long getServerErrors();

  /** Timeouts and connection failures. */
  long getConnectionErrors();

  /** Objects Braze rejected in the errors[] of an answer. */
  long getItemErrors();

  /** Mean objects per request. */
  double getBatchObjectsAvg();

  /** Mean objects per request over the per-request capacity (0..1). */
  double getBatchFillRatioAvg();

  /** Mean request latency in milliseconds. */
  double getRequestLatencyAvgMs();

  /** Largest request latency in milliseconds. */
  long getRequestLatencyMaxMs();

  /** Requests currently on the wire. */
  int getInFlightRequests();

  /** Braze objects held (waiting or in flight). */
  long getBufferedObjects();

  /** Serialized bytes of the Braze objects held. */
  long getBufferedBytes();

  /** True while the task has paused its partitions because its buffer is full. */
  boolean isPaused();

  /** The last x-ratelimit-remaining Braze sent, or -1. */
  long getRateLimitRemaining();
}
