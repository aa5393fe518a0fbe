package io.ampbraze.connect.currents;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Connect REST calls the ITs make, as plain HTTP and JSON: the test kit's entity classes
 * differ between Kafka 3.x and 4.x, and the compat module runs these ITs on both.
 */
final class ConnectRest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EmbeddedConnectCluster connect;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  ConnectRest(EmbeddedConnectCluster connect) {
    this.connect = connect;
  }

  /** {@code GET /connectors/{name}/status}: the connector's and its tasks' states and traces. */
  JsonNode status(String connector) throws Exception {
    return send("GET", "connectors/" + connector + "/status", null, 200);
  }

  /** The status of one task (state, worker, trace). */
  JsonNode taskStatus(String connector, int task) throws Exception {
    for (JsonNode t : status(connector).path("tasks")) {
      if (t.path("id").asInt() == task) {
        return t;
      }
    }
    return JSON.createObjectNode();
  }

  String taskState(String connector, int task) throws Exception {
    return taskStatus(connector, task).path("state").asText("");
  }

  /** {@code POST /connectors/{name}/tasks/{task}/restart}. */
  void restartTask(String connector, int task) throws Exception {
    send("POST", "connectors/" + connector + "/tasks/" + task + "/restart", null, 204);
  }

  /** {@code PUT /connectors/{name}/config}: creates or updates a connector. */
  void putConfig(String connector, Map<String, String> config) throws Exception {
    HttpResponse<String> r =
        call("PUT", "connectors/" + connector + "/config", JSON.writeValueAsString(config));
    if (r.statusCode() != 200 && r.statusCode() != 201) {
      throw new AssertionError("PUT config answered " + r.statusCode() + ": " + r.body());
    }
  }

  /** {@code PUT /connector-plugins/{plugin}/config/validate}: each key's value and errors. */
  JsonNode validate(String plugin, Map<String, String> config) throws Exception {
    return send(
        "PUT",
        "connector-plugins/" + plugin + "/config/validate",
        JSON.writeValueAsString(config),
        200);
  }

  /**
   * {@code GET /connectors/{name}/offsets}, as a map from each source partition (as JSON text) to
   * its committed offset, so two reads compare regardless of the order Connect lists them in.
   */
  Map<String, JsonNode> offsets(String connector) throws Exception {
    JsonNode body = send("GET", "connectors/" + connector + "/offsets", null, 200);
    Map<String, JsonNode> out = new HashMap<>();
    for (JsonNode o : body.path("offsets")) {
      out.put(JSON.writeValueAsString(o.get("partition")), o.get("offset"));
    }
    return out;
  }

  private JsonNode send(String method, String resource, String body, int expected)
      throws Exception {
    HttpResponse<String> r = call(method, resource, body);
    if (r.statusCode() != expected) {
      throw new AssertionError(
          method + " " + resource + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
  }

  private HttpResponse<String> call(String method, String resource, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(connect.endpointForResource(resource)))
            .timeout(Duration.ofSeconds(60))
            .header("Accept", "application/json");
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
