package io.ampbraze.quickstart;

import io.ampbraze.quickstart.QuickstartConnector.Input;
import io.ampbraze.quickstart.connect.ConfigExample;
import io.ampbraze.quickstart.platform.Progress;
import io.ampbraze.quickstart.sample.AmplitudeSamples;
import io.ampbraze.quickstart.sample.SampleProducer;
import io.ampbraze.quickstart.sample.SampleRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The sample Amplitude records of a run, one list per sink input, and their production. */
final class SampleInput {
  static final int EVENTS = 400;
  static final int IDENTIFIES = 40;
  private static final int USERS = 25;
  private static final int ANONYMOUS_DEVICES = 5;
  private static final long SEED = 42L;

  private final Map<Input, List<SampleRecord>> records = new EnumMap<>(Input.class);

  SampleInput(Instant now) {
    AmplitudeSamples samples = new AmplitudeSamples(SEED, now, USERS, ANONYMOUS_DEVICES);
    records.put(Input.EVENTS, samples.events(EVENTS));
    records.put(Input.IDENTIFIES, samples.identifies(IDENTIFIES));
    records.put(Input.COHORT_CHANGES, samples.cohortChanges());
  }

  /**
   * Produces each sink's records to the first topic of its config; returns the records per topic.
   */
  Map<String, Long> produce(
      String bootstrapServers, Map<QuickstartConnector, ConfigExample> configs, Progress progress)
      throws Exception {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (SampleProducer producer = new SampleProducer(bootstrapServers)) {
      for (Map.Entry<QuickstartConnector, ConfigExample> entry : configs.entrySet()) {
        List<SampleRecord> list = records.get(entry.getKey().input());
        if (list != null) {
          String topic = entry.getValue().topics().get(0);
          counts.merge(topic, (long) producer.send(topic, list), Long::sum);
          progress.detail(list.size() + " records to " + topic);
        }
      }
    }
    return counts;
  }

  /** The first record each sink's topic received, as {@code topic: value}. */
  List<String> firstOfEach(Map<QuickstartConnector, ConfigExample> configs) {
    List<String> samples = new ArrayList<>();
    configs.forEach(
        (connector, config) -> {
          List<SampleRecord> list = records.get(connector.input());
          if (list != null && !list.isEmpty()) {
            samples.add(config.topics().get(0) + ": " + list.get(0).value());
          }
        });
    return samples;
  }
}
