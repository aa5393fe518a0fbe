package io.ampbraze.benchmarks.sink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.ampbraze.connect.braze.braze.BrazeObject;
import io.ampbraze.connect.braze.braze.TrackRequest;
import io.ampbraze.connect.braze.config.BrazeSinkConfig;
import io.ampbraze.connect.braze.input.RecordReader;
import io.ampbraze.connect.braze.mapping.MappedRecord;
import io.ampbraze.connect.braze.mapping.RecordMapper;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Full /users/track requests (75 objects) of the pool's records, mapped by the connector's own
 * reader and mapper before any timing, for the baselines that send requests themselves.
 */
final class FullBatches {
  private FullBatches() {}

  static List<TrackRequest> build(AmplitudeRecordPool pool, String baseUrl, int requests) {
    Map<String, String> props = new HashMap<>();
    props.put("braze.rest.url", baseUrl);
    props.put("braze.api.key", EmulatorProcess.API_KEY);
    props.put("braze.allow.http", "true");
    BrazeSinkConfig config = new BrazeSinkConfig(props);
    RecordReader reader = new RecordReader(config.recordKind());
    RecordMapper mapper = new RecordMapper(config, null);
    List<TrackRequest> out = new ArrayList<>(requests);
    List<BrazeObject> batch = new ArrayList<>();
    long offset = 0;
    int partition = 0;
    while (out.size() < requests) {
      SinkRecord record = pool.record(partition, offset);
      MappedRecord mapped = mapper.map(reader.read(record.value(), record.timestamp()), partition + "-" + offset);
      partition = (partition + 1) % pool.partitions();
      if (partition == 0) {
        offset++;
      }
      for (MappedRecord.MappedObject o : mapped.objects()) {
        batch.add(o.object());
        if (batch.size() == SinkRunner.BATCH_CAPACITY) {
          out.add(new TrackRequest(batch));
          batch.clear();
        }
      }
    }
    return out;
  }
}
