package io.ampbraze.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.connect.runtime.Worker;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.Test;

/**
 * Guards this module's point: the connectors' ITs here run on the Kafka 3.x jars, not on the
 * parent's 4.x ones that the connector modules test with.
 */
class KafkaRuntimeVersionIT {
  private static final String EXPECTED = System.getProperty("compat.kafka.version");

  private static Path jarOf(Class<?> type) throws Exception {
    return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  @Test
  void kafkaClientsConnectRuntimeAndTheTestKitAreTheCompatVersion() throws Exception {
    assertThat(EXPECTED).startsWith("3.");
    assertThat(AppInfoParser.getVersion()).isEqualTo(EXPECTED);
    assertThat(jarOf(Worker.class).getFileName().toString())
        .isEqualTo("connect-runtime-" + EXPECTED + ".jar");
    assertThat(jarOf(EmbeddedConnectCluster.class).getFileName().toString())
        .isEqualTo("connect-runtime-" + EXPECTED + "-test.jar");
  }
}
