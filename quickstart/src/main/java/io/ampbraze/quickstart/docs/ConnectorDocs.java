package io.ampbraze.quickstart.docs;

import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Connector;

/**
 * The connectors whose configuration is documented from their ConfigDefs: the full reference each
 * one gets under {@code docs/} (the plugin archives ship {@code docs/sink*.md} and {@code
 * docs/source*.md}), and the README block that holds its compact table.
 */
public record ConnectorDocs(
    String title, String connectorClass, String fileName, ReadmeSection readmeSection) {
  /** The command that rewrites the committed reference files and the README's tables. */
  public static final String REGENERATE =
      "mvn -B -q -pl quickstart -am process-test-classes -Pconfig-reference";

  public static final List<ConnectorDocs> ALL =
      List.of(
          new ConnectorDocs(
              "Braze sink connector",
              "io.ampbraze.connect.braze.BrazeSinkConnector",
              "sink-config.md",
              new ReadmeSection("sink-config")),
          new ConnectorDocs(
              "Braze Currents source connector",
              "io.ampbraze.connect.currents.CurrentsSourceConnector",
              "source-config.md",
              new ReadmeSection("source-config")));

  /** The full reference page, {@code docs/<fileName>}. */
  public String render() throws ReflectiveOperationException {
    return ConfigReference.render(title, connectorClass, configDef(), REGENERATE);
  }

  /** The README's compact table, linking each key to its entry in the full reference page. */
  public String renderReadmeTable() throws ReflectiveOperationException {
    return ConfigSummary.render(configDef(), "docs/" + fileName, REGENERATE);
  }

  /** Instantiates the connector (it must be on the classpath) and returns its ConfigDef. */
  private ConfigDef configDef() throws ReflectiveOperationException {
    Connector connector =
        Class.forName(connectorClass)
            .asSubclass(Connector.class)
            .getDeclaredConstructor()
            .newInstance();
    return connector.config();
  }
}
