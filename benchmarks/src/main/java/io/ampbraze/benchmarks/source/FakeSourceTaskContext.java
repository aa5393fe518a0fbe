package io.ampbraze.benchmarks.source;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * The worker's side of one source task: its configs and an in-memory offset store, which holds
 * the last offset of each source partition the harness committed (what Connect's offset topic
 * would give a restarted task).
 */
final class FakeSourceTaskContext implements SourceTaskContext {
  /** Offsets by source partition, as Connect's offset store keeps them. */
  static final class InMemoryOffsets implements OffsetStorageReader {
    private final Map<Map<String, Object>, Map<String, Object>> offsets = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    void commit(Map<String, ?> partition, Map<String, ?> offset) {
      offsets.put(new HashMap<>((Map<String, Object>) partition), new HashMap<>((Map<String, Object>) offset));
    }

    int size() {
      return offsets.size();
    }

    @Override
    public <T> Map<String, Object> offset(Map<String, T> partition) {
      return offsets.get(new HashMap<String, Object>(partition));
    }

    @Override
    public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
      Map<Map<String, T>, Map<String, Object>> out = new HashMap<>();
      for (Map<String, T> p : partitions) {
        Map<String, Object> o = offset(p);
        if (o != null) {
          out.put(p, o);
        }
      }
      return out;
    }
  }

  private final Map<String, String> configs;
  private final InMemoryOffsets offsets;

  FakeSourceTaskContext(Map<String, String> configs, InMemoryOffsets offsets) {
    this.configs = configs;
    this.offsets = offsets;
  }

  @Override
  public Map<String, String> configs() {
    return configs;
  }

  @Override
  public OffsetStorageReader offsetStorageReader() {
    return offsets;
  }

  @Override
  public PluginMetrics pluginMetrics() {
    return null; // the source registers its own MBean (Connect 3.6 has no plugin metrics)
  }
}
