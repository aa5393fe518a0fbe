package io.ampbraze.connect.currents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.Test;

class CurrentsSourceConnectorTest {
  private static final String FOLDER = "c/i/event_type=users.behaviors.Purchase/";

  private static Map<String, String> props() {
    Map<String, String> p = new HashMap<>();
    p.put("name", "src");
    p.put("currents.storage", "local");
    p.put("currents.local.root", "/tmp/x");
    p.put("topic", "t");
    return p;
  }

  @Test
  void declaresExactlyOnceSupport() {
    CurrentsSourceConnector c = new CurrentsSourceConnector();
    assertThat(c.exactlyOnceSupport(props())).isEqualTo(ExactlyOnceSupport.SUPPORTED);
    assertThat(c.canDefineTransactionBoundaries(props()))
        .isEqualTo(ConnectorTransactionBoundaries.UNSUPPORTED);
  }

  @Test
  void givesEachTaskItsIdAndTheCount() {
    CurrentsSourceConnector c = new CurrentsSourceConnector();
    c.start(props());
    List<Map<String, String>> tasks = c.taskConfigs(3);
    assertThat(tasks).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(tasks.get(i))
          .containsEntry("currents.task.id", Integer.toString(i))
          .containsEntry("currents.task.count", "3")
          .containsEntry("topic", "t")
          .containsEntry("name", "src");
    }
  }

  @Test
  void startFailsOnAnInvalidConfig() {
    Map<String, String> p = props();
    p.put("currents.start.hour", "soon");
    assertThatThrownBy(() -> new CurrentsSourceConnector().start(p))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("currents.start.hour");
  }

  @Test
  void alterOffsetsAcceptsTheConnectorsShapeAndResets() {
    CurrentsSourceConnector c = new CurrentsSourceConnector();
    Map<Map<String, ?>, Map<String, ?>> ok = new HashMap<>();
    ok.put(Map.of("folder", FOLDER, "hour", "2024-03-05-07"),
        Map.of("done", "", "file", FOLDER + "date=2024-03-05-07/1/0/a.avro", "record", 10));
    ok.put(Map.of("folder", FOLDER, "hour", "2024-03-05-08"), null);
    assertThat(c.alterOffsets(props(), ok)).isTrue();
  }

  @Test
  void alterOffsetsRejectsOtherShapesWithAReason() {
    CurrentsSourceConnector c = new CurrentsSourceConnector();
    Map<Map<String, ?>, Map<String, ?>> bad = new HashMap<>();
    bad.put(Map.of("folder", FOLDER, "hour", "2024-03-05-07"), Map.of("position", 3));
    assertThatThrownBy(() -> c.alterOffsets(props(), bad))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("unknown key 'position'");
    Map<Map<String, ?>, Map<String, ?>> badPartition = new HashMap<>();
    badPartition.put(Map.of("file", "x"), Map.of());
    assertThatThrownBy(() -> c.alterOffsets(props(), badPartition))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("'folder'");
  }
}
