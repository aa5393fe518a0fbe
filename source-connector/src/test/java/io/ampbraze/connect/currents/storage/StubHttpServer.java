package io.ampbraze.connect.currents.storage;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A tiny HTTP server on a free loopback port that answers with whatever its handler says and
 * records every request: the stand-in for a cloud store that fails in a chosen way.
 */
public final class StubHttpServer implements AutoCloseable {
  /** One recorded request. */
  public record Request(String method, URI uri, Map<String, List<String>> headers) {
    public String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return String.join(",", e.getValue());
        }
      }
      return null;
    }
  }

  /** An answer: status, headers, body; a negative status means "never answer". */
  public record Response(int status, Map<String, String> headers, byte[] body) {
    public static Response of(int status, String contentType, String body) {
      return new Response(
          status, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8));
    }

    public static Response hang() {
      return new Response(-1, Map.of(), new byte[0]);
    }

    /** Announces {@code declaredLength} bytes, sends {@code body}, and cuts the connection. */
    public static Response truncated(byte[] body, int declaredLength) {
      return new Response(
          200,
          Map.of("Content-Type", "application/octet-stream", TRUNCATE, Integer.toString(declaredLength)),
          body);
    }
  }

  static final String TRUNCATE = "X-Stub-Declared-Length";

  /** Decides the answer to a request. */
  public interface Handler {
    Response handle(Request request) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile Handler handler;

  public StubHttpServer(Handler handler) throws IOException {
    this.handler = handler;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::serve);
    server.setExecutor(pool);
    server.start();
  }

  public void handler(Handler handler) {
    this.handler = handler;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  private void serve(HttpExchange exchange) throws IOException {
    Request request =
        new Request(
            exchange.getRequestMethod(),
            exchange.getRequestURI(),
            Map.copyOf(exchange.getRequestHeaders()));
    exchange.getRequestBody().readAllBytes();
    requests.add(request);
    Response response;
    try {
      response = handler.handle(request);
    } catch (RuntimeException | IOException e) {
      response = Response.of(500, "text/plain", String.valueOf(e));
    }
    if (response.status() < 0) {
      try {
        Thread.sleep(120_000); // longer than any test's request timeout
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
      return;
    }
    response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    boolean head = "HEAD".equals(request.method());
    String declared = response.headers().get(TRUNCATE);
    if (declared != null) {
      exchange.sendResponseHeaders(response.status(), Long.parseLong(declared));
      exchange.getResponseBody().write(response.body());
      exchange.getResponseBody().flush();
      try {
        exchange.close(); // short of the declared length: the server drops the connection
      } catch (RuntimeException e) {
        // expected: "insufficient bytes written"
      }
      return;
    }
    exchange.sendResponseHeaders(
        response.status(), head || response.body().length == 0 ? -1 : response.body().length);
    if (!head && response.body().length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response.body());
      }
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
