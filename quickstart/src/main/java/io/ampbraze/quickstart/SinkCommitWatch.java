package io.ampbraze.quickstart;

import io.ampbraze.quickstart.QuickstartReport.SinkProgress;
import io.ampbraze.quickstart.connect.ConfigExample;
import io.ampbraze.quickstart.kafka.KafkaTopics;
import io.ampbraze.quickstart.platform.Progress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Waits until every sink connector has committed the offsets of every record in its topics,
 * printing progress. A sink commits an offset only once Braze acknowledged the record or it was
 * reported to the DLQ, so this is when the sinks are done.
 */
final class SinkCommitWatch {
  private static final Duration LINE_EVERY = Duration.ofSeconds(5);

  private SinkCommitWatch() {}

  static Map<String, SinkProgress> await(
      KafkaTopics topics,
      Map<QuickstartConnector, ConfigExample> configs,
      Progress progress,
      Duration timeout)
      throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    Instant nextLine = Instant.now();
    while (true) {
      Map<String, SinkProgress> current = measure(topics, configs);
      boolean done = current.values().stream().allMatch(SinkProgress::complete);
      if (done || Instant.now().isAfter(nextLine)) {
        List<String> parts = new ArrayList<>();
        current.forEach((name, p) -> parts.add(name + " " + p.committed() + "/" + p.total()));
        progress.detail(String.join(", ", parts));
        nextLine = Instant.now().plus(LINE_EVERY);
      }
      if (done) {
        return current;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "The sink connectors did not commit every record within "
                + timeout.toSeconds()
                + " s: "
                + current);
      }
      Thread.sleep(1000);
    }
  }

  private static Map<String, SinkProgress> measure(
      KafkaTopics topics, Map<QuickstartConnector, ConfigExample> configs) throws Exception {
    Map<String, SinkProgress> current = new LinkedHashMap<>();
    for (Map.Entry<QuickstartConnector, ConfigExample> entry : configs.entrySet()) {
      if (entry.getKey().isSink()) {
        List<String> sinkTopics = entry.getValue().topics();
        String name = entry.getKey().name();
        // Connect names a sink connector's consumer group connect-<connector name>.
        current.put(
            name,
            new SinkProgress(
                topics.committed("connect-" + name, sinkTopics), topics.recordCount(sinkTopics)));
      }
    }
    return current;
  }
}
