package io.ampbraze.connect.braze;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import io.ampbraze.connect.braze.braze.BatchLimits;
import io.ampbraze.connect.braze.braze.BrazeClient;
import io.ampbraze.connect.braze.braze.RateLimiter;
import io.ampbraze.connect.braze.braze.RetryPolicy;
import io.ampbraze.connect.braze.config.BrazeSinkConfig;
import io.ampbraze.connect.braze.config.NullValueBehavior;
import io.ampbraze.connect.braze.delivery.Backpressure;
import io.ampbraze.connect.braze.delivery.BrazeSinkTaskMetrics;
import io.ampbraze.connect.braze.delivery.DeliveryPipeline;
import io.ampbraze.connect.braze.delivery.ErrantRecordHandler;
import io.ampbraze.connect.braze.delivery.OffsetTracker;
import io.ampbraze.connect.braze.delivery.RecordEntry;
import io.ampbraze.connect.braze.delivery.RecordOutcomes;
import io.ampbraze.connect.braze.input.BadRecordException;
import io.ampbraze.connect.braze.input.BadRecordException.Reason;
import io.ampbraze.connect.braze.input.RecordReader;
import io.ampbraze.connect.braze.mapping.AttributeDedupCache;
import io.ampbraze.connect.braze.mapping.MappedRecord;
import io.ampbraze.connect.braze.mapping.RecordMapper;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the parts: each record is read ({@link RecordReader}), mapped ({@link RecordMapper}),
 * tracked ({@link OffsetTracker}) and queued ({@link DeliveryPipeline}); bad records are
 * reported ({@link ErrantRecordHandler}); {@link #preCommit} returns only offsets whose records
 * are acknowledged or reported; the consumer pauses while the buffer is full.
 */
public class BrazeSinkTask extends SinkTask {
  private static final Logger log = LoggerFactory.getLogger(BrazeSinkTask.class);
  /** How soon Connect calls put() again while work is in flight (reports, failures). */
  private static final long BUSY_POLL_MS = 200;
  /**
   * How soon Connect calls put() again while the partitions are paused, to resume them: at the
   * bound (75,000 objects/s) a buffer drains 750 objects in that time, far less than the half
   * of it that is left when consumption may resume.
   */
  private static final long PAUSED_POLL_MS = 10;

  private BrazeSinkConfig config;
  private BrazeSinkTaskMetrics metrics;
  private RecordReader reader;
  private RecordMapper mapper;
  private OffsetTracker tracker;
  private RecordOutcomes outcomes;
  private ErrantRecordHandler errants;
  private DeliveryPipeline pipeline;
  private Backpressure backpressure;
  private boolean paused;

  @Override
  public String version() {
    return Version.get();
  }

  @Override
  public void start(Map<String, String> props) {
    config = new BrazeSinkConfig(props);
    String connector = props.getOrDefault("name", "braze-sink");
    int taskId = config.taskId();
    BatchLimits limits =
        new BatchLimits(config.batchMaxObjects(), config.batchLimitPerArray(), config.batchMaxBytes());
    metrics = new BrazeSinkTaskMetrics(limits.capacity());
    metrics.register(connector, taskId);
    AttributeDedupCache cache =
        config.dedupEnabled() ? new AttributeDedupCache(config.dedupMaxEntries()) : null;
    reader = new RecordReader(config.recordKind());
    mapper = new RecordMapper(config, cache);
    tracker = new OffsetTracker();
    outcomes = new RecordOutcomes(tracker, cache, metrics);
    errants =
        new ErrantRecordHandler(
            errantRecordReporter(), "all".equalsIgnoreCase(props.get("errors.tolerance")), metrics);
    backpressure = new Backpressure(config.bufferMaxObjects(), config.bufferMaxBytes());
    String threads = "braze-sink-" + connector + "-" + taskId;
    BrazeClient client =
        new BrazeClient(
            config.restUrl(),
            config.allowHttp(),
            config.apiKey(),
            config.maxInFlight(),
            config.requestTimeoutMs(),
            "ampbraze-kafka-connect-braze-sink/" + Version.get(),
            threads + "-http");
    pipeline =
        new DeliveryPipeline(
            new DeliveryPipeline.Settings(limits, config.maxInFlight(), config.lingerMs()),
            client,
            new RateLimiter(
                config.taskRateLimitRequests(),
                config.rateLimitWindowMs(),
                1.0 / config.taskCount(),
                System::currentTimeMillis),
            new RetryPolicy(
                config.retryBackoffMs(),
                config.retryBackoffMaxMs(),
                config.retryTimeoutMs(),
                () -> ThreadLocalRandom.current().nextDouble()),
            outcomes,
            metrics,
            System::currentTimeMillis,
            threads + "-sender");
    log.info(
        "Braze sink task {} of connector {} started: {}/users/track, {} objects per request{}, "
            + "{} requests in flight, {} requests per {} ms for this task",
        taskId,
        connector,
        config.restUrl(),
        config.batchMaxObjects(),
        config.batchLimitPerArray() ? " per array" : "",
        config.maxInFlight(),
        config.taskRateLimitRequests(),
        config.rateLimitWindowMs());
  }

  private ErrantRecordReporter errantRecordReporter() {
    try {
      return context.errantRecordReporter();
    } catch (NoSuchMethodError | NoClassDefFoundError e) {
      return null; // a worker older than Kafka 2.6
    }
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    // First report what the pipeline rejected, or fail the task with its fatal error.
    outcomes.drain(errants);
    // One submission per put(): the pipeline sees the whole batch before it fills requests.
    List<DeliveryPipeline.Outbound> outbound = new ArrayList<>();
    for (SinkRecord record : records) {
      metrics.recordIn();
      process(record, outbound);
    }
    if (!outbound.isEmpty()) {
      pipeline.submit(outbound);
    }
    flowControl();
  }

  private void process(SinkRecord record, List<DeliveryPipeline.Outbound> outbound) {
    MappedRecord mapped;
    try {
      if (record.value() == null) {
        if (config.nullValues() == NullValueBehavior.IGNORE) {
          skip(record);
          return;
        }
        throw new BadRecordException(
            Reason.TOMBSTONE, null, "the record is a tombstone (null value) and behavior.on.null.values=fail");
      }
      mapped = mapper.map(reader.read(record.value(), record.timestamp()), recordId(record));
    } catch (BadRecordException e) {
      errants.report(record, e);
      tracker.track(record, 0);
      return;
    }
    metrics.deduplicated(mapped.dedupSkipped());
    if (mapped.isEmpty()) {
      skip(record);
      return;
    }
    RecordEntry entry = tracker.track(record, mapped.objects().size());
    for (MappedRecord.MappedObject o : mapped.objects()) {
      outbound.add(new DeliveryPipeline.Outbound(o.object(), entry, o.marks()));
    }
  }

  private void skip(SinkRecord record) {
    tracker.track(record, 0);
    metrics.recordSkipped();
  }

  private static String recordId(SinkRecord record) {
    return record.originalTopic() + "-" + record.originalKafkaPartition() + "-" + record.originalKafkaOffset();
  }

  private void flowControl() {
    // Records waiting for their commit count too: skipped and finished records can pile up
    // behind a slow one.
    boolean full =
        backpressure.shouldPause(pipeline.bufferedObjects(), pipeline.bufferedBytes(), tracker.openRecords());
    Set<TopicPartition> assignment = context.assignment();
    TopicPartition[] partitions = assignment.toArray(new TopicPartition[0]);
    if (full) {
      if (!paused) {
        log.debug("Buffer full ({} objects): pausing {} partitions", pipeline.bufferedObjects(), partitions.length);
      }
      context.pause(partitions); // again on every call: covers partitions assigned since
      paused = true;
    } else if (paused) {
      context.resume(partitions);
      paused = false;
    }
    metrics.paused(paused);
    if (paused) {
      context.timeout(PAUSED_POLL_MS);
    } else if (tracker.openRecords() > 0 || outcomes.hasPending()) {
      context.timeout(BUSY_POLL_MS);
    }
  }

  @Override
  public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    // Sends partial batches now instead of after braze.linger.ms; never blocks.
    pipeline.flush();
  }

  @Override
  public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    // Reports and failures surface in put(): Connect swallows exceptions thrown here. Records
    // waiting to be reported are simply not committable yet.
    flush(currentOffsets);
    Map<TopicPartition, OffsetAndMetadata> result = new HashMap<>();
    tracker.committableOffsets().forEach((tp, offset) -> {
      if (currentOffsets.containsKey(tp)) {
        result.put(tp, offset);
      }
    });
    return result;
  }

  @Override
  public void close(Collection<TopicPartition> partitions) {
    if (tracker != null) {
      tracker.close(partitions);
      pipeline.drop(partitions);
    }
  }

  @Override
  public void stop() {
    if (pipeline != null) {
      pipeline.close();
    }
    if (metrics != null) {
      metrics.unregister();
    }
    log.info("Braze sink task stopped");
  }
}
