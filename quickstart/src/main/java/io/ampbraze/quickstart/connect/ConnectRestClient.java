package io.ampbraze.quickstart.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The calls the quickstart and its tests make on a Connect worker's REST API. */
public final class ConnectRestClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI baseUrl;
  private final HttpClient http;

  public ConnectRestClient(URI baseUrl) {
    this.baseUrl = baseUrl;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  public URI baseUrl() {
    return baseUrl;
  }

  /** {@code GET /connector-plugins}. */
  public List<ConnectorPlugin> connectorPlugins() throws IOException, InterruptedException {
    List<ConnectorPlugin> plugins = new ArrayList<>();
    for (JsonNode plugin : get("/connector-plugins")) {
      plugins.add(
          new ConnectorPlugin(
              plugin.path("class").asText(),
              plugin.path("type").asText(),
              plugin.path("version").asText()));
    }
    return plugins;
  }

  /** {@code PUT /connectors/{name}/config}: creates the connector or updates its config. */
  public void putConnectorConfig(String name, Map<String, String> config)
      throws IOException, InterruptedException {
    send("PUT", "/connectors/" + encode(name) + "/config", JSON.writeValueAsString(config));
  }

  /** {@code GET /connectors/{name}/status}. */
  public ConnectorStatus connectorStatus(String name) throws IOException, InterruptedException {
    JsonNode status = get("/connectors/" + encode(name) + "/status");
    List<ConnectorStatus.TaskStatus> tasks = new ArrayList<>();
    for (JsonNode task : status.path("tasks")) {
      tasks.add(
          new ConnectorStatus.TaskStatus(
              task.path("id").asInt(),
              task.path("state").asText(),
              task.path("trace").asText(null)));
    }
    return new ConnectorStatus(
        status.path("name").asText(),
        status.path("type").asText(),
        status.path("connector").path("state").asText(),
        tasks);
  }

  /** {@code PUT /connector-plugins/{plugin}/config/validate}. */
  public ValidationResult validate(String pluginClass, Map<String, String> config)
      throws IOException, InterruptedException {
    JsonNode answer =
        send(
            "PUT",
            "/connector-plugins/" + encode(pluginClass) + "/config/validate",
            JSON.writeValueAsString(config));
    Map<String, List<String>> errors = new LinkedHashMap<>();
    for (JsonNode entry : answer.path("configs")) {
      JsonNode value = entry.path("value");
      List<String> messages = new ArrayList<>();
      value.path("errors").forEach(message -> messages.add(message.asText()));
      if (!messages.isEmpty()) {
        errors.put(value.path("name").asText(), messages);
      }
    }
    return new ValidationResult(answer.path("error_count").asInt(), errors);
  }

  /**
   * Waits until the worker's herder answers ({@code GET /connectors} returns 200): the REST server
   * starts before the worker has joined its group and read the config topic.
   */
  public void awaitReady(Duration timeout, Runnable aliveCheck) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    Exception last = null;
    while (Instant.now().isBefore(deadline)) {
      aliveCheck.run();
      try {
        get("/connectors");
        return;
      } catch (IOException | ConnectRestException e) {
        last = e;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(
        "The Connect worker at "
            + baseUrl
            + " did not become ready within "
            + timeout.toSeconds()
            + " s",
        last);
  }

  /** Waits until the connector and all its tasks are RUNNING; fails fast when one FAILED. */
  public ConnectorStatus awaitRunning(String name, Duration timeout)
      throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    ConnectorStatus status = null;
    while (Instant.now().isBefore(deadline)) {
      try {
        status = connectorStatus(name);
        if (status.fullyRunning()) {
          return status;
        }
        if (status.anyFailed()) {
          throw new IllegalStateException(
              "Connector " + name + " failed: " + status.summary() + failureTraces(status));
        }
      } catch (ConnectRestException e) {
        // 404 until the worker has read the new config back from its config topic.
        if (e.status() != 404) {
          throw e;
        }
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(
        "Connector "
            + name
            + " was not RUNNING within "
            + timeout.toSeconds()
            + " s; last status: "
            + (status == null ? "none" : status.summary()));
  }

  private static String failureTraces(ConnectorStatus status) {
    StringBuilder traces = new StringBuilder();
    for (ConnectorStatus.TaskStatus task : status.tasks()) {
      if (task.trace() != null) {
        traces.append("\n  task ").append(task.id()).append(": ").append(task.trace());
      }
    }
    return traces.toString();
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    return send("GET", path, null);
  }

  private JsonNode send(String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(baseUrl.resolve(path))
            .timeout(Duration.ofSeconds(60))
            .header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new ConnectRestException(method, path, response.statusCode(), response.body());
    }
    return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
