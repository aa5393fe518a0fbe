package io.ampbraze.quickstart;

import io.ampbraze.quickstart.connect.ConnectorPlugin;
import io.ampbraze.quickstart.doubles.BrazeSummary;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a quickstart run did and saw; {@link #render()} is the text printed at its end. */
public record QuickstartReport(
    Path runFolder,
    String kafkaVersion,
    String bootstrapServers,
    URI connectUrl,
    List<ConnectorPlugin> plugins,
    List<CreatedConnector> connectors,
    Map<String, Long> recordsIn,
    Map<String, SinkProgress> sinkProgress,
    URI brazeSummaryUrl,
    BrazeSummary braze,
    String currentsTopic,
    Map<String, Long> currentsFilesByEventType,
    Map<String, Long> currentsRecordsByEventType,
    List<String> inputSamples,
    List<String> outputSamples,
    List<String> curlCommands) {

  /** A connector the run created, the example it came from and its state at the end. */
  public record CreatedConnector(String name, String exampleFile, String status) {}

  /** Offsets a sink connector committed, against the records in its topics. */
  public record SinkProgress(long committed, long total) {
    public boolean complete() {
      return committed >= total;
    }
  }

  public String render() {
    List<String> out = new ArrayList<>();
    out.add("════════════════════════ Quickstart report ════════════════════════");
    out.add("Run folder  " + runFolder);
    out.add("            logs/ config/ kafka-data/ plugins/ secrets/ currents-bucket/ report.txt");
    out.add("Kafka       " + kafkaVersion + " (KRaft), bootstrap servers " + bootstrapServers);
    out.add("Connect     " + connectUrl + " (distributed worker)");
    out.add("");
    out.add("Plugins listed by GET /connector-plugins");
    plugins.forEach(p -> out.add(row("  " + p.type(), 9) + row(p.className(), 58) + p.version()));
    out.add("");
    out.add("Connectors created with PUT /connectors/{name}/config");
    connectors.forEach(
        c ->
            out.add(
                row("  " + c.name(), 25)
                    + row("config-examples/" + c.exampleFile(), 44)
                    + c.status()));
    out.add("");
    out.add("Records in: sample Amplitude data produced to Kafka");
    recordsIn.forEach((topic, count) -> out.add(row("  " + topic, 25) + count));
    out.add("");
    out.add("Sink progress: offsets committed by each sink connector / records in its topics");
    sinkProgress.forEach(
        (name, progress) ->
            out.add(row("  " + name, 25) + progress.committed() + "/" + progress.total()));
    out.add("");
    out.add("Braze double " + brazeSummaryUrl + ": " + braze.requests() + " requests accepted");
    braze.acceptedByKind().forEach((kind, count) -> out.add(row("  " + kind, 25) + count));
    out.add("");
    out.add("Currents -> Kafka: topic " + currentsTopic);
    out.add("  Avro files in the bucket by event type: " + counts(currentsFilesByEventType));
    out.add("  records emitted by event type:          " + counts(currentsRecordsByEventType));
    out.add("");
    out.add("Sample records");
    inputSamples.forEach(s -> out.add("  in   " + s));
    braze.samples().forEach(s -> out.add("  out  braze " + s));
    outputSamples.forEach(s -> out.add("  out  " + s));
    out.add("");
    out.add("Look further");
    curlCommands.forEach(c -> out.add("  " + c));
    out.add("═══════════════════════════════════════════════════════════════════");
    return String.join(System.lineSeparator(), out) + System.lineSeparator();
  }

  private static String counts(Map<String, Long> counts) {
    if (counts.isEmpty()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    counts.forEach((key, count) -> parts.add(key + " " + count));
    return String.join(", ", parts);
  }

  private static String row(String text, int width) {
    return String.format(Locale.ROOT, "%-" + width + "s ", text);
  }
}
