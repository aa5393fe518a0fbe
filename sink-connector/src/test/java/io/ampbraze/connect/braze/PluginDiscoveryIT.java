package io.ampbraze.connect.braze;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The embedded worker discovers the sink plugin, on the runtime version the tests use. */
class PluginDiscoveryIT {
  private static EmbeddedConnectCluster connect;

  @BeforeAll
  static void start() {
    connect = new EmbeddedConnectCluster.Builder().name("discovery").numWorkers(1).build();
    connect.start();
  }

  @AfterAll
  static void stop() {
    connect.stop();
  }

  @Test
  void listsTheSinkPlugin() throws Exception {
    HttpResponse<String> plugins =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(connect.endpointForResource("connector-plugins")))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(plugins.statusCode()).isEqualTo(200);
    assertThat(plugins.body()).contains(BrazeSinkConnector.class.getName());
  }
}
