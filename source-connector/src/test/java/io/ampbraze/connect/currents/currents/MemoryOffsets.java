package io.ampbraze.connect.currents.currents;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/** Connect's offset store as a map: tests "commit" the offsets of the records they accept. */
final class MemoryOffsets implements OffsetStorageReader {
  final Map<Map<String, ?>, Map<String, Object>> stored = new HashMap<>();
  int reads;

  /** Commits the offsets of records, in order, as the worker does after writing them. */
  @SuppressWarnings("unchecked")
  void commit(List<SourceRecord> records) {
    for (SourceRecord r : records) {
      stored.put(Map.copyOf(r.sourcePartition()), (Map<String, Object>) r.sourceOffset());
    }
  }

  @Override
  public <T> Map<String, Object> offset(Map<String, T> partition) {
    reads++;
    return stored.get(partition);
  }

  @Override
  public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
    reads++;
    Map<Map<String, T>, Map<String, Object>> out = new HashMap<>();
    for (Map<String, T> p : partitions) {
      Map<String, Object> o = stored.get(p);
      if (o != null) {
        out.put(p, o);
      }
    }
    return out;
  }
}
