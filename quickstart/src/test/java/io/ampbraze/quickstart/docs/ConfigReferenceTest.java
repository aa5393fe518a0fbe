package io.ampbraze.quickstart.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
            "docs/%s is missing or stale: it must be generated from %s#config(). Regenerate it"
                + " with%n  %s%nand commit the result.",
            connector.fileName(), connector.connectorClass(), ConnectorDocs.REGENERATE)
        .exists();
    assertThat(Files.readString(committed))
        .as(
            "docs/%s is stale: it differs from what %s#config() generates. Regenerate it with%n "
                + " %s%nand commit the result.",
            connector.fileName(), connector.connectorClass(), ConnectorDocs.REGENERATE)
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "README.md {0}")
  @MethodSource("connectors")
  void theReadmesTableMatchesTheConfigDef(ConnectorDocs connector) throws Exception {
    Path readme = Paths.get(System.getProperty("quickstart.project.dir"), "README.md");
    ReadmeSection section = connector.readmeSection();
    String committed;
    try {
      committed = section.extract(Files.readString(readme));
    } catch (IllegalStateException e) {
      throw new AssertionError(
          e.getMessage()
              + ". Put the two marker lines where the table belongs, then regenerate with\n  "
              + ConnectorDocs.REGENERATE,
          e);
    }
    assertThat(committed)
        .as(
            "README.md's table between %s and %s is stale: it differs from what %s#config()"
                + " generates. Regenerate it with%n  %s%nand commit the result.",
            section.startMarker(),
            section.endMarker(),
            connector.connectorClass(),
            ConnectorDocs.REGENERATE)
        .isEqualTo(connector.renderReadmeTable());
  }

  @ParameterizedTest(name = "README.md {0}")
  @MethodSource("connectors")
  void theReadmesTableListsEveryKeyOfTheFullReference(ConnectorDocs connector) throws Exception {
    String table = connector.renderReadmeTable();
    String reference = connector.render();
    Matcher keys = Pattern.compile("(?m)^### `([^`]+)`$").matcher(reference);
    int count = 0;
    while (keys.find()) {
      count++;
      assertThat(table)
          .contains(
              "| [`"
                  + keys.group(1)
                  + "`](docs/"
                  + connector.fileName()
                  + "#"
                  + ConfigReference.anchor(keys.group(1))
                  + ") |");
    }
    assertThat(count).isGreaterThan(10);
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
            "### `batch.size`\n\n"
                + "Objects per request \\| batch.\n\n"
                + "- Type: int\n"
                + "- Default: `75`\n"
                + "- Valid values: `[1,...,75]`\n"
                + "- Importance: medium")
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
            "- Secret: the value is hidden in the REST API and in logs; supply it through a config"
                + " provider, e.g. `${file:/path/secrets.properties:api.key}`");
    String batchSize =
        page.substring(page.indexOf("### `batch.size`"), page.indexOf("### `filters`"));
    assertThat(batchSize).doesNotContain("- Secret:");
  }

  @Test
  void escapesDescriptionsSoGitHubShowsThemAsWritten() {
    ConfigDef config =
        new ConfigDef()
            .define(
                "target",
                Type.STRING,
                "",
                Importance.LOW,
                "Posts to <url>/track; patterns such as 'a\\.b.*' or '${name}'.");
    assertThat(ConfigReference.render("Sample", "com.example.Sample", config, REGENERATE))
        .contains("\n\nPosts to \\<url>/track; patterns such as 'a\\\\.b.\\*' or '\\${name}'.\n\n");
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

  @Test
  void readmeTablesHaveTypeDefaultValidValuesAndTheFirstSentence() {
    String table = ConfigSummary.render(sample(), "docs/sample-config.md", REGENERATE);
    assertThat(table)
        .startsWith(
            "<!-- Generated from the connector's ConfigDef. Do not edit by hand: regenerate with\n"
                + "     mvn regenerate -->\n")
        .contains(
            "**Connection**\n\n"
                + "| Key | Type | Default | Valid values | Summary |\n"
                + "|---|---|---|---|---|\n"
                + "| [`endpoint.url`](docs/sample-config.md#endpointurl) | string | required |  |"
                + " Where to send. |\n"
                + "| [`api.key`](docs/sample-config.md#apikey) | password | required |  | The key."
                + " |\n")
        .contains(
            "| [`mode`](docs/sample-config.md#mode) | string | `auto` | `[auto, event]` | Which"
                + " kind. |")
        .contains(
            "| [`batch.size`](docs/sample-config.md#batchsize) | int | `75` | `[1,...,75]` |"
                + " Objects per request \\| batch. |")
        .contains(
            "| [`filters`](docs/sample-config.md#filters) | list | empty list |  | Patterns. |")
        .contains(
            "| [`optional.id`](docs/sample-config.md#optionalid) | string | none |  | An id. |");
    assertThat(table.indexOf("**Connection**")).isLessThan(table.indexOf("**Delivery**"));
    assertThat(table.indexOf("**Delivery**")).isLessThan(table.indexOf("**Other settings**"));
    assertThat(table.indexOf("`mode`")).isLessThan(table.indexOf("`batch.size`"));
    assertThat(table).doesNotContain("$$Lambda");
  }

  @Test
  void readmeTableSaysSoWhenTheConfigDefIsEmpty() {
    assertThat(ConfigSummary.render(new ConfigDef(), "docs/x.md", REGENERATE))
        .endsWith("\n\nThe connector's `ConfigDef` declares no settings of its own.\n");
  }

  @Test
  void theFirstSentenceEndsAtAPeriodFollowedBySpaceButNotAtAnAbbreviation() {
    assertThat(ConfigSummary.firstSentence("One. Two.")).isEqualTo("One.");
    assertThat(ConfigSummary.firstSentence("Only one sentence")).isEqualTo("Only one sentence");
    assertThat(ConfigSummary.firstSentence("  Ends here.  ")).isEqualTo("Ends here.");
    assertThat(ConfigSummary.firstSentence(null)).isEmpty();
    assertThat(
            ConfigSummary.firstSentence(
                "The endpoint, e.g. https://rest.iad-01.braze.com (Settings > APIs). More."))
        .isEqualTo("The endpoint, e.g. https://rest.iad-01.braze.com (Settings > APIs).");
    assertThat(ConfigSummary.firstSentence("Per request, 1..75. With more."))
        .isEqualTo("Per request, 1..75.");
    assertThat(ConfigSummary.firstSentence("A region (e.g. 'us-east-1'). Empty: the chain."))
        .isEqualTo("A region (e.g. 'us-east-1').");
    assertThat(ConfigSummary.firstSentence("A string (Name=...;Key=... or Sig=...). Either."))
        .isEqualTo("A string (Name=...;Key=... or Sig=...).");
    assertThat(ConfigSummary.firstSentence("Waits 1.5 s, i.e. long.\nThen more."))
        .isEqualTo("Waits 1.5 s, i.e. long.");
  }

  @Test
  void summariesAreEscapedSoGitHubShowsThemAsWritten() {
    assertThat(ConfigSummary.inline("posts to <url>/users/track"))
        .isEqualTo("posts to \\<url>/users/track");
    assertThat(ConfigSummary.inline("a | b")).isEqualTo("a \\| b");
    assertThat(ConfigSummary.inline("'users\\.behaviors\\..*,x.*'"))
        .isEqualTo("'users\\\\.behaviors\\\\..\\*,x.\\*'");
    assertThat(ConfigSummary.inline("'${event_type}' and $identify"))
        .isEqualTo("'\\${event_type}' and \\$identify");
    assertThat(ConfigSummary.inline("sent as _update_existing_only on `x`"))
        .isEqualTo("sent as \\_update_existing_only on \\`x\\`");
  }

  @Test
  void aReadmeSectionReplacesOnlyWhatLiesBetweenItsMarkers() {
    ReadmeSection section = new ReadmeSection("sample-config");
    String readme =
        "# Title\n\n"
            + "Before.\n"
            + "<!-- sample-config:start -->\n"
            + "old table\n"
            + "<!-- sample-config:end -->\n"
            + "After.\n";
    String spliced = section.splice(readme, "new table\n");
    assertThat(spliced)
        .isEqualTo(
            "# Title\n\n"
                + "Before.\n"
                + "<!-- sample-config:start -->\n"
                + "new table\n"
                + "<!-- sample-config:end -->\n"
                + "After.\n");
    assertThat(section.extract(spliced)).isEqualTo("new table\n");
    assertThat(section.splice(spliced, "new table")).isEqualTo(spliced);
    String empty = "<!-- sample-config:start -->\n<!-- sample-config:end -->\n";
    assertThat(section.extract(empty)).isEmpty();
    assertThat(section.splice(empty, "t\n"))
        .isEqualTo("<!-- sample-config:start -->\nt\n<!-- sample-config:end -->\n");
  }

  @Test
  void aReadmeWithoutItsMarkersOrWithThemTwiceIsRefused() {
    ReadmeSection section = new ReadmeSection("sample-config");
    assertThatThrownBy(() -> section.extract("# No markers\n"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("<!-- sample-config:start --> exactly once (found 0)");
    assertThatThrownBy(
            () ->
                section.splice(
                    "<!-- sample-config:start -->\n<!-- sample-config:end -->\n"
                        + "<!-- sample-config:end -->\n",
                    "x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("<!-- sample-config:end --> exactly once (found 2)");
    assertThatThrownBy(
            () -> section.extract("<!-- sample-config:end -->\n<!-- sample-config:start -->\n"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("comes before");
  }
}
