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
    private final Map<Map<String, ?>, Map<String, ?>> offsets = new ConcurrentHashMap<>();

    /** Keeps the record's own maps, as Connect's OffsetStorageWriter does (no copies). */
    void commit(Map<String, ?> partition, Map<String, ?> offset) {
      offsets.put(partition, offset);
    }

    int size() {
      return offsets.size();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Map<String, Object> offset(Map<String, T> partition) {
      Map<String, ?> o = offsets.get(partition);
      return o == null ? null : new HashMap<>((Map<String, Object>) o);
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
