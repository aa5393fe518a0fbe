package io.ampbraze.quickstart.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ampbraze.quickstart.Quickstart;
import io.ampbraze.quickstart.QuickstartConnector;
import io.ampbraze.quickstart.connect.ConfigExample;
import io.ampbraze.quickstart.connect.SecretReference;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the quickstart the way CI does ({@code --exit}) and checks its report, what it sent to the
 * worker, that the API key stayed in the secrets file, and that no JVM it started outlives it.
 */
class QuickstartIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static int exitCode;
  private static String output;
  private static Path runFolder;
  private static List<ProcessHandle> leftOver;

  @BeforeAll
  static void runTheQuickstart() throws IOException {
    Path runs = ProjectPaths.itRuns().resolve("quickstart");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out =
        new PrintStream(new TeeStream(bytes, System.out), true, StandardCharsets.UTF_8)) {
      exitCode =
          Quickstart.run(
              new String[] {
                "--exit",
                "--runs-dir",
                runs.toString(),
                "--project-dir",
                ProjectPaths.projectDir().toString(),
                "--classpath-file",
                ProjectPaths.classpathFile().toString()
              },
              out);
    }
    output = bytes.toString(StandardCharsets.UTF_8);
    leftOver = ChildJvms.of(ProcessHandle.current());
    try (Stream<Path> folders = Files.list(runs)) {
      List<Path> all = folders.sorted().collect(Collectors.toList());
      runFolder = all.get(all.size() - 1);
    }
  }

  @Test
  void exitsCleanlyAndLeavesNoJvmBehind() {
    assertThat(exitCode).as(output).isZero();
    assertThat(leftOver).as("JVMs still running after --exit").isEmpty();
  }

  @Test
  void printsTheReportItWroteToTheRunFolder() throws IOException {
    String report = Files.readString(runFolder.resolve("report.txt"));
    assertThat(output).contains(report);
    assertThat(report)
        .contains("Run folder  " + runFolder)
        .containsPattern("Kafka +" + System.getProperty("kafka.version") + " \\(KRaft\\)")
        .containsPattern(
            "sink +io\\.ampbraze\\.connect\\.braze\\.BrazeSinkConnector +"
                + ProjectPaths.projectVersion())
        .containsPattern(
            "source +io\\.ampbraze\\.connect\\.currents\\.CurrentsSourceConnector +"
                + ProjectPaths.projectVersion());
  }

  @Test
  void reportsEveryConnectorRunningFromItsExample() throws IOException {
    String report = Files.readString(runFolder.resolve("report.txt"));
    for (QuickstartConnector connector : QuickstartConnector.ALL) {
      assertThat(report)
          .containsPattern(
              connector.name()
                  + " +config-examples/"
                  + connector.exampleFile().replace(".", "\\.")
                  + " +RUNNING, tasks (\\d+)/\\1 RUNNING");
    }
  }

  @Test
  void reportsRecordsInPerKindAndEveryOneCommittedBySinks() throws IOException {
    String report = report();
    Map<String, String> kinds =
        Map.of(
            "events", "amplitude-events",
            "identifies", "amplitude-identifies",
            "cohort changes", "amplitude-cohorts");
    Map<String, String> sinks =
        Map.of(
            "amplitude-events", "braze-events",
            "amplitude-identifies", "braze-user-properties",
            "amplitude-cohorts", "braze-cohorts");
    for (Map.Entry<String, String> entry : kinds.entrySet()) {
      String topic = entry.getValue();
      long produced = samples(topic).size();
      assertThat(produced).as(topic).isPositive();
      assertThat(report)
          .containsPattern(
              "\\R  "
                  + entry.getKey()
                  + " +"
                  + topic
                  + " +"
                  + produced
                  + " +"
                  + sinks.get(topic)
                  + " +"
                  + produced
                  + "/"
                  + produced
                  + " committed\\R");
    }
  }

  /**
   * The objects the emulator accepted, by kind, are exactly what the sample records make under the
   * examples' settings, computed here from the records the run saved in {@code samples/}.
   */
  @Test
  void brazeAcceptedExactlyWhatTheSamplesMake() throws IOException {
    Map<String, String> events = sentConfig("braze-events");
    // The expectations below follow these settings of sink-dlq.json.
    assertThat(events)
        .containsEntry("identity.anonymous", "alias")
        .doesNotContainKeys("events.include", "events.exclude", "purchases.mode")
        .doesNotContainEntry("events.user.properties.as.attributes", "true");
    long purchases = 0;
    long customEvents = 0;
    long withoutId = 0;
    for (JsonNode event : samples("amplitude-events")) {
      if (!event.has("user_id") && !event.has("device_id")) {
        withoutId++; // MISSING_IDENTIFIER: to the DLQ
      } else if (event.has("price") || event.has("revenue")) {
        purchases++; // purchases.mode=purchase (the default)
      } else {
        customEvents++; // anonymous ones too, on a device alias
      }
    }

    assertThat(sentConfig("braze-user-properties")).containsEntry("record.kind", "user");
    List<JsonNode> identifies = samples("amplitude-identifies");
    everyIdentifyHasSomethingDeduplicationCannotDrop(identifies);

    assertThat(sentConfig("braze-cohorts")).containsEntry("cohorts.mode", "array");
    long cohortUsers = 0;
    for (JsonNode change : samples("amplitude-cohorts")) {
      cohortUsers += change.path("users").size() + change.path("user_ids").size();
    }

    String report = report();
    assertThat(acceptedOf(report, "attributes")).isEqualTo(identifies.size() + cohortUsers);
    assertThat(acceptedOf(report, "events")).isEqualTo(customEvents);
    assertThat(acceptedOf(report, "purchases")).isEqualTo(purchases);
    assertThat(report)
        .contains(", 0 item errors, ")
        .containsPattern("Dead letter queue amplitude-events-dlq: " + withoutId + " records");
  }

  /**
   * Attribute de-duplication leaves out a user update only when every value in it equals the last
   * one sent: an update with an increment or array operation, or naming a property its user's
   * earlier updates did not, always becomes one attributes object.
   */
  private static void everyIdentifyHasSomethingDeduplicationCannotDrop(List<JsonNode> identifies) {
    Map<String, Set<String>> seen = new HashMap<>();
    for (JsonNode identify : identifies) {
      Set<String> names = new HashSet<>();
      boolean operation = false;
      for (Map.Entry<String, JsonNode> entry : identify.path("user_properties").properties()) {
        if (entry.getKey().startsWith("$") && !entry.getKey().equals("$set")) {
          operation = true;
        } else if (entry.getKey().equals("$set")) {
          entry.getValue().fieldNames().forEachRemaining(names::add);
        } else {
          names.add(entry.getKey());
        }
      }
      Set<String> earlier =
          seen.computeIfAbsent(identify.path("user_id").asText(), user -> new HashSet<>());
      assertThat(operation || !earlier.containsAll(names))
          .as(
              "the expected attributes count assumes no identify can be fully deduplicated: %s",
              identify)
          .isTrue();
      earlier.addAll(names);
    }
  }

  /**
   * Per event type, the source emitted exactly the records of the bucket that have an {@code
   * external_user_id} or a {@code device_id}, counted here by reading every Avro file of the run's
   * bucket.
   */
  @Test
  void theSourceEmittedEveryCurrentsRecordWithAnId() throws IOException {
    Map<String, long[]> expected = new TreeMap<>(); // files, records, without id
    try (Stream<Path> files = Files.walk(runFolder.resolve("currents-bucket"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".avro")).toList()) {
        long[] counts = expected.computeIfAbsent(eventTypeFolder(file), type -> new long[3]);
        counts[0]++;
        try (DataFileReader<GenericRecord> reader =
            new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
          for (GenericRecord record : reader) {
            counts[1]++;
            if (!hasValue(record, "external_user_id") && !hasValue(record, "device_id")) {
              counts[2]++;
            }
          }
        }
      }
    }
    assertThat(expected).hasSizeGreaterThanOrEqualTo(5);
    long total = 0;
    long totalWithoutId = 0;
    String report = report();
    for (Map.Entry<String, long[]> type : expected.entrySet()) {
      long[] counts = type.getValue();
      assertThat(counts[2]).as("records without ids in " + type.getKey()).isPositive();
      assertThat(report)
          .containsPattern(
              "\\R  "
                  + Pattern.quote(type.getKey())
                  + " +"
                  + counts[0]
                  + " +"
                  + counts[1]
                  + " +"
                  + counts[2]
                  + " +"
                  + (counts[1] - counts[2])
                  + "\\R");
      total += counts[1];
      totalWithoutId += counts[2];
    }
    assertThat(report)
        .containsPattern(
            "\\R  total +\\d+ +"
                + total
                + " +"
                + totalWithoutId
                + " +"
                + (total - totalWithoutId)
                + "\\R")
        .contains("Currents -> Kafka: the bucket " + runFolder.resolve("currents-bucket"));
  }

  /** The connectors' own MBeans, read over the worker's JMX port, agree with what was seen. */
  @Test
  void reportsTheConnectorsMetricsConsistentWithWhatTheyDid() throws IOException {
    String report = report();
    assertThat(metric(report, "braze-events", "RecordsIn"))
        .isEqualTo(samples("amplitude-events").size());
    assertThat(metric(report, "braze-events", "EventsSent"))
        .isEqualTo(acceptedOf(report, "events"));
    assertThat(metric(report, "braze-events", "PurchasesSent"))
        .isEqualTo(acceptedOf(report, "purchases"));
    assertThat(
            metric(report, "braze-user-properties", "AttributesSent")
                + metric(report, "braze-cohorts", "AttributesSent"))
        .isEqualTo(acceptedOf(report, "attributes"));
    Matcher total =
        Pattern.compile("\\R  total +(\\d+) +(\\d+) +(\\d+) +(\\d+)\\R").matcher(report);
    assertThat(total.find()).isTrue();
    assertThat(metric(report, "currents-local", "FilesRead"))
        .isEqualTo(Long.parseLong(total.group(1)));
    assertThat(metric(report, "currents-local", "RecordsRead"))
        .isEqualTo(Long.parseLong(total.group(2)));
    assertThat(metric(report, "currents-local", "RecordsSkippedNoId"))
        .isEqualTo(Long.parseLong(total.group(3)));
    assertThat(metric(report, "currents-local", "RecordsEmitted"))
        .isEqualTo(Long.parseLong(total.group(4)));
    assertThat(report).doesNotContain("reading the MBeans failed");
  }

  @Test
  void followsSampleRecordsEachWay() throws IOException {
    String report = report();
    String toBraze =
        report.substring(
            report.indexOf("Sample records: Amplitude -> Braze"),
            report.indexOf("Sample records: Currents -> Amplitude"));
    for (String kind : List.of("events", "purchases", "attributes")) {
      assertThat(toBraze).containsPattern("\\R    out  " + kind + ": \\{\"external_id\":");
    }
    assertThat(toBraze)
        .containsPattern("event from amplitude-events\\R    in   \\{\"event_type\"")
        .contains("identify from amplitude-identifies", "cohort change from amplitude-cohorts")
        .doesNotContain("no object accepted");

    String toAmplitude =
        report.substring(
            report.indexOf("Sample records: Currents -> Amplitude"),
            report.indexOf("Look further"));
    Matcher pair =
        Pattern.compile("\\R    in   \\{\"id\": \"([^\"]+)\".*\\R    out  (.*)\\R")
            .matcher(toAmplitude);
    int emitted = 0;
    int skipped = 0;
    while (pair.find()) {
      if (pair.group(2).startsWith("braze-currents: {")) {
        assertThat(pair.group(2)).contains("\"insert_id\":\"" + pair.group(1) + "\"");
        emitted++;
      } else {
        assertThat(pair.group(2)).contains("skipped it");
        skipped++;
      }
    }
    assertThat(emitted).isEqualTo(3);
    assertThat(skipped).isEqualTo(1);
  }

  @Test
  void endsWithCommandsToLookFurther() throws IOException {
    String report = report();
    assertThat(report.substring(report.indexOf("Look further")))
        .containsPattern("curl -s http://127\\.0\\.0\\.1:\\d+/connectors\\?expand=status")
        .containsPattern("curl -s http://127\\.0\\.0\\.1:\\d+/_emulator/summary")
        .containsPattern("curl -s 'http://127\\.0\\.0\\.1:\\d+/_emulator/objects\\?kind=purchases")
        .contains(
            "org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server 127.0.0.1:",
            "--topic braze-currents --from-beginning",
            "less " + runFolder.resolve("logs/connect.log"));
  }

  @Test
  void sendsTheExamplesWithOnlyTheEndpointAndPathsChanged() throws IOException {
    Path secrets = runFolder.resolve("secrets");
    for (QuickstartConnector connector : QuickstartConnector.ALL) {
      ConfigExample example =
          ConfigExample.load(ProjectPaths.configExamples().resolve(connector.exampleFile()));
      ConfigExample sent =
          ConfigExample.load(runFolder.resolve("config/connectors/" + connector.name() + ".json"));

      Set<String> changed = new HashSet<>();
      Map<String, String> expected = new HashMap<>(example.withSecretsIn(secrets).config());
      sent.config()
          .forEach(
              (key, value) -> {
                if (!value.equals(expected.remove(key))) {
                  changed.add(key);
                }
              });
      assertThat(expected).as("keys dropped from " + connector.exampleFile()).isEmpty();
      if (connector.isSink()) {
        assertThat(changed).containsExactlyInAnyOrder("braze.rest.url", "braze.allow.http");
        assertThat(sent.config().get("braze.rest.url")).startsWith("http://127.0.0.1:");
      } else {
        assertThat(changed).containsExactly("currents.local.root");
        assertThat(sent.config().get("currents.local.root"))
            .isEqualTo(runFolder.resolve("currents-bucket").toString());
      }
      for (SecretReference reference : sent.secretReferences()) {
        assertThat(reference.file()).startsWith(secrets);
      }
    }
  }

  @Test
  void theApiKeyStaysInTheSecretsFile() throws IOException {
    Properties secrets = new Properties();
    try (var in = Files.newBufferedReader(runFolder.resolve("secrets/braze.properties"))) {
      secrets.load(in);
    }
    String apiKey = secrets.getProperty("braze.api.key");
    assertThat(apiKey).startsWith("quickstart-");

    List<Path> looked = new java.util.ArrayList<>();
    try (Stream<Path> files = Files.walk(runFolder)) {
      for (Path file :
          files
              .filter(Files::isRegularFile)
              .filter(
                  f ->
                      f.startsWith(runFolder.resolve("config"))
                          || f.startsWith(runFolder.resolve("logs"))
                          || f.endsWith("report.txt"))
              .collect(Collectors.toList())) {
        looked.add(file);
        assertThat(Files.readString(file)).as(file.toString()).doesNotContain(apiKey);
      }
    }
    assertThat(looked).anyMatch(f -> f.endsWith("connect.log"));
    assertThat(output).doesNotContain(apiKey);
  }

  @Test
  void leavesLogsAndBrokerDataInTheRunFolder() throws IOException {
    for (String log :
        List.of("logs/broker.log", "logs/connect.log", "logs/kafka-storage-format.log")) {
      assertThat(Files.size(runFolder.resolve(log))).as(log).isPositive();
    }
    assertThat(Files.readString(runFolder.resolve("logs/connect.log")))
        .contains("Kafka Connect stopped");
    assertThat(runFolder.resolve("kafka-data/meta.properties")).exists();
    assertThat(
            runFolder.resolve(
                "plugins/ampbraze-kafka-connect-braze-sink-"
                    + ProjectPaths.projectVersion()
                    + "/manifest.json"))
        .exists();
    assertThat(
            runFolder.resolve(
                "plugins/ampbraze-kafka-connect-currents-source-"
                    + ProjectPaths.projectVersion()
                    + "/manifest.json"))
        .exists();
  }

  private static String report() throws IOException {
    return Files.readString(runFolder.resolve("report.txt"));
  }

  /** The JSON values the run produced to a topic, as it saved them in samples/. */
  private static List<JsonNode> samples(String topic) throws IOException {
    List<JsonNode> records = new ArrayList<>();
    for (String line : Files.readAllLines(runFolder.resolve("samples/" + topic + ".jsonl"))) {
      records.add(JSON.readTree(line));
    }
    return records;
  }

  /** A connector's config as the run sent it. */
  private static Map<String, String> sentConfig(String connector) throws IOException {
    return ConfigExample.load(runFolder.resolve("config/connectors/" + connector + ".json"))
        .config();
  }

  private static long acceptedOf(String report, String kind) {
    String section = report.substring(report.indexOf("Objects accepted by the Braze emulator:"));
    Matcher matcher = Pattern.compile("\\R  " + kind + " +(\\d+)\\R").matcher(section);
    assertThat(matcher.find()).as("accepted " + kind + " in the report").isTrue();
    return Long.parseLong(matcher.group(1));
  }

  /** A metric of a connector's line(s) in the report's metrics section. */
  private static long metric(String report, String connector, String attribute) {
    String section =
        report.substring(report.indexOf("Connector metrics:"), report.indexOf("Sample records:"));
    Matcher matcher =
        Pattern.compile("\\R  " + Pattern.quote(connector) + " [^\\n]*(?:\\R {25}[^\\n]*)*")
            .matcher(section);
    assertThat(matcher.find()).as("metrics of " + connector).isTrue();
    Matcher value = Pattern.compile("\\b" + attribute + " (\\d+)").matcher(matcher.group());
    assertThat(value.find()).as(attribute + " of " + connector).isTrue();
    return Long.parseLong(value.group(1));
  }

  private static String eventTypeFolder(Path file) {
    for (Path segment : file) {
      if (segment.toString().startsWith("event_type=")) {
        return segment.toString().substring("event_type=".length());
      }
    }
    throw new AssertionError("Not under an event_type= folder: " + file);
  }

  private static boolean hasValue(GenericRecord record, String field) {
    return record.getSchema().getField(field) != null
        && record.get(field) != null
        && !record.get(field).toString().isBlank();
  }
}
