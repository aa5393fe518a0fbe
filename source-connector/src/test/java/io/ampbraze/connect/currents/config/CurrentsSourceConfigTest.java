package io.ampbraze.connect.currents.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

import io.ampbraze.connect.currents.CurrentsSourceConnector;

class CurrentsSourceConfigTest {

  private static Map<String, String> minimal() {
    Map<String, String> p = new HashMap<>();
    p.put("currents.storage", "local");
    p.put("currents.local.root", "/data/currents");
    p.put("topic", "braze-currents");
    return p;
  }

  private static Map<String, List<String>> errors(Map<String, String> props) {
    return new CurrentsSourceConnector().validate(props).configValues().stream()
        .filter(v -> !v.errorMessages().isEmpty())
        .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
  }

  @Test
  void defaults() {
    CurrentsSourceConfig c = new CurrentsSourceConfig(minimal());
    assertThat(c.prefix()).isEmpty();
    assertThat(c.eventTypeFilter().accepts("users.behaviors.CustomEvent")).isTrue();
    assertThat(c.startHour()).isEmpty();
    assertThat(c.pollInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.lookbackHours()).isEqualTo(48);
    assertThat(c.sweepInterval()).isEqualTo(Duration.ofHours(6));
    assertThat(c.sweepHorizonHours()).isEqualTo(168);
    assertThat(c.discoveryInterval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.batchSize()).isEqualTo(1000);
    assertThat(c.corruptFilePolicy()).isEqualTo(CorruptFilePolicy.SKIP);
    assertThat(c.storageRetryTimeout()).contains(Duration.ofMinutes(15));
    assertThat(c.storageRetryBackoffMax()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.outputFormat()).isEqualTo(OutputFormat.AMPLITUDE);
    assertThat(c.eventTypePrefix()).isEqualTo("[Appboy] ");
    assertThat(c.eventNames().asMap()).isEmpty();
    assertThat(c.taskId()).isZero();
    assertThat(c.taskCount()).isEqualTo(1);
    assertThat(errors(minimal())).isEmpty();
  }

  @Test
  void typedValues() {
    Map<String, String> p = minimal();
    p.put("currents.prefix", "/currents");
    p.put("currents.start.hour", "2024-05-01-13");
    p.put("currents.on.corrupt.file", "FAIL");
    p.put("output.format", "Currents");
    p.put("currents.storage.retry.timeout.ms", "-1");
    p.put("amplitude.event.type.prefix", "Braze - ");
    p.put("amplitude.event.names", "users.messages.email.Open = Email Opened, users.behaviors.CustomEvent=${name}");
    p.put("name", "my-source");
    CurrentsSourceConfig c = new CurrentsSourceConfig(p);
    assertThat(c.prefix()).isEqualTo("currents/");
    assertThat(c.startHour().orElseThrow().toString()).isEqualTo("2024-05-01-13");
    assertThat(c.corruptFilePolicy()).isEqualTo(CorruptFilePolicy.FAIL);
    assertThat(c.outputFormat()).isEqualTo(OutputFormat.CURRENTS);
    assertThat(c.storageRetryTimeout()).isEmpty();
    assertThat(c.eventTypePrefix()).isEqualTo("Braze - ");
    assertThat(c.eventNames().nameFor("users.messages.email.Open")).contains("Email Opened");
    assertThat(c.eventNames().nameFor("users.behaviors.CustomEvent")).contains("${name}");
    assertThat(c.connectorName()).isEqualTo("my-source");
  }

  @Test
  void prefixAlreadyAFolderStaysAsIs() {
    Map<String, String> p = minimal();
    p.put("currents.prefix", "a/b/");
    assertThat(new CurrentsSourceConfig(p).prefix()).isEqualTo("a/b/");
  }

  @Test
  void badRegexIsReportedOnItsKey() {
    Map<String, String> p = minimal();
    p.put("currents.event.types.include", "users\\.behaviors\\..*,users.(messages");
    p.put("currents.event.types.exclude", "[unclosed");
    Map<String, List<String>> e = errors(p);
    assertThat(e.get("currents.event.types.include")).singleElement().asString()
        .contains("'users.(messages' is not a valid regular expression");
    assertThat(e.get("currents.event.types.exclude")).singleElement().asString()
        .contains("[unclosed");
    assertThatThrownBy(() -> new CurrentsSourceConfig(p)).isInstanceOf(ConfigException.class);
  }

  @Test
  void badStartHourIsReportedOnItsKey() {
    for (String bad : List.of("2024-05-01", "2024-13-01-00", "yesterday", "2024-05-01-24", "")) {
      Map<String, String> p = minimal();
      p.put("currents.start.hour", bad);
      assertThat(errors(p)).as(bad).containsOnlyKeys("currents.start.hour");
      assertThat(errors(p).get("currents.start.hour").get(0)).contains("YYYY-MM-DD-HH");
    }
    Map<String, String> ok = minimal();
    ok.put("currents.start.hour", "EARLIEST");
    assertThat(errors(ok)).isEmpty();
  }

