package io.ampbraze.quickstart;

import io.ampbraze.quickstart.platform.WorkerJmx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The connectors' own metrics, read from their MBeans in the worker JVM and summed over each
 * connector's tasks: the same numbers a user sees in jconsole or a JMX exporter.
 */
record ConnectorMetrics(
    String jmxAddress, Map<String, Map<String, Long>> byConnector, String error) {
  static final String SINK_MBEANS = "io.ampbraze.connect.braze:type=sink-task-metrics,*";
  static final String SOURCE_MBEANS = "io.ampbraze.connect.currents:type=source-task-metrics,*";

  static final List<String> SINK_ATTRIBUTES =
      List.of(
          "RecordsIn",
          "RecordsDelivered",
          "RecordsSkipped",
          "RecordsReported",
          "AttributesSent",
          "EventsSent",
          "PurchasesSent",
          "Requests",
          "Retries");
  static final List<String> SOURCE_ATTRIBUTES =
      List.of(
          "FilesRead",
          "FilesSkipped",
          "RecordsRead",
          "RecordsEmitted",
          "RecordsSkippedNoId",
          "RecordsInvalid",
          "StorageErrors");

  /** Reads both connectors' MBeans; a failure is kept as the error, not thrown. */
  static ConnectorMetrics read(WorkerJmx jmx) {
    Map<String, Map<String, Long>> byConnector = new LinkedHashMap<>();
    try {
      byConnector.putAll(jmx.sumByConnector(SINK_MBEANS, SINK_ATTRIBUTES));
      byConnector.putAll(jmx.sumByConnector(SOURCE_MBEANS, SOURCE_ATTRIBUTES));
      return new ConnectorMetrics(jmx.address(), byConnector, null);
    } catch (Exception e) {
      return new ConnectorMetrics(jmx.address(), byConnector, e.toString());
    }
  }
}
