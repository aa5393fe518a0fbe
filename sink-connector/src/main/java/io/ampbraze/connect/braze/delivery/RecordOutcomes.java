package io.ampbraze.connect.braze.delivery;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

import io.ampbraze.connect.braze.input.BadRecordException;
import io.ampbraze.connect.braze.mapping.AttributeDedupCache;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Where the pipeline's object outcomes meet the records: acknowledgements advance the offset
 * tracker and confirm de-duplicated values; failures forget those values and queue the record
 * for reporting, which the task does on its own thread ({@link #drain}); a fatal error waits
 * there too.
 */
public final class RecordOutcomes implements DeliveryPipeline.Listener {
  private record Rejection(SinkRecord record, RecordEntry entry, BadRecordException reason) {}

  private final OffsetTracker tracker;
  private final AttributeDedupCache cache;
  private final BrazeSinkTaskMetrics metrics;
  private final ConcurrentLinkedQueue<Rejection> rejections = new ConcurrentLinkedQueue<>();
  private final AtomicReference<ConnectException> fatal = new AtomicReference<>();

  /**
   * @param cache the de-duplication cache, or null
   */
  public RecordOutcomes(OffsetTracker tracker, AttributeDedupCache cache, BrazeSinkTaskMetrics metrics) {
    this.tracker = tracker;
    this.cache = cache;
    this.metrics = metrics;
  }

  @Override
  public void delivered(DeliveryPipeline.Outbound object) {
    if (cache != null) {
      object.marks().forEach(cache::confirm);
    }
    if (tracker.objectFinished(object.entry(), false) == OffsetTracker.Progress.DELIVERED) {
      metrics.recordDelivered();
    }
  }

  @Override
  public void failed(DeliveryPipeline.Outbound object, BadRecordException reason) {
    forget(object);
    if (tracker.objectFinished(object.entry(), true) == OffsetTracker.Progress.FIRST_FAILURE) {
      rejections.add(new Rejection(object.entry().record(), object.entry(), reason));
    }
  }

  @Override
  public void abandoned(DeliveryPipeline.Outbound object) {
    forget(object);
  }

  @Override
  public void fatal(ConnectException error) {
    fatal.compareAndSet(null, error);
  }

  /** On the task thread: throws a fatal error, then reports the records that failed. */
  public void drain(ErrantRecordHandler handler) {
    ConnectException error = fatal.get();
    if (error != null) {
      throw error;
    }
    Rejection r;
    while ((r = rejections.poll()) != null) {
      if (tracker.isAbandoned(r.entry())) {
        continue; // its partition moved to another task, which will see the record again
      }
      handler.report(r.record(), r.reason());
      tracker.reported(r.entry());
    }
  }

  /** True while rejections wait to be reported. */
  public boolean hasPending() {
    return !rejections.isEmpty();
  }

  private void forget(DeliveryPipeline.Outbound object) {
    if (cache != null) {
      object.marks().forEach(cache::forget);
    }
  }
}
