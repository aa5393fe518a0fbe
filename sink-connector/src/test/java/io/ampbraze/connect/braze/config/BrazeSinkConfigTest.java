package io.ampbraze.connect.braze.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.ampbraze.connect.braze.BrazeSinkConnector;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BrazeSinkConfigTest {
  private static final String KEY = "super-secret-rest-key-123";

  static Map<String, String> minimal() {
    Map<String, String> p = new HashMap<>();
    p.put("braze.rest.url", "https://rest.iad-01.braze.com");
    p.put("braze.api.key", KEY);
    return p;
  }

  private static Map<String, String> with(String key, String value) {
    Map<String, String> p = minimal();
    p.put(key, value);
    return p;
  }

  /** The error messages validate() attaches to each key. */
  private static Map<String, List<String>> errors(Map<String, String> props) {
    Config result = new BrazeSinkConnector().validate(props);
    return result.configValues().stream()
        .filter(v -> !v.errorMessages().isEmpty())
        .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
  }

  @Test
  void defaultsMatchTheIssueContract() {
    BrazeSinkConfig c = new BrazeSinkConfig(minimal());
    assertThat(c.appId()).isNull();
    assertThat(c.allowHttp()).isFalse();
    assertThat(c.batchMaxObjects()).isEqualTo(75);
    assertThat(c.batchLimitPerArray()).isFalse();
    assertThat(c.batchMaxBytes()).isEqualTo(4_000_000);
    assertThat(c.rateLimitRequests()).isEqualTo(3000);
    assertThat(c.rateLimitWindowMs()).isEqualTo(3000);
    assertThat(c.taskRateLimitRequests()).isEqualTo(3000);
    assertThat(c.maxInFlight()).isEqualTo(64);
    assertThat(c.lingerMs()).isEqualTo(100);
    assertThat(c.requestTimeoutMs()).isEqualTo(30_000);
    assertThat(c.retryBackoffMs()).isEqualTo(500);
    assertThat(c.retryBackoffMaxMs()).isEqualTo(20_000);
    assertThat(c.retryTimeoutMs()).isEqualTo(600_000);
    assertThat(c.bufferMaxObjects()).isEqualTo(20_000);
    assertThat(c.bufferMaxBytes()).isEqualTo(64L * 1024 * 1024);
    assertThat(c.updateExistingOnly()).isFalse();
    assertThat(c.recordKind()).isEqualTo(RecordKind.AUTO);
    assertThat(c.nullValues()).isEqualTo(NullValueBehavior.IGNORE);
    assertThat(c.anonymousMode()).isEqualTo(AnonymousMode.SKIP);
    assertThat(c.aliasLabel()).isEqualTo("amplitude_device_id");
    assertThat(c.eventsInclude()).isEmpty();
    assertThat(c.eventsExclude()).isEmpty();
    assertThat(c.eventPropertiesInclude()).isEmpty();
    assertThat(c.eventUserPropertiesAsAttributes()).isFalse();
    assertThat(c.purchasesMode()).isEqualTo(PurchasesMode.PURCHASE);
    assertThat(c.defaultCurrency()).isEqualTo("USD");
    assertThat(c.dedupEnabled()).isTrue();
    assertThat(c.dedupMaxEntries()).isEqualTo(100_000);
    assertThat(c.standardMapping()).isTrue();
    assertThat(c.reservedPrefix()).isEqualTo("amplitude_");
    assertThat(c.cohortsMode()).isEqualTo(CohortsMode.ARRAY);
    assertThat(c.cohortsAttribute()).isEqualTo("amplitude_cohorts");
    assertThat(c.taskId()).isZero();
    assertThat(c.taskCount()).isEqualTo(1);
  }

  @Test
  void everyIssueKeyIsDefinedWithDocs() {
    ConfigDef def = BrazeSinkConfig.CONFIG_DEF;
    for (String key :
        List.of(
            "braze.rest.url", "braze.api.key", "braze.app.id", "braze.allow.http", "braze.batch.max.objects",
            "braze.batch.limit.per.array", "braze.rate.limit.requests", "braze.rate.limit.window.ms",
            "braze.max.in.flight.requests", "braze.linger.ms", "braze.request.timeout.ms",
            "braze.retry.backoff.ms", "braze.retry.backoff.max.ms", "braze.retry.timeout.ms",
            "braze.update.existing.only", "record.kind", "identity.anonymous", "identity.alias.label",
            "events.include", "events.exclude", "events.properties.include",
            "events.user.properties.as.attributes", "purchases.mode", "purchases.default.currency",
            "attributes.dedup.enabled", "attributes.dedup.cache.max.entries", "attributes.standard.mapping",
            "cohorts.mode", "cohorts.attribute.name")) {
      assertThat(def.configKeys()).containsKey(key);
      assertThat(def.configKeys().get(key).documentation).as(key).hasSizeGreaterThan(20);
    }
    assertThat(def.configKeys().get("braze.api.key").type).isEqualTo(ConfigDef.Type.PASSWORD);
  }

  @Test
  void parsesEveryTypedValue() {
    Map<String, String> p = minimal();
    p.put("braze.rest.url", "https://rest.fra-01.braze.eu/");
    p.put("braze.app.id", " app-1 ");
    p.put("record.kind", "COHORT");
    p.put("identity.anonymous", "Alias");
    p.put("purchases.mode", "ecommerce");
    p.put("purchases.default.currency", "eur");
    p.put("cohorts.mode", "boolean");
    p.put("behavior.on.null.values", "fail");
    p.put("events.include", "Purchase.*,Sign Up");
    p.put("events.properties.include", "plan,price");
    BrazeSinkConfig c = new BrazeSinkConfig(p);
    assertThat(c.restUrl()).isEqualTo("https://rest.fra-01.braze.eu");
    assertThat(c.restScheme()).isEqualTo("https");
    assertThat(c.appId()).isEqualTo("app-1");
    assertThat(c.recordKind()).isEqualTo(RecordKind.COHORT);
    assertThat(c.anonymousMode()).isEqualTo(AnonymousMode.ALIAS);
    assertThat(c.purchasesMode()).isEqualTo(PurchasesMode.ECOMMERCE);
    assertThat(c.defaultCurrency()).isEqualTo("EUR");
    assertThat(c.cohortsMode()).isEqualTo(CohortsMode.BOOLEAN);
    assertThat(c.nullValues()).isEqualTo(NullValueBehavior.FAIL);
    assertThat(c.eventsInclude()).extracting(java.util.regex.Pattern::pattern).containsExactly("Purchase.*", "Sign Up");
    assertThat(c.eventPropertiesInclude()).containsExactly("plan", "price");
  }

  @Test
  void validAndMinimalConfigHasNoErrors() {
    assertThat(errors(minimal())).isEmpty();
  }

  @Test
  void requiresUrlAndKey() {
    Map<String, String> p = new HashMap<>();
    Map<String, List<String>> e = errors(p);
    assertThat(e).containsKeys("braze.rest.url", "braze.api.key");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ftp://rest.iad-01.braze.com | must start with https://",
        "rest.iad-01.braze.com | must start with https://",
        "https://_bad_host | has no host",
        "https://user:pw@rest.iad-01.braze.com | must not contain credentials",
        "https://rest.iad-01.braze.com/?x=1 | must not have a query",
        "https://rest iad | not a valid URL",
      })
  void rejectsBadUrlsOnTheUrlKey(String url, String message) {
    Map<String, List<String>> e = errors(with("braze.rest.url", url));
    assertThat(e).containsOnlyKeys("braze.rest.url");
    assertThat(e.get("braze.rest.url").get(0)).contains(message);
  }

  @Test
  void httpNeedsAllowHttp() {
    Map<String, String> p = with("braze.rest.url", "http://localhost:4567");
    Map<String, List<String>> e = errors(p);
    assertThat(e).containsOnlyKeys("braze.rest.url");
    assertThat(e.get("braze.rest.url").get(0)).contains("braze.allow.http");
    assertThatThrownBy(() -> new BrazeSinkConfig(p))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("braze.allow.http");
    p.put("braze.allow.http", "true");
    assertThat(errors(p)).isEmpty();
    assertThat(new BrazeSinkConfig(p).restScheme()).isEqualTo("http");
  }

  @ParameterizedTest
  @CsvSource({
    "record.kind, events",
    "identity.anonymous, device",
    "purchases.mode, refund",
    "cohorts.mode, list",
    "behavior.on.null.values, delete",
  })
  void rejectsUnknownEnumValues(String key, String value) {
    Map<String, List<String>> e = errors(with(key, value));
    assertThat(e).containsOnlyKeys(key);
    assertThat(e.get(key).get(0)).contains("must be one of");
  }

  @ParameterizedTest
  @CsvSource({"events.include", "events.exclude"})
  void rejectsRegexesThatDoNotCompile(String key) {
    Map<String, List<String>> e = errors(with(key, "ok.*,[broken"));
    assertThat(e).containsOnlyKeys(key);
    assertThat(e.get(key).get(0)).contains("[broken").contains("not a valid regular expression");
  }

  @ParameterizedTest
  @CsvSource({"0", "76", "-1", "many"})
  void rejectsBatchSizesOutsideOneToSeventyFive(String size) {
    assertThat(errors(with("braze.batch.max.objects", size))).containsOnlyKeys("braze.batch.max.objects");
  }

  @ParameterizedTest
  @CsvSource({"1", "50", "75"})
  void acceptsBatchSizesInRange(String size) {
    assertThat(errors(with("braze.batch.max.objects", size))).isEmpty();
  }

  @Test
  void rejectsOtherOutOfRangeNumbers() {
    assertThat(errors(with("braze.max.in.flight.requests", "0"))).containsOnlyKeys("braze.max.in.flight.requests");
    assertThat(errors(with("braze.rate.limit.requests", "0"))).containsOnlyKeys("braze.rate.limit.requests");
    assertThat(errors(with("braze.batch.max.bytes", "5000000"))).containsOnlyKeys("braze.batch.max.bytes");
    assertThat(errors(with("braze.linger.ms", "-5"))).containsOnlyKeys("braze.linger.ms");
    assertThat(errors(with("attributes.dedup.cache.max.entries", "0"))).containsOnlyKeys("attributes.dedup.cache.max.entries");
  }

  @Test
  void backoffMaxMustNotBeBelowBackoff() {
    Map<String, String> p = minimal();
    p.put("braze.retry.backoff.ms", "5000");
    p.put("braze.retry.backoff.max.ms", "1000");
    Map<String, List<String>> e = errors(p);
    assertThat(e).containsOnlyKeys("braze.retry.backoff.max.ms");
    assertThatThrownBy(() -> new BrazeSinkConfig(p)).hasMessageContaining("braze.retry.backoff.max.ms");
  }

  @Test
  void rejectsBadCurrencyLabelsAndAttributeNames() {
    assertThat(errors(with("purchases.default.currency", "dollars"))).containsOnlyKeys("purchases.default.currency");
    assertThat(errors(with("identity.alias.label", " "))).containsOnlyKeys("identity.alias.label");
    assertThat(errors(with("cohorts.attribute.name", "$cohorts"))).containsOnlyKeys("cohorts.attribute.name");
    assertThat(errors(with("attributes.reserved.prefix", ""))).containsOnlyKeys("attributes.reserved.prefix");
    assertThat(errors(with("events.properties.include", "a,,b"))).containsOnlyKeys("events.properties.include");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"\"super-secret-rest-key-123\"", "Bearer super-secret-rest-key-123", "super-secret rest-key-123"})
  void rejectsMalformedKeysWithoutEchoingThem(String key) {
    Map<String, List<String>> e = errors(with("braze.api.key", key));
    assertThat(e).containsOnlyKeys("braze.api.key");
    assertThat(String.join(" ", e.get("braze.api.key"))).doesNotContain("secret");
    assertThatThrownBy(() -> new BrazeSinkConfig(with("braze.api.key", key)))
        .isInstanceOf(ConfigException.class)
        .satisfies(t -> assertThat(t.getMessage()).doesNotContain("secret"));
  }

  @Test
  void validateNeverShowsTheKey() {
    Map<String, String> p = with("braze.rest.url", "http://x");
    Config result = new BrazeSinkConnector().validate(p);
    for (ConfigValue v : result.configValues()) {
      assertThat(String.valueOf(v.value())).doesNotContain(KEY);
      assertThat(String.join(" ", v.errorMessages())).doesNotContain(KEY);
    }
  }

  @Test
  void recommendersListEnumValues() {
    Config result = new BrazeSinkConnector().validate(minimal());
    Map<String, ConfigValue> byName =
        result.configValues().stream().collect(Collectors.toMap(ConfigValue::name, v -> v));
    assertThat(byName.get("purchases.mode").recommendedValues()).containsExactly("purchase", "ecommerce", "event", "off");
    assertThat(byName.get("record.kind").recommendedValues()).containsExactly("auto", "event", "user", "cohort");
    assertThat(byName.get("cohorts.mode").recommendedValues()).containsExactly("array", "boolean");
    assertThat(byName.get("identity.anonymous").recommendedValues()).containsExactly("skip", "alias");
  }
}
