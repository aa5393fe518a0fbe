package io.ampbraze.quickstart.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.runtime.SinkConnectorConfig;
import org.apache.kafka.connect.runtime.SourceConnectorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The files of {@code config-examples/} as files: the nine use cases, each a valid PUT body for the
 * right plugin, using only keys that exist, with every secret behind a config provider.
 * ConfigExamplesIT then validates them on a running worker.
 */
public class ConfigExamplesTest {
  /** Every use case the quickstart issue asks for, one file each. */
  public static final List<String> EXAMPLE_FILES =
      List.of(
          "sink-cohorts.json",
          "sink-dlq.json",
          "sink-events.json",
          "sink-user-properties.json",
          "source-azure.json",
          "source-exactly-once.json",
          "source-gcs.json",
          "source-local.json",
          "source-s3.json");

  static final String SINK = "io.ampbraze.connect.braze.BrazeSinkConnector";
  static final String SOURCE = "io.ampbraze.connect.currents.CurrentsSourceConnector";

  /** The sink's config keys that the sink issue makes a contract. */
  static final Set<String> SINK_CONTRACT =
      Set.of(
          "braze.rest.url",
          "braze.api.key",
          "braze.app.id",
          "braze.allow.http",
          "braze.batch.max.objects",
          "braze.batch.limit.per.array",
          "braze.rate.limit.requests",
          "braze.rate.limit.window.ms",
          "braze.max.in.flight.requests",
          "braze.linger.ms",
          "braze.request.timeout.ms",
          "braze.retry.backoff.ms",
          "braze.retry.backoff.max.ms",
          "braze.retry.timeout.ms",
          "braze.update.existing.only",
          "record.kind",
          "identity.anonymous",
          "identity.alias.label",
          "events.include",
          "events.exclude",
          "events.properties.include",
          "events.user.properties.as.attributes",
          "purchases.mode",
          "purchases.default.currency",
          "attributes.dedup.enabled",
          "attributes.dedup.cache.max.entries",
          "attributes.standard.mapping",
          "cohorts.mode",
          "cohorts.attribute.name");

  /** The source's config keys that the source issue makes a contract. */
  static final Set<String> SOURCE_CONTRACT =
      Set.of(
          "currents.storage",
          "currents.bucket",
          "currents.prefix",
          "currents.local.root",
          "s3.region",
          "s3.endpoint.url",
          "s3.path.style.access",
          "s3.access.key.id",
          "s3.secret.access.key",
          "gcs.project.id",
          "gcs.credentials.json",
          "gcs.endpoint.url",
          "azure.connection.string",
          "azure.account.name",
          "azure.account.key",
          "azure.endpoint.url",
          "currents.event.types.include",
          "currents.event.types.exclude",
          "currents.start.hour",
          "currents.poll.interval.ms",
          "currents.on.corrupt.file",
          "topic",
          "output.format",
          "amplitude.event.type.prefix",
          "amplitude.event.names");

  /**
   * Secrets by the contract (PASSWORD configs), plus the S3 key id that travels with its secret.
   */
  static final Set<String> SECRETS =
      Set.of(
          "braze.api.key",
          "s3.access.key.id",
          "s3.secret.access.key",
          "gcs.credentials.json",
          "azure.connection.string",
          "azure.account.key");

  static final String SECRETS_DIR = "/etc/kafka-connect/secrets";

  static List<String> exampleFiles() {
    return EXAMPLE_FILES;
  }

  private static Path dir() {
    return Paths.get(System.getProperty("quickstart.project.dir"), "config-examples");
  }

  @Test
  void thereIsOneFilePerUseCase() throws Exception {
    assertThat(ConfigExample.loadAll(dir()))
        .extracting(ConfigExample::fileName)
        .containsExactlyElementsOf(EXAMPLE_FILES);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exampleFiles")
  void namesThePluginItsPrefixSays(String file) throws Exception {
    ConfigExample example = ConfigExample.load(dir().resolve(file));
    assertThat(example.connectorClass()).isEqualTo(file.startsWith("sink-") ? SINK : SOURCE);
    assertThat(example.config()).as("the name comes from the URL").doesNotContainKey("name");
    assertThat(example.config()).containsKey(file.startsWith("sink-") ? "topics" : "topic");
    assertThat(example.config())
        .containsEntry("key.converter", "org.apache.kafka.connect.storage.StringConverter")
        .containsEntry("value.converter", "org.apache.kafka.connect.json.JsonConverter")
        .containsEntry("value.converter.schemas.enable", "false");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exampleFiles")
  void usesOnlyKeysThatExist(String file) throws Exception {
    ConfigExample example = ConfigExample.load(dir().resolve(file));
    boolean sink = file.startsWith("sink-");
    Set<String> known = new HashSet<>(sink ? SINK_CONTRACT : SOURCE_CONTRACT);
    known.addAll(connectorConfig(example).names());
    known.addAll(
        (sink ? SinkConnectorConfig.configDef() : SourceConnectorConfig.configDef()).names());
    for (String key : example.config().keySet()) {
      boolean converterSetting =
          key.startsWith("key.converter.") || key.startsWith("value.converter.");
      assertThat(known.contains(key) || converterSetting)
          .as(file + ": unknown key " + key)
          .isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exampleFiles")
  void keepsEverySecretBehindAConfigProvider(String file) throws Exception {
    ConfigExample example = ConfigExample.load(dir().resolve(file));
    Set<String> secretKeys = new HashSet<>(SECRETS);
    connectorConfig(example).configKeys().values().stream()
        .filter(key -> key.type == ConfigDef.Type.PASSWORD)
        .forEach(key -> secretKeys.add(key.name));
    for (Map.Entry<String, String> entry : example.config().entrySet()) {
      String value = entry.getValue();
      if (secretKeys.contains(entry.getKey())) {
        assertThat(SecretReference.in(value))
            .as(file + ": " + entry.getKey() + " must be a single config-provider variable")
            .hasSize(1);
        assertThat(value).isEqualTo(SecretReference.in(value).get(0).variable());
      }
      assertThat(value).doesNotContain("AccountKey=").doesNotContain("PRIVATE KEY");
    }
    for (SecretReference reference : example.secretReferences()) {
      assertThat(reference.file().toString()).startsWith(SECRETS_DIR + "/");
    }
  }

  private static ConfigDef connectorConfig(ConfigExample example) throws Exception {
    return Class.forName(example.connectorClass())
        .asSubclass(Connector.class)
        .getDeclaredConstructor()
        .newInstance()
        .config();
  }
}
