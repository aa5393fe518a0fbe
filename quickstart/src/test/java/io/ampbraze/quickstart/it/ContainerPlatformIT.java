package io.ampbraze.quickstart.it;

import io.ampbraze.quickstart.connect.ConfigExample;
import io.ampbraze.quickstart.connect.ConnectRestClient;
import io.ampbraze.quickstart.connect.SecretReference;
import io.ampbraze.quickstart.connect.SecretsFiles;
import io.ampbraze.quickstart.platform.PluginArchives;
import io.ampbraze.quickstart.platform.WorkerProperties;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.MountableFile;

/**
 * The {@link PlatformChecks} on stock Apache Kafka images (the runtime the tests use and the 3.x
 * one of compat-kafka3): a broker container and a {@code connect-distributed.sh} container with the
 * plugin archives unzipped into its plugin.path and the secrets where the examples expect them,
 * {@code /etc/kafka-connect/secrets}. Where Docker is missing the class is skipped; every check it
 * makes also runs here on locally started JVMs ({@link ConfigExamplesIT}, {@link QuickstartIT}) and
 * on the embedded 3.x runtime (compat-kafka3).
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerPlatformIT {
  private static final String PLUGIN_PATH = "/opt/ampbraze/plugins";
  private static final String SECRETS = "/etc/kafka-connect/secrets";
  private static final String LOCAL_BUCKET = "/var/lib/braze-currents";
  private static final int REST_PORT = 8083;

  @TempDir Path dir;

  static Stream<String> kafkaVersions() {
    return Stream.of(
        System.getProperty("kafka.version"), System.getProperty("compat.kafka.version"));
  }

  @ParameterizedTest(name = "apache/kafka:{0}")
  @MethodSource("kafkaVersions")
  void pluginsInstallAndEveryExampleValidates(String version) throws Exception {
    String image = "apache/kafka:" + version;
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    for (Path archive : PluginArchives.find(ProjectPaths.projectDir())) {
      PluginArchives.install(archive, plugins);
    }
    List<ConfigExample> examples = ConfigExample.loadAll(ProjectPaths.configExamples());
    Path secrets = writeSecrets(examples);

    try (Network network = Network.newNetwork();
        KafkaContainer kafka =
            new KafkaContainer(image).withNetwork(network).withListener("kafka:19092");
        GenericContainer<?> connect = connectContainer(image, network, plugins, secrets)) {
      kafka.start();
      connect.start();
      ConnectRestClient rest =
          new ConnectRestClient(
              URI.create(
                  "http://" + connect.getHost() + ":" + connect.getMappedPort(REST_PORT) + "/"));

      PlatformChecks.bothPluginsListed(rest, ProjectPaths.projectVersion());
      for (ConfigExample example : examples) {
        PlatformChecks.validates(rest, example);
      }
    }
  }

  /** The secret files every example names, written on the host to be copied to {@link #SECRETS}. */
  private Path writeSecrets(List<ConfigExample> examples) throws IOException {
    Path secrets = Files.createDirectories(dir.resolve("secrets"));
    List<SecretReference> references = new ArrayList<>();
    examples.forEach(
        example -> references.addAll(example.withSecretsIn(secrets).secretReferences()));
    SecretsFiles.write(references, ValidationSecrets::valueFor);
    return secrets;
  }

  private GenericContainer<?> connectContainer(
      String image, Network network, Path plugins, Path secrets) throws IOException {
    Properties worker = new Properties();
    worker.putAll(WorkerProperties.of("kafka:19092", "0.0.0.0", REST_PORT, PLUGIN_PATH, SECRETS));
    worker.putAll(PlatformChecks.workerOverrides());
    worker.put("rest.advertised.host.name", "connect");
    Path config = dir.resolve("connect-distributed.properties");
    try (Writer out = Files.newBufferedWriter(config)) {
      worker.store(out, "Worker of ContainerPlatformIT");
    }
    Path keep = Files.writeString(dir.resolve(".keep"), "");

    GenericContainer<?> connect =
        new GenericContainer<>(image)
            .withNetwork(network)
            .withNetworkAliases("connect")
            .withExposedPorts(REST_PORT)
            .withCopyFileToContainer(MountableFile.forHostPath(plugins), PLUGIN_PATH)
            .withCopyFileToContainer(
                MountableFile.forHostPath(config, 0644),
                "/opt/ampbraze/connect-distributed.properties")
            .withCopyFileToContainer(MountableFile.forHostPath(keep, 0644), LOCAL_BUCKET + "/.keep")
            .withCommand(
                "/opt/kafka/bin/connect-distributed.sh",
                "/opt/ampbraze/connect-distributed.properties")
            .waitingFor(
                Wait.forHttp("/connectors")
                    .forPort(REST_PORT)
                    .forStatusCode(200)
                    .withStartupTimeout(Duration.ofMinutes(3)));
    try (Stream<Path> files = Files.list(secrets)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        connect.withCopyFileToContainer(
            MountableFile.forHostPath(file, 0644), SECRETS + "/" + file.getFileName());
      }
    }
    return connect;
  }
}
