package io.ampbraze.quickstart;

import io.ampbraze.quickstart.QuickstartReport.SinkProgress;
import io.ampbraze.quickstart.connect.ConfigExample;
import io.ampbraze.quickstart.doubles.BrazeDouble;
import io.ampbraze.quickstart.doubles.BrazeSummary;
import io.ampbraze.quickstart.kafka.KafkaTopics;
import io.ampbraze.quickstart.platform.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Waits until both directions are done, printing a progress line every two seconds:
 *
 * <ul>
 *   <li>every sink connector has committed the offset of every record in its topics (a sink commits
 *       an offset only once Braze acknowledged the record or it was reported to the DLQ);
 *   <li>the Braze emulator's counts have settled (unchanged between two looks after that);
 *   <li>the source has emitted as many records as the bucket holds records with an id.
 * </ul>
 */
final class DeliveryWatch {
  private static final Duration LOOK_EVERY = Duration.ofSeconds(1);
  private static final int LINE_EVERY_LOOKS = 2;

  private final KafkaTopics topics;
  private final Map<QuickstartConnector, ConfigExample> configs;
  private final BrazeDouble braze;
  private final List<String> sourceTopics;
  private final long expectedEmitted;

  /**
   * @param sourceTopics the topics the source writes to
   * @param expectedEmitted the records the source must emit (records in the bucket with an id)
   */
  DeliveryWatch(
      KafkaTopics topics,
      Map<QuickstartConnector, ConfigExample> configs,
      BrazeDouble braze,
      List<String> sourceTopics,
      long expectedEmitted) {
    this.topics = topics;
    this.configs = configs;
    this.braze = braze;
    this.sourceTopics = sourceTopics;
    this.expectedEmitted = expectedEmitted;
  }

  /** One look at the three counters. */
  record Snapshot(
      Map<String, SinkProgress> sinks, BrazeSummary braze, long emitted, long expectedEmitted) {
    boolean sinksDone() {
      return sinks.values().stream().allMatch(SinkProgress::complete);
    }

    boolean sourceDone() {
      return emitted >= expectedEmitted;
    }

    String line(long elapsedSeconds) {
      long committed = sinks.values().stream().mapToLong(SinkProgress::committed).sum();
      long total = sinks.values().stream().mapToLong(SinkProgress::total).sum();
      return String.format(
          Locale.ROOT,
          "%3d s  sinks committed %d/%d records; Braze accepted %d attributes, %d events,"
              + " %d purchases; Currents records emitted %d/%d",
          elapsedSeconds,
          committed,
          total,
          braze.accepted(BrazeSummary.ATTRIBUTES),
          braze.accepted(BrazeSummary.EVENTS),
          braze.accepted(BrazeSummary.PURCHASES),
          emitted,
          expectedEmitted);
    }
  }

  /** Returns the last look once everything is done; throws when {@code timeout} passes first. */
  Snapshot await(Progress progress, Duration timeout) throws Exception {
    long start = System.nanoTime();
    Snapshot previous = null;
    for (int look = 0; ; look++) {
      Snapshot current = look();
      long elapsed = Duration.ofNanos(System.nanoTime() - start).toSeconds();
      boolean settled =
          previous != null
              && previous.sinksDone()
              && previous.braze().acceptedByKind().equals(current.braze().acceptedByKind());
      boolean done = current.sinksDone() && settled && current.sourceDone();
      if (done || look % LINE_EVERY_LOOKS == 0) {
        progress.detail(current.line(elapsed));
      }
      if (done) {
        return current;
      }
      if (elapsed >= timeout.toSeconds()) {
        throw new IllegalStateException(
            "Not done within " + timeout.toSeconds() + " s: " + missing(current, settled));
      }
      previous = current;
      Thread.sleep(LOOK_EVERY.toMillis());
    }
  }

  private static String missing(Snapshot current, boolean settled) {
    List<String> missing = new ArrayList<>();
    if (!current.sinksDone()) {
      List<String> sinks = new ArrayList<>();
      current.sinks().forEach((name, p) -> sinks.add(name + " " + p.committed() + "/" + p.total()));
      missing.add("the sinks did not commit every record (" + String.join(", ", sinks) + ")");
    } else if (!settled) {
      missing.add("the Braze emulator's counts kept changing");
    }
    if (!current.sourceDone()) {
      missing.add(
          "the source emitted "
              + current.emitted()
              + " of the "
              + current.expectedEmitted()
              + " Currents records with an id");
    }
    return String.join("; ", missing);
  }

  private Snapshot look() throws Exception {
    Map<String, SinkProgress> sinks = new LinkedHashMap<>();
    for (Map.Entry<QuickstartConnector, ConfigExample> entry : configs.entrySet()) {
      if (entry.getKey().isSink()) {
        List<String> sinkTopics = entry.getValue().topics();
        String name = entry.getKey().name();
        // Connect names a sink connector's consumer group connect-<connector name>.
        sinks.put(
            name,
            new SinkProgress(
                topics.committed("connect-" + name, sinkTopics), topics.recordCount(sinkTopics)));
      }
    }
    // The quickstart's worker writes without transactions: end offsets count records emitted.
    return new Snapshot(sinks, braze.summary(), topics.recordCount(sourceTopics), expectedEmitted);
  }
}
