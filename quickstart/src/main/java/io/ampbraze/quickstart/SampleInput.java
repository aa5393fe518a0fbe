package io.ampbraze.quickstart;

import io.ampbraze.quickstart.QuickstartConnector.Input;
import io.ampbraze.quickstart.connect.ConfigExample;
import io.ampbraze.quickstart.platform.Progress;
import io.ampbraze.quickstart.sample.AmplitudeSamples;
import io.ampbraze.quickstart.sample.SampleProducer;
import io.ampbraze.quickstart.sample.SampleRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

  /** The records a sink's topic receives (empty for the source). */
  List<SampleRecord> records(Input input) {
    return records.getOrDefault(input, List.of());
  }

  /**
   * Produces each sink's records to the first topic of its config, and keeps a copy of every value
   * in {@code <samplesDir>/<topic>.jsonl}; returns the records produced per sink connector.
   */
  Map<QuickstartConnector, Long> produce(
      String bootstrapServers,
      Map<QuickstartConnector, ConfigExample> configs,
      Path samplesDir,
      Progress progress)
      throws Exception {
    Map<QuickstartConnector, Long> counts = new LinkedHashMap<>();
    Files.createDirectories(samplesDir);
    try (SampleProducer producer = new SampleProducer(bootstrapServers)) {
      for (Map.Entry<QuickstartConnector, ConfigExample> entry : configs.entrySet()) {
        List<SampleRecord> list = records(entry.getKey().input());
        if (!entry.getKey().isSink() || list.isEmpty()) {
          continue;
        }
        String topic = entry.getValue().topics().get(0);
        save(samplesDir.resolve(topic + ".jsonl"), list);
        counts.put(entry.getKey(), (long) producer.send(topic, list));
        progress.detail(list.size() + " records to " + topic);
      }
    }
    return counts;
  }

  private static void save(Path file, List<SampleRecord> list) throws IOException {
    List<String> lines = new ArrayList<>(list.size());
    list.forEach(record -> lines.add(record.value()));
    Files.write(file, lines);
  }
}
