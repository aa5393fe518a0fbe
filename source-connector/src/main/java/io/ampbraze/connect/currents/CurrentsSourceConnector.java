package io.ampbraze.connect.currents;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

import io.ampbraze.connect.currents.config.CurrentsSourceConfig;
import io.ampbraze.connect.currents.currents.HourKey;
import io.ampbraze.connect.currents.currents.SourceOffsets;
import io.ampbraze.connect.currents.storage.StorageConfig;

/**
 * Reads the Avro files Braze Currents writes to S3, GCS, Azure Blob or a local folder and emits
 * Amplitude HTTP V2 events (or the raw Currents records) to Kafka. Each task reads the
 * event-type folders that hash to it; progress is kept per event type and hour in Connect's
 * source offsets, so tasks resume exactly, and exactly-once delivery works with a worker that
 * has {@code exactly.once.source.support=enabled}.
 */
public class CurrentsSourceConnector extends SourceConnector {
  private Map<String, String> props;

  @Override
  public String version() {
    return Version.get();
  }

  @Override
  public void start(Map<String, String> props) {
    new CurrentsSourceConfig(props); // fails the connector with the offending key if invalid
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return CurrentsSourceTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> configs = new ArrayList<>(maxTasks);
    for (int i = 0; i < maxTasks; i++) {
      Map<String, String> c = new HashMap<>(props);
      c.put(CurrentsSourceConfig.TASK_ID, Integer.toString(i));
      c.put(CurrentsSourceConfig.TASK_COUNT, Integer.toString(maxTasks));
      configs.add(c);
    }
    return configs;
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return CurrentsSourceConfig.CONFIG_DEF;
  }

  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    Config config = super.validate(connectorConfigs);
    Map<String, ConfigValue> byName = new HashMap<>();
    config.configValues().forEach(v -> byName.put(v.name(), v));
    CurrentsSourceConfig.validateCrossKeys(connectorConfigs, byName);
    StorageConfig.validate(connectorConfigs, byName);
    return config;
  }

  /**
   * Every record's offset covers what was read before it, per event type and hour, so after a
   * restart each task resumes at the exact record (see {@link SourceOffsets}).
   */
  @Override
  public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
    return ExactlyOnceSupport.SUPPORTED;
  }

  /**
   * Transactions follow the worker's {@code transaction.boundary} ({@code poll}, the default,
   * or {@code interval}); the connector does not define its own.
   */
  @Override
  public ConnectorTransactionBoundaries canDefineTransactionBoundaries(
      Map<String, String> connectorConfig) {
    return ConnectorTransactionBoundaries.UNSUPPORTED;
  }

  /**
   * Accepts offsets written through the REST API only if they have this connector's shape, so
   * a typo cannot make a task fail at start. A null offset (reset) is always accepted.
   */
  @Override
  public boolean alterOffsets(
      Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
    for (Map.Entry<Map<String, ?>, Map<String, ?>> e : offsets.entrySet()) {
      try {
        HourKey key = SourceOffsets.parsePartition(e.getKey());
        SourceOffsets.parseOffset(key, e.getValue());
      } catch (IllegalArgumentException ex) {
        throw new ConnectException("Invalid offset: " + ex.getMessage(), ex);
      }
    }
    return true;
  }
}
