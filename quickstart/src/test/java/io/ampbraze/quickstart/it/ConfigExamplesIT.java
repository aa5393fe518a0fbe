package io.ampbraze.quickstart.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ampbraze.quickstart.connect.ConfigExample;
import io.ampbraze.quickstart.connect.ConfigExamplesTest;
import io.ampbraze.quickstart.connect.ConnectRestClient;
import io.ampbraze.quickstart.connect.ConnectRestException;
import io.ampbraze.quickstart.connect.SecretsFiles;
import io.ampbraze.quickstart.platform.KafkaRuntime;
import io.ampbraze.quickstart.platform.LocalKafkaPlatform;
import io.ampbraze.quickstart.platform.Progress;
import io.ampbraze.quickstart.platform.RunFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of {@code config-examples/} validates with zero errors on a real distributed worker
 * (its own JVM, plugins installed from the archives, exactly-once source support enabled, the file
 * and directory config providers set up), with the secret files the examples name written into the
 * worker's secrets folder.
 */
class ConfigExamplesIT {
  private static LocalKafkaPlatform platform;

  @BeforeAll
  static void start() throws Exception {
    RunFolder run = RunFolder.create(ProjectPaths.itRuns().resolve("config-examples"));
    platform =
        new LocalKafkaPlatform(run, KafkaRuntime.fromClasspathFile(ProjectPaths.classpathFile()));
    platform.start(
        ProjectPaths.projectDir(), PlatformChecks.workerOverrides(), new Progress(System.out));
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void bothPluginsAreInstalledFromTheArchives() throws Exception {
    PlatformChecks.bothPluginsListed(platform.worker().rest(), ProjectPaths.projectVersion());
  }

  @Test
  void theExamplesAreTheNineUseCases() throws Exception {
    assertThat(ConfigExample.loadAll(ProjectPaths.configExamples()))
        .extracting(ConfigExample::fileName)
        .containsExactlyElementsOf(ConfigExamplesTest.EXAMPLE_FILES);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exampleFiles")
  void validatesWithZeroErrors(String fileName) throws Exception {
    ConfigExample example =
        ConfigExample.load(ProjectPaths.configExamples().resolve(fileName))
            .withSecretsIn(platform.run().secrets());
    if (example.config().containsKey("currents.local.root")) {
      // The local bucket's path is the one setting that names a place on this machine.
      Path bucket = Files.createDirectories(platform.run().currentsBucket());
      example = example.with(Map.of("currents.local.root", bucket.toString()));
    }
    SecretsFiles.write(example.secretReferences(), ValidationSecrets::valueFor);

    PlatformChecks.validates(platform.worker().rest(), example);
  }

  static List<String> exampleFiles() {
    return ConfigExamplesTest.EXAMPLE_FILES;
  }

  @Test
  void aMissingSecretFileFailsValidation() throws Exception {
    ConnectRestClient rest = platform.worker().rest();
    ConfigExample example =
        ConfigExample.load(ProjectPaths.configExamples().resolve("sink-events.json"))
            .withSecretsIn(platform.run().secrets().resolve("missing"));
    // The worker resolves config-provider variables before validating: so the examples' secret
    // references are really read in validatesWithZeroErrors, and a missing file is caught here.
    assertThatThrownBy(
            () -> rest.validate(example.connectorClass(), example.configNamed("missing")))
        .isInstanceOf(ConnectRestException.class)
        .hasMessageContaining("Could not read properties from file")
        .hasMessageContaining("missing/braze.properties");
  }
}
