package io.ampbraze.connect.currents.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Just enough of the GCS JSON API (objects.list with prefix, delimiter, maxResults and page
 * tokens; media download) to run the real google-cloud-storage client over HTTP against it, with
 * GCS's ordering and paging rules. google-cloud-nio's LocalStorageHelper neither orders nor pages.
 * It also answers OAuth token requests at {@link #tokenUri()}, so a service-account key whose
 * {@code token_uri} points there authorizes the client with {@link #ACCESS_TOKEN}.
 */
public final class FakeGcsServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN_PATH = "/token";

  /** The access token that the token endpoint hands out. */
  public static final String ACCESS_TOKEN = "ya29.fake-gcs-access-token";

  private final String bucket;
  private final Map<String, byte[]> objects = new ConcurrentSkipListMap<>(Prefixes.KEY_ORDER);
  private final Instant created = Instant.now();
  private final StubHttpServer http;

  public FakeGcsServer(String bucket) throws IOException {
    this.bucket = bucket;
    this.http = new StubHttpServer(this::handle);
  }

  public void put(String key, byte[] content) {
    objects.put(key, content);
  }

  public URI endpoint() {
    return http.endpoint();
  }

  /** The OAuth token endpoint, for the {@code token_uri} of a service-account key. */
  public URI tokenUri() {
    return http.endpoint().resolve(TOKEN_PATH);
  }

  public StubHttpServer http() {
    return http;
  }

  /** Answers every request with this (e.g. an error) until {@link #heal()}. */
  public void fail(StubHttpServer.Handler failure) {
    http.handler(failure);
  }

  public void heal() {
    http.handler(this::handle);
  }

  public static StubHttpServer.Response error(int code, String reason, String message) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode error = body.putObject("error");
    error.put("code", code).put("message", message);
    error.putArray("errors").addObject().put("reason", reason).put("message", message);
    return StubHttpServer.Response.of(code, "application/json", body.toString());
  }

  private StubHttpServer.Response handle(StubHttpServer.Request request) {
    String path = request.uri().getRawPath();
    Map<String, String> query = query(request.uri());
    if (path.equals(TOKEN_PATH) && "POST".equals(request.method())) {
      return StubHttpServer.Response.of(200, "application/json",
          "{\"access_token\":\"" + ACCESS_TOKEN + "\",\"expires_in\":3600,"
              + "\"token_type\":\"Bearer\"}");
    }
    String listPath = "/storage/v1/b/" + bucket + "/o";
    if (path.equals(listPath) && "GET".equals(request.method())) {
      return list(query);
    }
    String objectPath = "/b/" + bucket + "/o/";
    int at = path.indexOf(objectPath);
    if (at >= 0) {
      String name =
          URLDecoder.decode(path.substring(at + objectPath.length()), StandardCharsets.UTF_8);
      byte[] content = objects.get(name);
      if (content == null) {
        return error(404, "notFound", "No such object: " + bucket + "/" + name);
      }
      if ("media".equals(query.get("alt"))) {
        return media(content, request.header("Range"));
      }
      return StubHttpServer.Response.of(200, "application/json", metadata(name, content).toString());
    }
    return error(404, "notFound", "Not Found");
  }

  private StubHttpServer.Response list(Map<String, String> query) {
    String prefix = query.getOrDefault("prefix", "");
    String delimiter = query.get("delimiter");
    int max = Integer.parseInt(query.getOrDefault("maxResults", "1000"));
    String after =
        query.containsKey("pageToken")
            ? new String(Base64.getUrlDecoder().decode(query.get("pageToken")),
                StandardCharsets.UTF_8)
            : null;
    // Items and prefixes share one ordered sequence of entries, as GCS pages them.
    TreeMap<String, Boolean> entries = new TreeMap<>(Prefixes.KEY_ORDER);
    for (String name : objects.keySet()) {
      if (!name.startsWith(prefix)) {
        continue;
      }
      int cut = delimiter == null ? -1 : name.indexOf(delimiter, prefix.length());
      if (cut >= 0) {
        entries.put(name.substring(0, cut + delimiter.length()), true);
      } else {
        entries.put(name, false);
      }
    }
    ObjectNode body = JSON.createObjectNode().put("kind", "storage#objects");
    ArrayNode items = JSON.createArrayNode();
    TreeSet<String> prefixes = new TreeSet<>(Prefixes.KEY_ORDER);
    String last = null;
    int taken = 0;
    for (Map.Entry<String, Boolean> e :
        (after == null ? entries : entries.tailMap(after, false)).entrySet()) {
      if (taken == max) {
        body.put(
            "nextPageToken",
            Base64.getUrlEncoder().encodeToString(last.getBytes(StandardCharsets.UTF_8)));
        break;
      }
      if (e.getValue()) {
        prefixes.add(e.getKey());
      } else {
        items.add(metadata(e.getKey(), objects.get(e.getKey())));
      }
      last = e.getKey();
      taken++;
    }
    if (!items.isEmpty()) {
      body.set("items", items);
    }
    if (!prefixes.isEmpty()) {
      ArrayNode p = body.putArray("prefixes");
      prefixes.forEach(p::add);
    }
    return StubHttpServer.Response.of(200, "application/json", body.toString());
  }

  private ObjectNode metadata(String name, byte[] content) {
    ObjectNode o = JSON.createObjectNode();
    o.put("kind", "storage#object")
        .put("id", bucket + "/" + name + "/1")
        .put("name", name)
        .put("bucket", bucket)
        .put("generation", "1")
        .put("metageneration", "1")
        .put("size", Long.toString(content.length))
        .put("timeCreated", created.toString())
        .put("updated", created.toString());
    return o;
  }

  private static StubHttpServer.Response media(byte[] content, String range) {
    int from = 0;
    int to = content.length - 1;
    if (range != null && range.startsWith("bytes=")) {
      String[] r = range.substring(6).split("-", -1);
      from = Integer.parseInt(r[0]);
      if (r.length > 1 && !r[1].isEmpty()) {
        to = Math.min(to, Integer.parseInt(r[1]));
      }
    }
    Map<String, String> headers = new HashMap<>();
    headers.put("Content-Type", "application/octet-stream");
    headers.put("x-goog-generation", "1");
    headers.put("x-goog-metageneration", "1");
    headers.put("x-goog-stored-content-length", Integer.toString(content.length));
    if (from > to) {
      return new StubHttpServer.Response(416, headers, new byte[0]);
    }
    byte[] body = java.util.Arrays.copyOfRange(content, from, to + 1);
    int status = 200;
    if (range != null) {
      status = 206;
      headers.put("Content-Range", "bytes " + from + "-" + to + "/" + content.length);
    }
    return new StubHttpServer.Response(status, headers, body);
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> out = new HashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(k, v);
    }
    return out;
  }

  static List<String> names(List<StubHttpServer.Request> requests) {
    List<String> out = new ArrayList<>();
    requests.forEach(r -> out.add(r.method() + " " + r.uri()));
    return out;
  }

  @Override
  public void close() {
    http.close();
  }
}
