package io.ampbraze.quickstart.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigReferenceTest {
  private static final String REGENERATE = "mvn regenerate";

  static List<ConnectorDocs> connectors() {
    return ConnectorDocs.ALL;
  }

  @ParameterizedTest(name = "docs/{0}")
  @MethodSource("connectors")
  void theCommittedReferenceMatchesTheConfigDef(ConnectorDocs connector) throws Exception {
    Path committed =
        Paths.get(System.getProperty("quickstart.project.dir"), "docs", connector.fileName());
    String expected = connector.render();
    assertThat(committed)
        .as(
            "docs/%s is missing or stale: it must be generated from %s#config(). Regenerate it with%n  %s%nand commit the result.",
            connector.fileName(), connector.connectorClass(), ConnectorDocs.REGENERATE)
        .exists();
    assertThat(Files.readString(committed))
        .as(
            "docs/%s is stale: it differs from what %s#config() generates. Regenerate it with%n  %s%nand commit the result.",
            connector.fileName(), connector.connectorClass(), ConnectorDocs.REGENERATE)
        .isEqualTo(expected);
  }

  private static ConfigDef sample() {
    return new ConfigDef()
        .define(
            "endpoint.url",
            Type.STRING,
            ConfigDef.NO_DEFAULT_VALUE,
            Importance.HIGH,
            "Where to send. Must be https.",
            "Connection",
            1,
            Width.LONG,
            "Endpoint")
        .define(
            "api.key",
            Type.PASSWORD,
            ConfigDef.NO_DEFAULT_VALUE,
            Importance.HIGH,
            "The key.",
            "Connection",
            2,
            Width.LONG,
            "Key")
        .define(
            "batch.size",
            Type.INT,
            75,
            ConfigDef.Range.between(1, 75),
            Importance.MEDIUM,
            "Objects per request | batch.",
            "Delivery",
            2,
            Width.SHORT,
            "Batch")
        .define(
            "mode",
            Type.STRING,
            "auto",
            ConfigDef.ValidString.in("auto", "event"),
            Importance.LOW,
            "Which kind.",
            "Delivery",
            1,
            Width.SHORT,
            "Mode")
        .define("filters", Type.LIST, "", Importance.LOW, "Patterns.")
        .define("label", Type.STRING, "", Importance.LOW, "A label.")
        .define("optional.id", Type.STRING, null, Importance.LOW, "An id.")
        .define(
            "validated", Type.STRING, "x", (name, value) -> {}, Importance.LOW, "Custom check.");
  }

  @Test
  void rendersGroupsInOrderAndKeysByTheirOrderInTheGroup() {
    String page = ConfigReference.render("Sample", "com.example.Sample", sample(), REGENERATE);
    assertThat(page)
        .startsWith("# Sample: configuration reference\n")
        .contains("regenerate with\n     mvn regenerate -->");
    assertThat(page.indexOf("## Connection")).isLessThan(page.indexOf("## Delivery"));
    assertThat(page.indexOf("## Delivery")).isLessThan(page.indexOf("## Other settings"));
    assertThat(page.indexOf("### `mode`")).isLessThan(page.indexOf("### `batch.size`"));
  }

  @Test
  void rendersTypeDefaultValidValuesAndImportance() {
    String page = ConfigReference.render("Sample", "com.example.Sample", sample(), REGENERATE);
    assertThat(page)
        .contains("| [`endpoint.url`](#endpointurl) | string | required | high |")
        .contains("| [`batch.size`](#batchsize) | int | `75` | medium |")
        .contains(
            "### `batch.size`\n\nObjects per request | batch.\n\n- Type: int\n- Default: `75`\n- Valid values: `[1,...,75]`\n- Importance: medium")
        .contains("- Valid values: `[auto, event]`")
        .contains("### `filters`\n\nPatterns.\n\n- Type: list\n- Default: empty list")
        .contains("### `label`\n\nA label.\n\n- Type: string\n- Default: `\"\"` (empty)")
        .contains("### `optional.id`\n\nAn id.\n\n- Type: string\n- Default: none");
  }

  @Test
  void marksPasswordsAsSecrets() {
    String page = ConfigReference.render("Sample", "com.example.Sample", sample(), REGENERATE);
    assertThat(page)
        .contains("### `api.key`\n\nThe key.\n\n- Type: password\n- Default: required")
        .contains(
            "- Secret: the value is hidden in the REST API and in logs; supply it through a config provider, e.g. `${file:/path/secrets.properties:api.key}`");
    String batchSize =
        page.substring(page.indexOf("### `batch.size`"), page.indexOf("### `filters`"));
    assertThat(batchSize).doesNotContain("- Secret:");
  }

  @Test
  void leavesOutValidatorsThatDoNotDescribeThemselves() {
    String page = ConfigReference.render("Sample", "com.example.Sample", sample(), REGENERATE);
    String validated = page.substring(page.indexOf("### `validated`"));
    assertThat(validated).doesNotContain("Valid values").doesNotContain("$$Lambda");
  }

  @Test
  void saysSoWhenTheConfigDefIsEmpty() {
    assertThat(ConfigReference.render("Empty", "com.example.Empty", new ConfigDef(), REGENERATE))
        .endsWith("The connector's `ConfigDef` declares no settings of its own.\n");
  }

  @Test
  void anchorsFollowGitHubsHeadingIds() {
    assertThat(ConfigReference.anchor("s3.access.key.id")).isEqualTo("s3accesskeyid");
    assertThat(ConfigReference.anchor("braze.rate.limit.window.ms"))
        .isEqualTo("brazeratelimitwindowms");
  }
}
