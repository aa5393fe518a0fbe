package io.ampbraze.connect.currents;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.ampbraze.connect.currents.config.CurrentsSourceConfig;
import io.ampbraze.connect.currents.currents.CurrentsPoller;
import io.ampbraze.connect.currents.mapping.RecordConverters;
import io.ampbraze.connect.currents.metrics.MeteredStorage;
import io.ampbraze.connect.currents.metrics.SourceTaskMetrics;
import io.ampbraze.connect.currents.storage.CurrentsStorage;
import io.ampbraze.connect.currents.storage.StorageConfig;

/**
 * Reads the Currents files of the event-type folders assigned to it and emits them as records.
 * The work is in {@link CurrentsPoller}; this class wires the store, the converter, the metrics
 * and the worker's callbacks together.
 */
public class CurrentsSourceTask extends SourceTask {
  private static final Logger log = LoggerFactory.getLogger(CurrentsSourceTask.class);

  private final CountDownLatch stopping = new CountDownLatch(1);
  // stop() may come from another thread while poll() runs: never close what a poll is using.
  private final ReentrantLock polling = new ReentrantLock();
  private CurrentsStorage storage;
  private SourceTaskMetrics metrics;
  private CurrentsPoller poller;

  @Override
  public String version() {
    return Version.get();
  }

  @Override
  public void start(Map<String, String> props) {
    CurrentsSourceConfig config = new CurrentsSourceConfig(props);
    metrics = new SourceTaskMetrics();
    metrics.register(config.connectorName(), config.taskId());
    storage = new MeteredStorage(StorageConfig.open(config), metrics);
    poller =
        new CurrentsPoller(
            config,
            storage,
            context.offsetStorageReader(),
            RecordConverters.forConfig(config),
            metrics,
            Clock.systemUTC(),
            d -> stopping.await(d.toMillis(), TimeUnit.MILLISECONDS));
    log.info(
        "Task {} of {} reading {} (prefix '{}') into {}",
        config.taskId(), config.taskCount(), storage.describe(), config.prefix(), config.topic());
  }

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    polling.lock();
    try {
      return stopping.getCount() == 0 ? null : poller.poll();
    } finally {
      polling.unlock();
    }
  }

  @Override
  public void commitRecord(SourceRecord record, RecordMetadata metadata) {
    poller.acked(record);
  }

  @Override
  public void commit() {
    poller.committed();
  }

  @Override
  public void stop() {
    stopping.countDown(); // wakes a poll that is waiting
    polling.lock();
    try {
      if (poller != null) {
        poller.close();
      }
      if (storage != null) {
        storage.close();
      }
      if (metrics != null) {
        metrics.unregister();
      }
    } finally {
      polling.unlock();
    }
  }
}