  @Test
  void badTopicTemplatesAreReportedOnTopic() {
    Map<String, String> cases =
        Map.of(
            "braze.${type}", "unknown placeholder ${type}",
            "braze currents", "may only contain",
            "braze/${event_type}", "may only contain",
            "x".repeat(240) + "${event_type}", "limited to 249");
    cases.forEach((topic, message) -> {
      Map<String, String> p = minimal();
      p.put("topic", topic);
      assertThat(errors(p).get("topic")).as(topic).singleElement().asString().contains(message);
    });
    Map<String, String> missing = minimal();
    missing.remove("topic");
    assertThat(errors(missing)).containsKey("topic");
    Map<String, String> perType = minimal();
    perType.put("topic", "braze.${event_type}");
    assertThat(errors(perType)).isEmpty();
    TopicTemplate t = new CurrentsSourceConfig(perType).topic();
    assertThat(t.perEventType()).isTrue();
    assertThat(t.topicFor("users.behaviors.Purchase")).isEqualTo("braze.users.behaviors.Purchase");
    assertThat(new CurrentsSourceConfig(minimal()).topic().topicFor("users.x.Y")).isEqualTo("braze-currents");
  }

  @Test
  void unknownEnumsAreReportedOnTheirKeys() {
    Map<String, String> p = minimal();
    p.put("output.format", "parquet");
    p.put("currents.on.corrupt.file", "ignore");
    p.put("currents.storage", "ftp");
    Map<String, List<String>> e = errors(p);
    assertThat(e).containsKeys("output.format", "currents.on.corrupt.file", "currents.storage");
  }

  @Test
  void badEventNamesAreReportedOnTheirKey() {
    Map<String, String> cases =
        Map.of(
            "users.messages.email.Open", "not of the form",
            "=Opened", "not of the form",
            "users messages=Opened", "not a Currents event type",
            "users.x.Y=A ${who}", "unknown placeholder ${who}",
            "users.x.Y=A,users.x.Y=B", "named twice");
    cases.forEach((value, message) -> {
      Map<String, String> p = minimal();
      p.put("amplitude.event.names", value);
      assertThat(errors(p).get("amplitude.event.names")).as(value).singleElement().asString().contains(message);
    });
  }

  @Test
  void rangesAreChecked() {
    Map<String, String> p = minimal();
    p.put("currents.lookback.hours", "0");
    p.put("currents.batch.size", "0");
    p.put("currents.poll.interval.ms", "5");
    p.put("currents.storage.retry.timeout.ms", "-2");
    assertThat(errors(p)).containsOnlyKeys(
        "currents.lookback.hours", "currents.batch.size", "currents.poll.interval.ms",
        "currents.storage.retry.timeout.ms");
  }

  @Test
  void sweepHorizonMustCoverTheLookback() {
    Map<String, String> p = minimal();
    p.put("currents.lookback.hours", "72");
    p.put("currents.sweep.horizon.hours", "48");
    assertThat(errors(p).get("currents.sweep.horizon.hours")).singleElement().asString()
        .contains("must be 0 or at least currents.lookback.hours (72)");
    assertThatThrownBy(() -> new CurrentsSourceConfig(p))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("currents.sweep.horizon.hours");
    p.put("currents.sweep.horizon.hours", "0");
    assertThat(errors(p)).isEmpty();
  }

  @Test
  void storageChecksComeFromTheStorageConfig() {
    Map<String, String> p = minimal();
    p.remove("currents.local.root");
    assertThat(errors(p)).containsKey("currents.local.root");
  }

  @Test
  void everyUserKeyHasDocumentation() {
    for (String key : CurrentsSourceConfig.userKeys()) {
      String doc = CurrentsSourceConfig.CONFIG_DEF.configKeys().get(key).documentation;
      assertThat(doc).as(key).isNotBlank();
    }
    assertThat(CurrentsSourceConfig.userKeys())
        .contains(
            "currents.prefix", "currents.event.types.include", "currents.event.types.exclude",
            "currents.start.hour", "currents.poll.interval.ms", "currents.on.corrupt.file",
            "topic", "output.format", "amplitude.event.type.prefix", "amplitude.event.names",
            "currents.lookback.hours", "currents.sweep.interval.ms", "currents.sweep.horizon.hours",
            "currents.discovery.interval.ms", "currents.batch.size",
            "currents.storage.retry.timeout.ms", "currents.storage.retry.backoff.max.ms")
        .doesNotContain("currents.task.id", "currents.task.count");
  }

  @Test
  void eventTypeFilter() {
    EventTypeFilter f =
        new EventTypeFilter(List.of("users\\.behaviors\\..*", "users\\.messages\\.email\\.Send"),
            List.of(".*Purchase"));
    assertThat(f.accepts("users.behaviors.CustomEvent")).isTrue();
    assertThat(f.accepts("users.behaviors.Purchase")).isFalse();
    assertThat(f.accepts("users.messages.email.Send")).isTrue();
    assertThat(f.accepts("users.messages.email.Open")).isFalse();
    assertThat(f.accepts("xusers.behaviors.CustomEvent")).isFalse(); // whole-name match
    assertThat(new EventTypeFilter(List.of(), List.of("agentconsole\\..*")).accepts("agentconsole.X"))
        .isFalse();
  }
}
