package io.ampbraze.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ampbraze.quickstart.QuickstartReport.CreatedConnector;
import io.ampbraze.quickstart.QuickstartReport.SinkProgress;
import io.ampbraze.quickstart.connect.ConfigExample;
import io.ampbraze.quickstart.connect.ConnectRestClient;
import io.ampbraze.quickstart.connect.ConnectorPlugin;
import io.ampbraze.quickstart.connect.SecretReference;
import io.ampbraze.quickstart.connect.SecretsFiles;
import io.ampbraze.quickstart.doubles.BrazeDouble;
import io.ampbraze.quickstart.doubles.LocalCurrentsBucket;
import io.ampbraze.quickstart.doubles.RecordingBraze;
import io.ampbraze.quickstart.kafka.KafkaTopics;
import io.ampbraze.quickstart.platform.KafkaRuntime;
import io.ampbraze.quickstart.platform.LocalKafkaPlatform;
import io.ampbraze.quickstart.platform.Progress;
import io.ampbraze.quickstart.platform.RunFolder;
import io.ampbraze.quickstart.sample.AmplitudeSamples;
import io.ampbraze.quickstart.sample.SampleProducer;
import io.ampbraze.quickstart.sample.SampleRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One quickstart run, step by step: the Braze double and the Currents bucket, the broker and the
 * worker with the plugins installed, the connectors created from {@code config-examples/}, sample
 * data through the sinks, and the report. {@link #close()} stops everything it started and may be
 * called from a shutdown hook at any point.
 */
public final class QuickstartRun implements AutoCloseable {
  static final String BRAZE_SINK = "io.ampbraze.connect.braze.BrazeSinkConnector";
  static final String CURRENTS_SOURCE = "io.ampbraze.connect.currents.CurrentsSourceConnector";

  static final int SAMPLE_EVENTS = 400;
  static final int SAMPLE_IDENTIFIES = 40;
  private static final int SAMPLE_USERS = 25;
  private static final int SAMPLE_ANONYMOUS_DEVICES = 5;
  private static final int TOPIC_PARTITIONS = 3;
  private static final Duration CONNECTOR_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(3);

  private final Options options;
  private final Progress progress;
  private final ObjectMapper json = new ObjectMapper();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private boolean closed;

  public QuickstartRun(Options options, PrintStream out) {
    this.options = options;
    this.progress = new Progress(out);
  }

  /**
   * Runs every step and returns the report; everything it started keeps running until {@link
   * #close()}.
   */
  public QuickstartReport execute() throws Exception {
    RunFolder run = RunFolder.create(options.runsDir());
    progress.line("Quickstart run folder: " + run);
    KafkaRuntime runtime = KafkaRuntime.fromClasspathFile(options.classpathFile());
    Map<QuickstartConnector, ConfigExample> examples = loadExamples();

    String apiKey = "quickstart-" + UUID.randomUUID();
    BrazeDouble braze =
        track(progress.step("Starting the Braze double", () -> RecordingBraze.start(apiKey)));
    progress.detail("POST " + braze.restUrl() + "/users/track, summary at " + braze.summaryUrl());
    LocalCurrentsBucket bucket = LocalCurrentsBucket.create(run.currentsBucket());

    Map<QuickstartConnector, ConfigExample> configs = new LinkedHashMap<>();
    examples.forEach(
        (connector, example) ->
            configs.put(connector, forThisRun(connector, example, run, braze, bucket)));
    writeSecrets(configs.values(), apiKey);

    LocalKafkaPlatform platform = new LocalKafkaPlatform(run, runtime);
    track(platform);
    platform.start(options.projectDir(), Map.of(), progress);
    ConnectRestClient rest = platform.worker().rest();

    List<ConnectorPlugin> plugins =
        progress.step("Checking GET /connector-plugins lists both plugins", () -> ourPlugins(rest));

    try (KafkaTopics topics = new KafkaTopics(platform.broker().adminConfig())) {
      Set<String> topicNames = topicsOf(configs.values());
      progress.step(
          "Creating topics " + String.join(", ", topicNames),
          () -> {
            topics.create(topicNames, TOPIC_PARTITIONS);
            return null;
          });

      List<CreatedConnector> created = createConnectors(rest, configs, run);

      AmplitudeSamples samples =
          new AmplitudeSamples(42L, Instant.now(), SAMPLE_USERS, SAMPLE_ANONYMOUS_DEVICES);
      Map<QuickstartConnector.Input, List<SampleRecord>> input = new LinkedHashMap<>();
      input.put(QuickstartConnector.Input.EVENTS, samples.events(SAMPLE_EVENTS));
      input.put(QuickstartConnector.Input.IDENTIFIES, samples.identifies(SAMPLE_IDENTIFIES));
      input.put(QuickstartConnector.Input.COHORT_CHANGES, samples.cohortChanges());
      Map<String, Long> recordsIn = produce(platform.broker().bootstrapServers(), configs, input);

      Map<String, SinkProgress> sinkProgress = awaitSinks(topics, configs);

      ConfigExample source = configs.get(sourceConnector());
      String currentsTopic = source.topics().get(0);
      List<ConsumerRecord<String, String>> emitted = topics.readAll(currentsTopic);

      created = refreshStatus(rest, created);
      QuickstartReport report =
          new QuickstartReport(
              run.root(),
              runtime.version(),
              platform.broker().bootstrapServers(),
              platform.worker().url(),
              plugins,
              created,
              recordsIn,
              sinkProgress,
              braze.summaryUrl(),
              braze.summary(),
              currentsTopic,
              bucket.filesByEventType(),
              countByEventType(emitted),
              inputSamples(configs, input),
              outputSamples(currentsTopic, emitted),
              curlCommands(platform, braze, configs));
      Files.writeString(run.report(), report.render());
      return report;
    }
  }

  private Map<QuickstartConnector, ConfigExample> loadExamples() throws IOException {
    Path dir = options.projectDir().resolve("config-examples");
    Map<QuickstartConnector, ConfigExample> examples = new LinkedHashMap<>();
    for (QuickstartConnector connector : QuickstartConnector.ALL) {
      examples.put(connector, ConfigExample.load(dir.resolve(connector.exampleFile())));
    }
    return examples;
  }

  /** The example with only this run's endpoint and paths put in. */
  private static ConfigExample forThisRun(
      QuickstartConnector connector,
      ConfigExample example,
      RunFolder run,
      BrazeDouble braze,
      LocalCurrentsBucket bucket) {
    ConfigExample local = example.withSecretsIn(run.secrets());
    if (connector.isSink()) {
      // The double listens on plain HTTP on the loopback interface.
      return local.with(
          Map.of("braze.rest.url", braze.restUrl().toString(), "braze.allow.http", "true"));
    }
    return local.with(Map.of("currents.local.root", bucket.root().toString()));
  }

  private static void writeSecrets(Iterable<ConfigExample> configs, String apiKey)
      throws IOException {
    Set<SecretReference> references = new LinkedHashSet<>();
    configs.forEach(config -> references.addAll(config.secretReferences()));
    SecretsFiles.write(
        references,
        reference -> {
          if (!"braze.api.key".equals(reference.key())) {
            throw new IllegalStateException(
                "The quickstart has no value for the secret " + reference.variable());
          }
          return apiKey;
        });
  }

  private static List<ConnectorPlugin> ourPlugins(ConnectRestClient rest) throws Exception {
    List<ConnectorPlugin> ours = new ArrayList<>();
    List<ConnectorPlugin> listed = rest.connectorPlugins();
    for (String expected : List.of(BRAZE_SINK, CURRENTS_SOURCE)) {
      ConnectorPlugin plugin =
          listed.stream()
              .filter(p -> p.className().equals(expected))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "The worker does not list " + expected + "; it lists " + listed));
      ours.add(plugin);
    }
    return ours;
  }

  private static Set<String> topicsOf(Iterable<ConfigExample> configs) {
    Set<String> topics = new LinkedHashSet<>();
    for (ConfigExample config : configs) {
      for (String topic : config.topics()) {
        if (!topic.contains("${")) {
          topics.add(topic);
        }
      }
      if (config.deadLetterQueueTopic() != null) {
        topics.add(config.deadLetterQueueTopic());
      }
    }
    return topics;
  }

  private List<CreatedConnector> createConnectors(
      ConnectRestClient rest, Map<QuickstartConnector, ConfigExample> configs, RunFolder run)
      throws Exception {
    Path sent = Files.createDirectories(run.config().resolve("connectors"));
    List<CreatedConnector> created = new ArrayList<>();
    for (Map.Entry<QuickstartConnector, ConfigExample> entry : configs.entrySet()) {
      QuickstartConnector connector = entry.getKey();
      ConfigExample config = entry.getValue();
      String status =
          progress.step(
              "PUT /connectors/"
                  + connector.name()
                  + "/config (config-examples/"
                  + connector.exampleFile()
                  + ")",
              () -> {
                Files.writeString(sent.resolve(connector.name() + ".json"), config.toJson());
                rest.putConnectorConfig(connector.name(), config.config());
                return rest.awaitRunning(connector.name(), CONNECTOR_TIMEOUT).summary();
              });
      progress.detail(status);
      created.add(new CreatedConnector(connector.name(), connector.exampleFile(), status));
    }
    return created;
  }

  private Map<String, Long> produce(
      String bootstrapServers,
      Map<QuickstartConnector, ConfigExample> configs,
      Map<QuickstartConnector.Input, List<SampleRecord>> input)
      throws Exception {
    return progress.step(
        "Producing sample Amplitude events, identifies and cohort changes",
        () -> {
          Map<String, Long> counts = new LinkedHashMap<>();
          try (SampleProducer producer = new SampleProducer(bootstrapServers)) {
            for (Map.Entry<QuickstartConnector, ConfigExample> entry : configs.entrySet()) {
              List<SampleRecord> records = input.get(entry.getKey().input());
              if (records != null) {
                String topic = entry.getValue().topics().get(0);
                counts.merge(topic, (long) producer.send(topic, records), Long::sum);
                progress.detail(records.size() + " records to " + topic);
              }
            }
          }
          return counts;
        });
  }

  /**
   * Waits until every sink connector has committed the offsets of every record in its topics: with
   * the real connectors a committed offset means Braze acknowledged the record or it was reported
   * to the DLQ.
   */
  private Map<String, SinkProgress> awaitSinks(
      KafkaTopics topics, Map<QuickstartConnector, ConfigExample> configs) throws Exception {
    return progress.step(
        "Waiting for the sink connectors to commit every record",
        () -> {
          Instant deadline = Instant.now().plus(DELIVERY_TIMEOUT);
          Instant nextLine = Instant.now();
          while (true) {
            Map<String, SinkProgress> current = new LinkedHashMap<>();
            for (Map.Entry<QuickstartConnector, ConfigExample> entry : configs.entrySet()) {
              if (entry.getKey().isSink()) {
                List<String> sinkTopics = entry.getValue().topics();
                String name = entry.getKey().name();
                current.put(
                    name,
                    new SinkProgress(
                        topics.committed("connect-" + name, sinkTopics),
                        topics.recordCount(sinkTopics)));
              }
            }
            boolean done = current.values().stream().allMatch(SinkProgress::complete);
            if (done || Instant.now().isAfter(nextLine)) {
              List<String> parts = new ArrayList<>();
              current.forEach((name, p) -> parts.add(name + " " + p.committed() + "/" + p.total()));
              progress.detail(String.join(", ", parts));
              nextLine = Instant.now().plusSeconds(5);
            }
            if (done) {
              return current;
            }
            if (Instant.now().isAfter(deadline)) {
              throw new IllegalStateException(
                  "The sink connectors did not commit every record within "
                      + DELIVERY_TIMEOUT.toSeconds()
                      + " s: "
                      + current);
            }
            Thread.sleep(1000);
          }
        });
  }

  private static QuickstartConnector sourceConnector() {
    return QuickstartConnector.ALL.stream().filter(c -> !c.isSink()).findFirst().orElseThrow();
  }

  private static List<CreatedConnector> refreshStatus(
      ConnectRestClient rest, List<CreatedConnector> created) throws Exception {
    List<CreatedConnector> refreshed = new ArrayList<>();
    for (CreatedConnector connector : created) {
      refreshed.add(
          new CreatedConnector(
              connector.name(),
              connector.exampleFile(),
              rest.connectorStatus(connector.name()).summary()));
    }
    return refreshed;
  }

  private Map<String, Long> countByEventType(List<ConsumerRecord<String, String>> records) {
    Map<String, Long> counts = new TreeMap<>();
    for (ConsumerRecord<String, String> record : records) {
      counts.merge(eventType(record.value()), 1L, Long::sum);
    }
    return counts;
  }

  private String eventType(String value) {
    try {
      JsonNode node = value == null ? null : json.readTree(value);
      return node != null && node.hasNonNull("event_type")
          ? node.get("event_type").asText()
          : "(no event_type)";
    } catch (IOException notJson) {
      return "(not JSON)";
    }
  }

  private static List<String> inputSamples(
      Map<QuickstartConnector, ConfigExample> configs,
      Map<QuickstartConnector.Input, List<SampleRecord>> input) {
    List<String> samples = new ArrayList<>();
    configs.forEach(
        (connector, config) -> {
          List<SampleRecord> records = input.get(connector.input());
          if (records != null && !records.isEmpty()) {
            samples.add(config.topics().get(0) + ": " + records.get(0).value());
          }
        });
    return samples;
  }

  private static List<String> outputSamples(
      String topic, List<ConsumerRecord<String, String>> emitted) {
    List<String> samples = new ArrayList<>();
    emitted.stream().limit(2).forEach(r -> samples.add(topic + ": " + r.value()));
    return samples;
  }

  private static List<String> curlCommands(
      LocalKafkaPlatform platform,
      BrazeDouble braze,
      Map<QuickstartConnector, ConfigExample> configs) {
    String connect = platform.worker().url().toString().replaceAll("/$", "");
    String sink = QuickstartConnector.ALL.get(0).name();
    String source = sourceConnector().name();
    List<String> commands = new ArrayList<>();
    commands.add("curl -s " + connect + "/connectors?expand=status");
    commands.add("curl -s " + connect + "/connectors/" + sink + "/config");
    commands.add("curl -s -X PUT " + connect + "/connectors/" + sink + "/pause");
    commands.add("curl -s -X PUT " + connect + "/connectors/" + sink + "/resume");
    commands.add(
        "curl -s -X POST '"
            + connect
            + "/connectors/"
            + sink
            + "/restart?includeTasks=true&onlyFailed=true'");
    commands.add("curl -s " + connect + "/connectors/" + source + "/offsets");
    commands.add("curl -s " + braze.summaryUrl());
    commands.add("less " + platform.worker().process().log());
    return commands;
  }

  private synchronized <T extends AutoCloseable> T track(T resource) {
    if (closed) {
      closeQuietly(resource);
      throw new IllegalStateException("The quickstart is shutting down");
    }
    resources.add(resource);
    return resource;
  }

  /** Stops what the run started, newest first; safe to call twice and from a shutdown hook. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (int i = resources.size() - 1; i >= 0; i--) {
      closeQuietly(resources.get(i));
    }
    resources.clear();
  }

  private static void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      System.err.println("Stopping " + resource + " failed: " + e);
    }
  }
}
