package io.ampbraze.connect.currents;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.ampbraze.connect.currents.storage.StubHttpServer;

/**
 * A reverse proxy in front of an S3 endpoint (S3Mock, path-style addressing) that takes the store
 * away in the middle of a read: it forwards requests until it has served {@code readsBeforeOutage}
 * object reads, sends only the first half of the next object's body before dropping the
 * connection, and from then on answers every request {@code 503 ServiceUnavailable} until {@link
 * #heal()}, after which it forwards everything. Deciding by the number of reads (not by time)
 * makes the outage land at the same point of the stream on a fast or a loaded machine.
 */
final class S3OutageGateway implements AutoCloseable {
  /** Response headers the stub server sets itself (or that do not survive a re-send). */
  private static final Set<String> HOP_HEADERS =
      Set.of(":status", "content-length", "transfer-encoding", "connection", "date", "keep-alive");

  private final URI target;
  private final String bucket;
  private final int readsBeforeOutage;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final StubHttpServer http;
  private final AtomicInteger reads = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private volatile boolean down;
  private volatile boolean healed;
  private volatile String cutKey;

  S3OutageGateway(URI target, String bucket, int readsBeforeOutage) throws IOException {
    this.target = target;
    this.bucket = bucket;
    this.readsBeforeOutage = readsBeforeOutage;
    this.http = new StubHttpServer(this::handle);
  }

  URI endpoint() {
    return http.endpoint();
  }

  boolean isDown() {
    return down;
  }

  /** The key of the object whose read was cut off, once the outage has begun. */
  String cutKey() {
    return cutKey;
  }

  /** Requests answered 503 during the outage. */
  int refused() {
    return refused.get();
  }

  /** The store is back for good: forward everything from now on. */
  void heal() {
    healed = true;
    down = false;
  }

  private synchronized StubHttpServer.Response handle(StubHttpServer.Request request)
      throws IOException {
    if (down) {
      refused.incrementAndGet();
      return StubHttpServer.Response.of(
          503,
          "application/xml",
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>ServiceUnavailable</Code>"
              + "<Message>Service is unable to handle request.</Message>"
              + "<RequestId>GW" + refused.get() + "</RequestId></Error>");
    }
    StubHttpServer.Response answer = forward(request);
    String key = objectKey(request);
    if (key != null && answer.status() == 200 && !healed
        && reads.incrementAndGet() > readsBeforeOutage) {
      down = true;
      cutKey = key;
      byte[] body = answer.body();
      return StubHttpServer.Response.truncated(
          Arrays.copyOf(body, body.length / 2), body.length);
    }
    return answer;
  }

  /** The object key of a path-style GetObject ({@code GET /bucket/key}), else null. */
  private String objectKey(StubHttpServer.Request request) {
    String path = request.uri().getRawPath();
    String objects = "/" + bucket + "/";
    if (!"GET".equals(request.method()) || !path.startsWith(objects)
        || path.length() == objects.length()) {
      return null;
    }
    return URLDecoder.decode(path.substring(objects.length()), StandardCharsets.UTF_8);
  }

  private StubHttpServer.Response forward(StubHttpServer.Request request) throws IOException {
    URI uri = request.uri();
    String pathAndQuery =
        uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    HttpRequest.Builder b =
        HttpRequest.newBuilder(target.resolve(pathAndQuery))
            .timeout(Duration.ofSeconds(30))
            .method(request.method(), HttpRequest.BodyPublishers.noBody());
    String range = request.header("Range");
    if (range != null) {
      b.header("Range", range);
    }
    HttpResponse<byte[]> r;
    try {
      r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while forwarding", e);
    }
    Map<String, String> headers = new HashMap<>();
    for (Map.Entry<String, List<String>> h : r.headers().map().entrySet()) {
      if (!HOP_HEADERS.contains(h.getKey().toLowerCase()) && !h.getValue().isEmpty()) {
        headers.put(h.getKey(), h.getValue().get(0));
      }
    }
    return new StubHttpServer.Response(r.statusCode(), headers, r.body());
  }

  @Override
  public void close() {
    http.close();
  }
}
