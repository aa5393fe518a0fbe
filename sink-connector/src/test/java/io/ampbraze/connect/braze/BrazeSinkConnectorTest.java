package io.ampbraze.connect.braze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.ampbraze.connect.braze.config.BrazeSinkConfig;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class BrazeSinkConnectorTest {
  private static Map<String, String> props(String requests) {
    Map<String, String> p = new HashMap<>();
    p.put("name", "braze");
    p.put("braze.rest.url", "https://rest.iad-01.braze.com");
    p.put("braze.api.key", "k");
    p.put("braze.rate.limit.requests", requests);
    return p;
  }

  @Test
  void dividesTheRequestBudgetAmongTasks() {
    BrazeSinkConnector c = new BrazeSinkConnector();
    c.start(props("3000"));
    List<Map<String, String>> tasks = c.taskConfigs(7);
    assertThat(tasks).hasSize(7);
    int total = 0;
    for (int i = 0; i < 7; i++) {
      BrazeSinkConfig t = new BrazeSinkConfig(tasks.get(i));
      assertThat(t.taskId()).isEqualTo(i);
      assertThat(t.taskCount()).isEqualTo(7);
      assertThat(t.taskRateLimitRequests()).isBetween(428, 429);
      assertThat(t.rateLimitRequests()).isEqualTo(3000);
      assertThat(t.apiKey()).isEqualTo("k");
      total += t.taskRateLimitRequests();
    }
    assertThat(total).isEqualTo(3000);
  }

  @Test
  void everyTaskGetsAtLeastOneRequest() {
    BrazeSinkConnector c = new BrazeSinkConnector();
    c.start(props("2"));
    assertThat(c.taskConfigs(4)).allSatisfy(t -> assertThat(new BrazeSinkConfig(t).taskRateLimitRequests()).isEqualTo(1));
  }

  @Test
  void refusesToStartWithABadConfig() {
    Map<String, String> p = props("3000");
    p.put("braze.rest.url", "http://localhost:1");
    assertThatThrownBy(() -> new BrazeSinkConnector().start(p)).isInstanceOf(ConfigException.class);
  }

  @Test
  void describesItself() {
    BrazeSinkConnector c = new BrazeSinkConnector();
    assertThat(c.taskClass()).isEqualTo(BrazeSinkTask.class);
    assertThat(c.config()).isSameAs(BrazeSinkConfig.CONFIG_DEF);
    assertThat(c.version()).isNotBlank();
  }
}
