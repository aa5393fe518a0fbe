package io.ampbraze.quickstart;

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
import java.util.UUID;

/**
 * One quickstart run, step by step: the Braze double and the Currents bucket, the broker and the
 * worker with the plugins installed, the connectors created from {@code config-examples/}, sample
 * data through the sinks, and the report. {@link #close()} stops everything it started and may be
 * called from a shutdown hook at any point.
 */
public final class QuickstartRun implements AutoCloseable {
  static final String BRAZE_SINK = "io.ampbraze.connect.braze.BrazeSinkConnector";
  static final String CURRENTS_SOURCE = "io.ampbraze.connect.currents.CurrentsSourceConnector";

  private static final int TOPIC_PARTITIONS = 3;
  private static final Duration CONNECTOR_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(3);

  private final Options options;
  private final Progress progress;
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

      SampleInput input = new SampleInput(Instant.now());
      Map<String, Long> recordsIn =
          progress.step(
              "Producing sample Amplitude events, identifies and cohort changes",
              () -> input.produce(platform.broker().bootstrapServers(), configs, progress));
      Map<String, SinkProgress> sinkProgress =
          progress.step(
              "Waiting for the sink connectors to commit every record",
              () -> SinkCommitWatch.await(topics, configs, progress, DELIVERY_TIMEOUT));

      QuickstartConnector source = sourceConnector();
      CurrentsOutput currents = CurrentsOutput.read(topics, configs.get(source).topics().get(0));

      QuickstartReport report =
          new QuickstartReport(
              run.root(),
              runtime.version(),
              platform.broker().bootstrapServers(),
              platform.worker().url(),
              plugins,
              refreshStatus(rest, created),
              recordsIn,
              sinkProgress,
              braze.summaryUrl(),
              braze.summary(),
              currents.topic(),
              bucket.filesByEventType(),
              currents.recordsByEventType(),
              input.firstOfEach(configs),
              currents.samples(),
              LookFurther.commands(
                  platform.worker().url(),
                  QuickstartConnector.ALL.get(0).name(),
                  source.name(),
                  braze.summaryUrl(),
                  platform.worker().process().log()));
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
