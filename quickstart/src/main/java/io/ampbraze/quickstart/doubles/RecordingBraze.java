package io.ampbraze.quickstart.doubles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Braze double that accepts every well-formed {@code POST /users/track} carrying the expected API
 * key with Braze's success answer (201, {@code {"message":"success", "<kind>_processed": n}}) and
 * counts the objects by kind; {@code GET /summary} shows the counts. It checks the key so that a
 * run proves the secret travelled from the secrets file through the worker's config provider into
 * the connector.
 */
public final class RecordingBraze implements BrazeDouble {
  static final List<String> KINDS = List.of("attributes", "events", "purchases");
  private static final int SAMPLES = 5;

  private final ObjectMapper json = new ObjectMapper();
  private final String apiKey;
  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicLong requests = new AtomicLong();
  private final Map<String, AtomicLong> accepted = new LinkedHashMap<>();
  private final List<String> samples = new ArrayList<>();

  private RecordingBraze(String apiKey) throws IOException {
    this.apiKey = apiKey;
    KINDS.forEach(kind -> accepted.put(kind, new AtomicLong()));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    executor = Executors.newFixedThreadPool(4);
    server.setExecutor(executor);
    server.createContext("/users/track", this::track);
    server.createContext("/summary", this::summary);
  }

  /** Starts on an ephemeral loopback port. */
  public static RecordingBraze start(String apiKey) throws IOException {
    RecordingBraze braze = new RecordingBraze(apiKey);
    braze.server.start();
    return braze;
  }

  @Override
  public URI restUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public URI summaryUrl() {
    return restUrl().resolve("/summary");
  }

  @Override
  public synchronized BrazeSummary summary() {
    Map<String, Long> counts = new LinkedHashMap<>();
    accepted.forEach((kind, count) -> counts.put(kind, count.get()));
    return new BrazeSummary(requests.get(), counts, List.copyOf(samples));
  }

  private void track(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        answer(exchange, 405, message("Only POST is supported"));
        return;
      }
      if (!("Bearer " + apiKey).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        answer(exchange, 401, message("Invalid API Key"));
        return;
      }
      JsonNode body;
      try (InputStream in = exchange.getRequestBody()) {
        body = json.readTree(in);
      } catch (IOException e) {
        answer(exchange, 400, message("Invalid JSON in the request body"));
        return;
      }
      if (body == null || !body.isObject()) {
        answer(exchange, 400, message("The request body must be a JSON object"));
        return;
      }
      ObjectNode answer = json.createObjectNode().put("message", "success");
      synchronized (this) {
        requests.incrementAndGet();
        for (String kind : KINDS) {
          JsonNode objects = body.path(kind);
          if (objects.isArray() && objects.size() > 0) {
            accepted.get(kind).addAndGet(objects.size());
            answer.put(kind + "_processed", objects.size());
            if (samples.size() < SAMPLES) {
              samples.add(kind + ": " + objects.get(0));
            }
          }
        }
      }
      answer(exchange, 201, answer);
    }
  }

  private void summary(HttpExchange exchange) throws IOException {
    try (exchange) {
      BrazeSummary summary = summary();
      ObjectNode answer = json.createObjectNode().put("requests", summary.requests());
      ObjectNode kinds = answer.putObject("accepted");
      summary.acceptedByKind().forEach(kinds::put);
      summary.samples().forEach(answer.putArray("samples")::add);
      answer(exchange, 200, answer);
    }
  }

  private ObjectNode message(String text) {
    return json.createObjectNode().put("message", text);
  }

  private void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
