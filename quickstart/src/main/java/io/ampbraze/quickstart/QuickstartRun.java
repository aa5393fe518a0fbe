package io.ampbraze.quickstart;

import io.ampbraze.quickstart.QuickstartReport.CreatedConnector;
import io.ampbraze.quickstart.QuickstartReport.CurrentsRow;
import io.ampbraze.quickstart.QuickstartReport.CurrentsSummary;
import io.ampbraze.quickstart.QuickstartReport.RecordsIn;
import io.ampbraze.quickstart.connect.ConfigExample;
import io.ampbraze.quickstart.connect.ConnectRestClient;
import io.ampbraze.quickstart.connect.ConnectorPlugin;
import io.ampbraze.quickstart.connect.SecretReference;
import io.ampbraze.quickstart.connect.SecretsFiles;
import io.ampbraze.quickstart.doubles.BrazeDouble;
import io.ampbraze.quickstart.doubles.EmulatedBraze;
import io.ampbraze.quickstart.doubles.LocalCurrentsBucket;
import io.ampbraze.quickstart.kafka.KafkaTopics;
import io.ampbraze.quickstart.platform.KafkaRuntime;
import io.ampbraze.quickstart.platform.LocalKafkaPlatform;
import io.ampbraze.quickstart.platform.Log4jConfig;
import io.ampbraze.quickstart.platform.Progress;
import io.ampbraze.quickstart.platform.RunFolder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One quickstart run, step by step: the Braze emulator and the Currents bucket, the broker and the
 * worker with the plugins installed, the connectors created from {@code config-examples/}, sample
 * data through the sinks and the bucket through the source, and the report. {@link #close()} stops
 * everything it started and may be called from a shutdown hook at any point.
 */
public final class QuickstartRun implements AutoCloseable {
  static final String BRAZE_SINK = "io.ampbraze.connect.braze.BrazeSinkConnector";
  static final String CURRENTS_SOURCE = "io.ampbraze.connect.currents.CurrentsSourceConnector";

  /** The placeholder a source {@code topic} may hold (one topic per event type). */
  private static final String EVENT_TYPE_PLACEHOLDER = "${event_type}";

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
        track(progress.step("Starting the Braze emulator", () -> EmulatedBraze.start(apiKey)));
    progress.detail("POST " + braze.restUrl() + "/users/track (" + braze.limits() + ")");
    progress.detail("summary at " + braze.summaryUrl());

    LocalCurrentsBucket bucket =
        progress.step(
            "Laying out a local Currents bucket with generated Avro files",
            () -> LocalCurrentsBucket.generate(run.currentsBucket(), Instant.now()));
    progress.detail(describe(bucket));

    Map<QuickstartConnector, ConfigExample> configs = new LinkedHashMap<>();
    examples.forEach(
        (connector, example) ->
            configs.put(connector, forThisRun(connector, example, run, braze, bucket)));
    writeSecrets(configs.values(), apiKey);
    QuickstartConnector source = QuickstartConnector.source();
    List<String> sourceTopics = sourceTopics(configs.get(source), bucket);

    LocalKafkaPlatform platform = new LocalKafkaPlatform(run, runtime);
    track(platform);
    platform.start(options.projectDir(), Map.of(), progress);
    ConnectRestClient rest = platform.worker().rest();

    List<ConnectorPlugin> plugins =
        progress.step("Checking GET /connector-plugins lists both plugins", () -> ourPlugins(rest));

    try (KafkaTopics topics = new KafkaTopics(platform.broker().adminConfig())) {
      Set<String> topicNames = topicsOf(configs.values());
      topicNames.addAll(sourceTopics);
      progress.step(
          "Creating topics " + String.join(", ", topicNames),
          () -> {
            topics.create(topicNames, TOPIC_PARTITIONS);
            return null;
          });

      List<CreatedConnector> created = createConnectors(rest, configs, run);

      SampleInput input = new SampleInput(Instant.now());
      Map<QuickstartConnector, Long> produced =
          progress.step(
              "Producing sample Amplitude events, identifies and cohort changes",
              () ->
                  input.produce(
                      platform.broker().bootstrapServers(), configs, run.samples(), progress));
      DeliveryWatch.Snapshot done =
          progress.step(
              "Waiting for the sinks to commit every record and the source to emit the bucket",
              () ->
                  new DeliveryWatch(topics, configs, braze, sourceTopics, bucket.expectedEmitted())
                      .await(progress, DELIVERY_TIMEOUT));

      CurrentsOutput currents = CurrentsOutput.read(topics, sourceTopics);
      QuickstartConnector eventsSink = QuickstartConnector.eventsSink();
      String deadLetterTopic = configs.get(eventsSink).deadLetterQueueTopic();
      QuickstartReport report =
          new QuickstartReport(
              run.root(),
              runtime.version(),
              platform.broker().bootstrapServers(),
              platform.worker().url(),
              plugins,
              refreshStatus(rest, created),
              recordsIn(configs, produced, done),
              braze.restUrl(),
              braze.limits(),
              done.braze(),
              deadLetterTopic,
              deadLetterTopic == null ? 0 : topics.recordCount(List.of(deadLetterTopic)),
              currentsSummary(bucket, sourceTopics, currents),
              SampleTraces.amplitudeToBraze(input, configs, braze.accepted()),
              SampleTraces.currentsToAmplitude(bucket, currents),
              ConnectorMetrics.read(platform.worker().jmx()),
              LookFurther.commands(
                  platform.worker().url(),
                  eventsSink.name(),
                  source.name(),
                  braze,
                  platform.broker().bootstrapServers(),
                  sourceTopics.get(0),
                  deadLetterTopic,
                  options.classpathFile(),
                  Log4jConfig.writeForTools(run.config()),
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

  private static String describe(LocalCurrentsBucket bucket) {
    int files = bucket.report().files().size();
    int records = bucket.report().totalReadableRecords();
    return files
        + " files, "
        + records
        + " records ("
        + (records - bucket.expectedEmitted())
        + " without ids) of "
        + bucket.filesByEventType().size()
        + " event types, hours "
        + bucket.hours()
        + ", codecs "
        + String.join(", ", bucket.filesByCodec().keySet());
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
      // The emulator listens on plain HTTP on the loopback interface.
      return local.with(
          Map.of("braze.rest.url", braze.restUrl().toString(), "braze.allow.http", "true"));
    }
    return local.with(Map.of("currents.local.root", bucket.root().toString()));
  }

  /** The source's topics: its {@code topic}, once per event type of the bucket if templated. */
  static List<String> sourceTopics(ConfigExample source, LocalCurrentsBucket bucket) {
    Set<String> topics = new LinkedHashSet<>();
    for (String topic : source.topics()) {
      if (topic.contains(EVENT_TYPE_PLACEHOLDER)) {
        bucket
            .filesByEventType()
            .keySet()
            .forEach(type -> topics.add(topic.replace(EVENT_TYPE_PLACEHOLDER, type)));
      } else {
        topics.add(topic);
      }
    }
    return new ArrayList<>(topics);
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

  /** The sinks' topics and dead letter queues (the source's are added from the bucket). */
  private static Set<String> topicsOf(Collection<ConfigExample> configs) {
    Set<String> topics = new LinkedHashSet<>();
    for (ConfigExample config : configs) {
      for (String topic : config.topics()) {
        if (!topic.contains(EVENT_TYPE_PLACEHOLDER)) {
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

  private static List<RecordsIn> recordsIn(
      Map<QuickstartConnector, ConfigExample> configs,
      Map<QuickstartConnector, Long> produced,
      DeliveryWatch.Snapshot done) {
    List<RecordsIn> rows = new ArrayList<>();
    produced.forEach(
        (connector, count) ->
            rows.add(
                new RecordsIn(
                    connector.input().label(),
                    configs.get(connector).topics().get(0),
                    count,
                    connector.name(),
                    done.sinks().get(connector.name()))));
    return rows;
  }

  private static CurrentsSummary currentsSummary(
      LocalCurrentsBucket bucket, List<String> topics, CurrentsOutput output) {
    Map<String, Long> emitted = output.recordsByEventType();
    List<CurrentsRow> rows = new ArrayList<>();
    bucket
        .filesByEventType()
        .forEach(
            (type, files) ->
                rows.add(
                    new CurrentsRow(
                        type,
                        files,
                        bucket.recordsByEventType().get(type),
                        bucket.withoutIdByEventType().get(type),
                        emitted.getOrDefault(type, 0L))));
    // Anything emitted under an event type the bucket does not hold would be a bug: show it.
    emitted.forEach(
        (type, count) -> {
          if (!bucket.filesByEventType().containsKey(type)) {
            rows.add(new CurrentsRow(type, 0, 0, 0, count));
          }
        });
    return new CurrentsSummary(bucket.root(), bucket.hours(), bucket.filesByCodec(), topics, rows);
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
    if (resources.isEmpty()) {
      return;
    }
    progress.line("Stopping the Connect worker, the Kafka broker and the Braze emulator ...");
    for (int i = resources.size() - 1; i >= 0; i--) {
      closeQuietly(resources.get(i));
    }
    resources.clear();
    progress.line("Stopped.");
  }

  private static void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      System.err.println("Stopping " + resource + " failed: " + e);
    }
  }
}
