package io.ampbraze.connect.braze;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ampbraze.connect.braze.config.BrazeSinkConfig;
import io.ampbraze.connect.braze.config.ConfigRules;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Kafka → Braze /users/track. Validates the config (per key and across keys) and gives each
 * task an equal share of the connector's Braze request budget.
 */
public class BrazeSinkConnector extends SinkConnector {
  private Map<String, String> props;
  private BrazeSinkConfig config;

  @Override
  public String version() {
    return Version.get();
  }

  @Override
  public void start(Map<String, String> props) {
    this.config = new BrazeSinkConfig(props);
    this.props = new HashMap<>(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return BrazeSinkTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    int budget = config.rateLimitRequests();
    List<Map<String, String>> configs = new ArrayList<>(maxTasks);
    for (int i = 0; i < maxTasks; i++) {
      Map<String, String> task = new HashMap<>(props);
      // An equal share, the remainder to the first tasks, at least one request per window.
      int share = Math.max(1, budget / maxTasks + (i < budget % maxTasks ? 1 : 0));
      task.put(BrazeSinkConfig.TASK_ID, Integer.toString(i));
      task.put(BrazeSinkConfig.TASK_COUNT, Integer.toString(maxTasks));
      task.put(BrazeSinkConfig.TASK_RATE_LIMIT_REQUESTS, Integer.toString(share));
      configs.add(task);
    }
    return configs;
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return BrazeSinkConfig.CONFIG_DEF;
  }

  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    Config result = super.validate(connectorConfigs);
    Map<String, ConfigValue> byName = new LinkedHashMap<>();
    for (ConfigValue v : result.configValues()) {
      byName.put(v.name(), v);
    }
    ConfigRules.applyTo(byName);
    return result;
  }
}
