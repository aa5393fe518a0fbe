package io.ampbraze.quickstart;

import io.ampbraze.quickstart.connect.ConnectorPlugin;
import io.ampbraze.quickstart.doubles.BrazeSummary;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What a quickstart run did and saw; {@link #render()} is the text printed at its end. */
public record QuickstartReport(
    Path runFolder,
    String kafkaVersion,
    String bootstrapServers,
    URI connectUrl,
    List<ConnectorPlugin> plugins,
    List<CreatedConnector> connectors,
    List<RecordsIn> recordsIn,
    URI brazeUrl,
    String brazeLimits,
    BrazeSummary braze,
    String deadLetterTopic,
    long deadLetterRecords,
    CurrentsSummary currents,
    List<SampleTrace> amplitudeToBraze,
    List<SampleTrace> currentsToAmplitude,
    ConnectorMetrics metrics,
    List<String> lookFurther) {

  /** A connector the run created, the example it came from and its state at the end. */
  public record CreatedConnector(String name, String exampleFile, String status) {}

  /** Offsets a sink connector committed, against the records in its topics. */
  public record SinkProgress(long committed, long total) {
    public boolean complete() {
      return committed >= total;
    }
  }

  /**
   * Sample Amplitude records of one kind produced to a sink's topic.
   *
   * @param kind {@code events}, {@code identifies} or {@code cohort changes}
   */
  public record RecordsIn(
      String kind, String topic, long records, String connector, SinkProgress progress) {}

  /** The generated Currents bucket and what the source emitted from it. */
  public record CurrentsSummary(
      Path bucket,
      String hours,
      Map<String, Integer> filesByCodec,
      List<String> topics,
      List<CurrentsRow> rows) {}

  /**
   * One Currents event type: what the bucket holds and what the source emitted.
   *
   * @param withoutId records with neither {@code external_user_id} nor {@code device_id}
   */
  public record CurrentsRow(
      String eventType, int files, int records, int withoutId, long emitted) {}

  /**
   * One record followed through a connector.
   *
   * @param title what the record is and where it came from
   * @param in the record as it came in
   * @param out what it became, as shown
   * @param moreOut how many more outputs it has than are shown
   */
  public record SampleTrace(String title, String in, List<String> out, int moreOut) {}

  public String render() {
    List<String> out = new ArrayList<>();
    out.add("════════════════════════ Quickstart report ════════════════════════");
    out.add("Run folder  " + runFolder);
    out.add("            logs/ config/ kafka-data/ plugins/ secrets/ samples/ currents-bucket/");
    out.add("Kafka       " + kafkaVersion + " (KRaft), bootstrap servers " + bootstrapServers);
    out.add("Connect     " + connectUrl + " (distributed worker)");
    out.add("Braze       " + brazeUrl + " (the project's emulator: " + brazeLimits + ")");
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
    renderAmplitudeToBraze(out);
    out.add("");
    renderCurrents(out);
    out.add("");
    renderMetrics(out);
    out.add("");
    out.add("Sample records: Amplitude -> Braze");
    renderTraces(out, amplitudeToBraze);
    out.add("");
    out.add("Sample records: Currents -> Amplitude");
    renderTraces(out, currentsToAmplitude);
    out.add("");
    out.add("Look further");
    lookFurther.forEach(c -> out.add("  " + c));
    out.add("═══════════════════════════════════════════════════════════════════");
    return String.join(System.lineSeparator(), out) + System.lineSeparator();
  }

  private void renderAmplitudeToBraze(List<String> out) {
    out.add("Amplitude -> Braze: records in, produced to Kafka, and committed by each sink");
    for (RecordsIn in : recordsIn) {
      out.add(
          row("  " + in.kind(), 17)
              + row(in.topic(), 22)
              + String.format(Locale.ROOT, "%6d", in.records())
              + "   "
              + row(in.connector(), 22)
              + in.progress().committed()
              + "/"
              + in.progress().total()
              + " committed");
    }
    out.add(
        "Objects accepted by the Braze emulator: "
            + braze.acceptedTotal()
            + " in "
            + braze.requests()
            + " requests (answers "
            + statuses()
            + "), "
            + braze.itemErrors()
            + " item errors, "
            + braze.users()
            + " users");
    braze
        .acceptedByKind()
        .forEach(
            (kind, count) ->
                out.add(row("  " + kind, 17) + String.format(Locale.ROOT, "%6d", count)));
    if (deadLetterTopic != null) {
      out.add("Dead letter queue " + deadLetterTopic + ": " + deadLetterRecords + " records");
    }
  }

  private String statuses() {
    List<String> parts = new ArrayList<>();
    new TreeMap<>(braze.statuses()).forEach((status, count) -> parts.add(status + " × " + count));
    return parts.isEmpty() ? "none" : String.join(", ", parts);
  }

  private void renderCurrents(List<String> out) {
    int files = currents.rows().stream().mapToInt(CurrentsRow::files).sum();
    List<String> codecs = new ArrayList<>();
    new TreeMap<>(currents.filesByCodec())
        .forEach((codec, count) -> codecs.add(codec + " " + count));
    out.add("Braze Currents -> Kafka: the bucket " + currents.bucket());
    out.add(
        "  "
            + files
            + " Avro files ("
            + String.join(", ", codecs)
            + "), hours "
            + currents.hours()
            + "; emitted to "
            + String.join(", ", currents.topics()));
    out.add(
        row("  event type", 34)
            + String.format(
                Locale.ROOT, "%6s %8s %8s %8s", "files", "records", "no id", "emitted"));
    for (CurrentsRow r : currents.rows()) {
      out.add(
          currentsRow("  " + r.eventType(), r.files(), r.records(), r.withoutId(), r.emitted()));
    }
    out.add(
        currentsRow(
            "  total",
            files,
            currents.rows().stream().mapToInt(CurrentsRow::records).sum(),
            currents.rows().stream().mapToInt(CurrentsRow::withoutId).sum(),
            currents.rows().stream().mapToLong(CurrentsRow::emitted).sum()));
    out.add("  (records with no external_user_id and no device_id are skipped by the source)");
  }

  private void renderMetrics(List<String> out) {
    out.add(
        "Connector metrics: the connectors' MBeans, summed over tasks (jconsole "
            + metrics.jmxAddress()
            + ")");
    metrics
        .byConnector()
        .forEach(
            (connector, values) -> {
              List<String> parts = new ArrayList<>();
              values.forEach((name, value) -> parts.add(name + " " + value));
              // Five values a line keeps the lines readable in an 100-column terminal.
              for (int i = 0; i < parts.size(); i += 5) {
                String label = i == 0 ? "  " + connector : "";
                out.add(
                    row(label, 24)
                        + String.join(", ", parts.subList(i, Math.min(parts.size(), i + 5))));
              }
            });
    if (metrics.error() != null) {
      out.add("  (reading the MBeans failed: " + metrics.error() + ")");
    }
  }

  private static String currentsRow(
      String name, int files, int records, int withoutId, long emitted) {
    return row(name, 34)
        + String.format(Locale.ROOT, "%6d %8d %8d %8d", files, records, withoutId, emitted);
  }

  private static void renderTraces(List<String> out, List<SampleTrace> traces) {
    for (SampleTrace trace : traces) {
      out.add("  " + trace.title());
      out.add("    in   " + trace.in());
      trace.out().forEach(o -> out.add("    out  " + o));
      if (trace.moreOut() > 0) {
        out.add("    out  ... and " + trace.moreOut() + " more");
      }
    }
  }

  private static String row(String text, int width) {
    return String.format(Locale.ROOT, "%-" + width + "s ", text);
  }
}
