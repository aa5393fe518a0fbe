package io.ampbraze.quickstart.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ampbraze.quickstart.connect.ConfigExample;
import io.ampbraze.quickstart.connect.ConnectRestClient;
import io.ampbraze.quickstart.connect.ConnectorPlugin;
import io.ampbraze.quickstart.connect.ValidationResult;
import java.util.List;
import java.util.Map;

/**
 * The checks run against a Connect worker that has the plugin archives installed: the same ones on
 * the locally started worker ({@link ConfigExamplesIT}) and on a stock container image ({@link
 * ContainerPlatformIT}, where Docker exists).
 */
final class PlatformChecks {
  static final String SINK = "io.ampbraze.connect.braze.BrazeSinkConnector";
  static final String SOURCE = "io.ampbraze.connect.currents.CurrentsSourceConnector";

  private PlatformChecks() {}

  /**
   * The worker settings the checks need beyond the quickstart's: exactly-once source support, so
   * that {@code source-exactly-once.json} ({@code exactly.once.support=required}) passes the
   * worker's preflight check. The quickstart's own worker leaves it at its default (disabled): its
   * local source does not ask for exactly-once.
   */
  static Map<String, String> workerOverrides() {
    return Map.of("exactly.once.source.support", "enabled");
  }

  /** The worker lists both plugins, found on its plugin.path, with the project's version. */
  static void bothPluginsListed(ConnectRestClient rest, String projectVersion) throws Exception {
    List<ConnectorPlugin> plugins = rest.connectorPlugins();
    assertThat(plugins)
        .contains(
            new ConnectorPlugin(SINK, "sink", projectVersion),
            new ConnectorPlugin(SOURCE, "source", projectVersion));
  }

  /**
   * {@code PUT /connector-plugins/{plugin}/config/validate} reports zero errors for the example.
   *
   * @param example the example as the worker should see it (secret files where it reads them)
   */
  static void validates(ConnectRestClient rest, ConfigExample example) throws Exception {
    ValidationResult result =
        rest.validate(example.connectorClass(), example.configNamed(example.baseName()));
    assertThat(result.errorsByKey())
        .as("validation errors of config-examples/" + example.fileName())
        .isEmpty();
    assertThat(result.errorCount()).isZero();
  }
}
