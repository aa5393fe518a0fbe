package io.ampbraze.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.ampbraze.quickstart.QuickstartReport.CreatedConnector;
import io.ampbraze.quickstart.QuickstartReport.CurrentsRow;
import io.ampbraze.quickstart.QuickstartReport.CurrentsSummary;
import io.ampbraze.quickstart.QuickstartReport.RecordsIn;
import io.ampbraze.quickstart.QuickstartReport.SampleTrace;
import io.ampbraze.quickstart.QuickstartReport.SinkProgress;
import io.ampbraze.quickstart.connect.ConnectorPlugin;
import io.ampbraze.quickstart.doubles.BrazeSummary;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuickstartReportTest {
  private static QuickstartReport report(ConnectorMetrics metrics) {
    Map<String, Long> accepted = new LinkedHashMap<>();
    accepted.put("attributes", 55L);
    accepted.put("events", 360L);
    accepted.put("purchases", 40L);
    Map<String, Long> sinkMetrics = new LinkedHashMap<>();
    for (String name : ConnectorMetrics.SINK_ATTRIBUTES) {
      sinkMetrics.put(name, 7L);
    }
    return new QuickstartReport(
        Path.of("/runs/run-1"),
        "4.3.1",
        "127.0.0.1:9092",
        URI.create("http://127.0.0.1:8083/"),
        List.of(new ConnectorPlugin(QuickstartRun.BRAZE_SINK, "sink", "0.1.0")),
        List.of(
            new CreatedConnector("braze-events", "sink-dlq.json", "RUNNING, tasks 2/2 RUNNING")),
        List.of(
            new RecordsIn(
                "events", "amplitude-events", 400, "braze-events", new SinkProgress(400, 400)),
            new RecordsIn(
                "cohort changes", "amplitude-cohorts", 4, "braze-cohorts", new SinkProgress(3, 4))),
        URI.create("http://127.0.0.1:4567"),
        "75 objects per request combined",
        new BrazeSummary(16, Map.of(201, 15L, 429, 1L), accepted, 2, 30),
        "amplitude-events-dlq",
        1,
        new CurrentsSummary(
            Path.of("/runs/run-1/currents-bucket"),
            "2026-01-15-10 to 2026-01-15-12",
            Map.of("deflate", 1, "null", 2),
            List.of("braze-currents"),
            List.of(
                new CurrentsRow("users.behaviors.CustomEvent", 2, 50, 5, 45),
                new CurrentsRow("users.behaviors.Purchase", 1, 25, 0, 25))),
        List.of(
            new SampleTrace(
                "cohort change from amplitude-cohorts", "{in}", List.of("attributes: {a}"), 7)),
        List.of(
            new SampleTrace(
                "users.behaviors.Purchase, record 0 of k",
                "{p}",
                List.of("braze-currents: {e}"),
                0)),
        metrics != null
            ? metrics
            : new ConnectorMetrics("127.0.0.1:9999", Map.of("braze-events", sinkMetrics), null),
        List.of("# Connect", "curl -s http://127.0.0.1:8083/connectors"));
  }

  @Test
  void showsRecordsInPerKindWithWhatEachSinkCommitted() {
    assertThat(report(null).render())
        .contains(
            "  events          amplitude-events          400   braze-events           400/400"
                + " committed\n")
        .contains(
            "  cohort changes  amplitude-cohorts           4   braze-cohorts          3/4"
                + " committed\n");
  }

  @Test
  void showsWhatTheEmulatorAcceptedByKindAndTheDeadLetterQueue() {
    assertThat(report(null).render())
        .contains(
            "Objects accepted by the Braze emulator: 455 in 16 requests (answers 201 × 15, 429 ×"
                + " 1), 2 item errors, 30 users\n"
                + "  attributes          55\n"
                + "  events             360\n"
                + "  purchases           40\n"
                + "Dead letter queue amplitude-events-dlq: 1 records\n");
  }

  @Test
  void showsTheBucketPerEventTypeWithATotal() {
    assertThat(report(null).render())
        .contains(
            "  3 Avro files (deflate 1, null 2), hours 2026-01-15-10 to 2026-01-15-12; emitted to"
                + " braze-currents\n")
        .contains("  users.behaviors.CustomEvent           2       50        5       45\n")
        .contains("  users.behaviors.Purchase              1       25        0       25\n")
        .contains("  total                                 3       75        5       70\n");
  }

  @Test
  void wrapsMetricsFiveToALineAndShowsAFailureToReadThem() {
    String rendered = report(null).render();
    assertThat(rendered)
        .contains(
            "Connector metrics: the connectors' MBeans, summed over tasks (jconsole"
                + " 127.0.0.1:9999)\n")
        .contains(
            "  braze-events           RecordsIn 7, RecordsDelivered 7, RecordsSkipped 7,"
                + " RecordsReported 7, AttributesSent 7\n"
                + "                         EventsSent 7, PurchasesSent 7, Requests 7, Retries"
                + " 7\n");
    assertThat(
            report(new ConnectorMetrics("127.0.0.1:9999", Map.of(), "java.io.IOException: refused"))
                .render())
        .contains("  (reading the MBeans failed: java.io.IOException: refused)\n");
  }

  @Test
  void followsSamplesAndEndsWithTheCommands() {
    assertThat(report(null).render())
        .contains(
            "Sample records: Amplitude -> Braze\n"
                + "  cohort change from amplitude-cohorts\n"
                + "    in   {in}\n"
                + "    out  attributes: {a}\n"
                + "    out  ... and 7 more\n")
        .contains(
            "Sample records: Currents -> Amplitude\n"
                + "  users.behaviors.Purchase, record 0 of k\n"
                + "    in   {p}\n"
                + "    out  braze-currents: {e}\n")
        .contains("Look further\n  # Connect\n  curl -s http://127.0.0.1:8083/connectors\n");
  }
}
