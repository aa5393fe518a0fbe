package io.ampbraze.quickstart.docs;

import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Connector;

/**
 * The connectors whose config reference is generated, and the file each one goes to under {@code
 * docs/} (the plugin archives ship {@code docs/sink*.md} and {@code docs/source*.md}).
 */
public record ConnectorDocs(String title, String connectorClass, String fileName) {
  /** The command that rewrites the committed reference files. */
  public static final String REGENERATE =
      "mvn -B -q -pl quickstart -am process-test-classes -Pconfig-reference";

  public static final List<ConnectorDocs> ALL =
      List.of(
          new ConnectorDocs(
              "Braze sink connector",
              "io.ampbraze.connect.braze.BrazeSinkConnector",
              "sink-config.md"),
          new ConnectorDocs(
              "Braze Currents source connector",
              "io.ampbraze.connect.currents.CurrentsSourceConnector",
              "source-config.md"));

  /** Instantiates the connector (it must be on the classpath) and renders its ConfigDef. */
  public String render() throws ReflectiveOperationException {
    Connector connector =
        Class.forName(connectorClass)
            .asSubclass(Connector.class)
            .getDeclaredConstructor()
            .newInstance();
    ConfigDef config = connector.config();
    return ConfigReference.render(title, connectorClass, config, REGENERATE);
  }
}
