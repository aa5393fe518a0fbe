package io.ampbraze.connect.currents;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ampbraze.connect.currents.metrics.SourceTaskMetrics;
import io.ampbraze.testkit.currents.CurrentsBucketGenerator;
import io.ampbraze.testkit.currents.CurrentsEventType;
import io.ampbraze.testkit.currents.FileSpec;
import io.ampbraze.testkit.currents.FolderSink;
import io.ampbraze.testkit.currents.IdMix;

/** The task's wiring: local storage, converter, metrics registration, stop. */
class CurrentsSourceTaskTest {
  @TempDir Path root;

  private static SourceTaskContext context(Map<String, String> props) {
    OffsetStorageReader none =
        new OffsetStorageReader() {
          @Override
          public <T> Map<String, Object> offset(Map<String, T> partition) {
            return null;
          }

          @Override
          public <T> Map<Map<String, T>, Map<String, Object>> offsets(
              Collection<Map<String, T>> partitions) {
            return Map.of();
          }
        };
    return new SourceTaskContext() {
      @Override
      public Map<String, String> configs() {
        return props;
      }

      @Override
      public OffsetStorageReader offsetStorageReader() {
        return none;
      }
    };
  }

  @Test
  void readsALocalBucketRegistersMetricsAndStops() throws Exception {
    Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
    CurrentsBucketGenerator.builder(new FolderSink(root)).build()
        .write(FileSpec.of(CurrentsEventType.PURCHASE, hour).withRecords(30).withIdMix(IdMix.ALL_IDENTIFIED));
    Map<String, String> props = new HashMap<>();
    props.put("name", "task-test");
    props.put("currents.storage", "local");
    props.put("currents.local.root", root.toString());
    props.put("currents.prefix", "currents");
    props.put("topic", "t");
    props.put("currents.task.id", "0");
    props.put("currents.task.count", "1");
    CurrentsSourceTask task = new CurrentsSourceTask();
    task.initialize(context(props));
    task.start(props);
    List<SourceRecord> out = new ArrayList<>();
    for (int i = 0; i < 5 && out.size() < 30; i++) {
      List<SourceRecord> batch = task.poll();
      if (batch != null) {
        out.addAll(batch);
        batch.forEach(r -> task.commitRecord(r, null));
      }
    }
    task.commit();
    assertThat(out).hasSize(30);
    assertThat(out.get(0).topic()).isEqualTo("t");
    var server = ManagementFactory.getPlatformMBeanServer();
    var name = SourceTaskMetrics.objectName("task-test", 0);
    assertThat(server.getAttribute(name, "RecordsEmitted")).isEqualTo(30L);
    assertThat((Long) server.getAttribute(name, "BytesRead")).isPositive();
    assertThat((Long) server.getAttribute(name, "ListCalls")).isPositive();
    task.stop();
    assertThat(task.poll()).isNull();
    assertThat(server.isRegistered(name)).isFalse();
  }
}
