package io.ampbraze.quickstart.platform;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The worker JVM's JMX endpoint, as Kafka's scripts open it with {@code JMX_PORT}: remote JMX on a
 * free loopback port, without authentication or TLS (nothing outside this machine can reach it), so
 * that {@code jconsole 127.0.0.1:<port>} and the report can read the connectors' MBeans.
 */
public final class WorkerJmx {
  private final int port;

  WorkerJmx(int port) {
    this.port = port;
  }

  /** The JVM options that open it; the RMI registry and server share the one port. */
  List<String> jvmOptions() {
    return List.of(
        "-Dcom.sun.management.jmxremote",
        "-Dcom.sun.management.jmxremote.port=" + port,
        "-Dcom.sun.management.jmxremote.rmi.port=" + port,
        "-Dcom.sun.management.jmxremote.host=127.0.0.1",
        "-Djava.rmi.server.hostname=127.0.0.1",
        "-Dcom.sun.management.jmxremote.authenticate=false",
        "-Dcom.sun.management.jmxremote.ssl=false");
  }

  /** {@code 127.0.0.1:<port>}, what jconsole takes. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  public JMXServiceURL serviceUrl() {
    try {
      return new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + address() + "/jmxrmi");
    } catch (java.net.MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads numeric attributes of every MBean matching {@code pattern} and sums them per value of the
   * {@code connector} key property, connectors sorted by name and attributes in the order asked.
   * Attributes an MBean does not have are left out.
   */
  public Map<String, Map<String, Long>> sumByConnector(String pattern, List<String> attributes)
      throws IOException, JMException {
    Map<String, Map<String, Long>> sums = new TreeMap<>();
    try (JMXConnector connector = JMXConnectorFactory.connect(serviceUrl())) {
      MBeanServerConnection server = connector.getMBeanServerConnection();
      for (ObjectName name : server.queryNames(new ObjectName(pattern), null)) {
        Map<String, Long> connectorSums =
            sums.computeIfAbsent(name.getKeyProperty("connector"), k -> new LinkedHashMap<>());
        AttributeList values = server.getAttributes(name, attributes.toArray(new String[0]));
        Map<String, Long> byName = new LinkedHashMap<>();
        for (Attribute attribute : values.asList()) {
          if (attribute.getValue() instanceof Number) {
            byName.put(attribute.getName(), ((Number) attribute.getValue()).longValue());
          }
        }
        for (String attribute : attributes) {
          Long value = byName.get(attribute);
          if (value != null) {
            connectorSums.merge(attribute, value, Long::sum);
          }
        }
      }
    }
    return sums;
  }
}
