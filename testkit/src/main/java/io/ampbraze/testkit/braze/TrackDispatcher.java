package io.ampbraze.testkit.braze;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.HttpUrl;
import okio.ByteString;

/** Answers /users/track like Braze, and the emulator's control paths under /_emulator/. */
final class TrackDispatcher extends Dispatcher {
  private final BrazeEmulator.Settings settings;
  private final Faults faults;
  private final RateLimitWindow window;
  private final Recorder recorder;
  private final ObjectMapper mapper;
  private volatile MockWebServer server;

  TrackDispatcher(
      BrazeEmulator.Settings settings, Faults faults, RateLimitWindow window, Recorder recorder, ObjectMapper mapper) {
    this.settings = settings;
    this.faults = faults;
    this.window = window;
    this.recorder = recorder;
    this.mapper = mapper;
  }

  void attach(MockWebServer server) {
    this.server = server;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
    MockWebServer s = server;
    if (s != null) {
      // MockWebServer keeps every request for takeRequest(): drop it, the recorder keeps what matters.
      s.takeRequest(0, TimeUnit.NANOSECONDS);
    }
    HttpUrl url = request.getUrl();
    String path = url.encodedPath();
    if (path.startsWith("/_emulator/")) {
      return control(request, path.substring("/_emulator/".length()), url);
    }
    MockResponse response = track(request, path);
    if (response.getOnResponseStart() != null) {
      recorder.drop();
    } else {
      recorder.status(response.getCode());
    }
    return response;
  }

  private MockResponse track(RecordedRequest request, String path) {
    if (!path.equals("/users/track")) {
      return answer(404, message("Not Found"), null);
    }
    if (!"POST".equals(request.getMethod())) {
      return answer(405, message("Method Not Allowed"), null);
    }
    long requestNumber = recorder.nextRequest();
    String auth = request.getHeaders().get("Authorization");
    if (auth == null || !auth.equals("Bearer " + settings.apiKey())) {
      // Braze may echo the key it got: the emulator does, so tests can prove clients hide it.
      String presented = auth == null ? "" : auth.replaceFirst("^Bearer ", "");
      return answer(401, message("Invalid API key: " + presented), null);
    }
    long now = settings.clock().millis();
    long storm = faults.stormUntil(now);
    if (storm > 0) {
      return rateLimited(new RateLimitWindow.Verdict(false, window.limit(), 0, (storm + 999) / 1000));
    }
    RateLimitWindow.Verdict verdict = window.take(now);
    if (!verdict.allowed()) {
      return rateLimited(verdict);
    }
    Fault fault = faults.take();
    if (fault != null) {
      switch (fault.type) {
        case STATUS:
          return answer(fault.status, message("Injected failure"), verdict);
        case RATE_LIMITED:
          return rateLimited(new RateLimitWindow.Verdict(false, verdict.limit(), 0, verdict.resetEpochSeconds()));
        case DROP:
          if (fault.dropMode == DropMode.BEFORE_PROCESSING) {
            return drop();
          }
          break;
        default:
          break;
      }
    }
    MockResponse processed = process(request, requestNumber, verdict);
    if (fault != null && fault.type == Fault.Type.DROP) {
      return drop();
    }
    if (fault != null && fault.type == Fault.Type.SLOW) {
      return processed.newBuilder().headersDelay(fault.delay.toMillis() + latency(), TimeUnit.MILLISECONDS).build();
    }
    return processed;
  }

  private MockResponse process(RecordedRequest request, long requestNumber, RateLimitWindow.Verdict verdict) {
    if (request.getBodySize() > settings.maxBodyBytes()) {
      return answer(413, message("Request Entity Too Large: the body is over " + settings.maxBodyBytes() + " bytes"), verdict);
    }
    String type = request.getHeaders().get("Content-Type");
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      return answer(400, message("Content-Type must be application/json"), verdict);
    }
    ByteString body = request.getBody();
    JsonNode root;
    try {
      root = mapper.readTree(body == null ? new byte[0] : body.toByteArray());
    } catch (Exception e) {
      root = null;
    }
    if (root == null || !root.isObject()) {
      return answer(400, message("Bad Request: the body is not a JSON object"), verdict);
    }
    int total = 0;
    for (ObjectKind kind : ObjectKind.values()) {
      JsonNode array = root.get(kind.arrayName());
      if (array == null || array.isNull()) {
        continue;
      }
      if (!array.isArray()) {
        return answer(400, message("Bad Request: '" + kind.arrayName() + "' must be an array"), verdict);
      }
      total += array.size();
      if (settings.regime().perArray() && array.size() > settings.regime().maxObjects()) {
        return answer(
            400,
            message("Bad Request: up to " + settings.regime().maxObjects() + " " + kind.arrayName() + " per request"),
            verdict);
      }
    }
    if (!settings.regime().perArray() && total > settings.regime().maxObjects()) {
      return answer(
          400,
          message("Bad Request: up to " + settings.regime().maxObjects()
              + " objects combined across attributes, events and purchases per request"),
          verdict);
    }
    ArrayNode errors = mapper.createArrayNode();
    List<ObjectKind> kinds = new ArrayList<>();
    List<String> users = new ArrayList<>();
    List<JsonNode> objects = new ArrayList<>();
    int[] processed = new int[ObjectKind.values().length];
    for (ObjectKind kind : ObjectKind.values()) {
      JsonNode array = root.get(kind.arrayName());
      if (array == null || array.isNull()) {
        continue;
      }
      for (int i = 0; i < array.size(); i++) {
        JsonNode o = array.get(i);
        String problem = settings.validateObjects() ? ObjectValidator.problem(kind, o) : (o.isObject() ? null : "object expected");
        String user = o.isObject() ? ObjectValidator.userKey(o) : null;
        if (problem == null) {
          problem = faults.itemError(new SubmittedObject(kind, user, o));
        }
        if (problem != null) {
          ObjectNode error = errors.addObject();
          error.put("type", problem);
          error.put("input_array", kind.arrayName());
          error.put("index", i);
          recorder.itemError();
        } else {
          kinds.add(kind);
          users.add(user);
          objects.add(o);
          processed[kind.ordinal()]++;
        }
      }
    }
    recorder.accept(requestNumber, kinds, users, objects);
    ObjectNode answer = mapper.createObjectNode();
    answer.put("message", "success");
    answer.put("attributes_processed", processed[0]);
    answer.put("events_processed", processed[1]);
    answer.put("purchases_processed", processed[2]);
    if (!errors.isEmpty()) {
      answer.set("errors", errors);
    }
    return answer(201, answer, verdict);
  }

  private MockResponse control(RecordedRequest request, String action, HttpUrl url) {
    switch (action) {
      case "summary":
        return json(200, settings.emulator().summary().toJson(mapper));
      case "objects":
        return json(200, objects(url));
      case "reset":
        settings.emulator().reset();
        return new MockResponse.Builder().code(204).build();
      case "faults/storm":
        String ms = url.queryParameter("ms");
        faults.rateLimitStorm(java.time.Duration.ofMillis(ms == null ? 5000 : Long.parseLong(ms)));
        return json(200, message("storm started"));
      case "faults/clear":
        faults.clear();
        return json(200, message("faults cleared"));
      default:
        return json(404, message("unknown emulator path: " + action));
    }
  }

  private ObjectNode objects(HttpUrl url) {
    String kindName = url.queryParameter("kind");
    ObjectKind kind = kindName == null ? null : ObjectKind.ofArray(kindName);
    String user = url.queryParameter("user");
    int from = url.queryParameter("from") == null ? 0 : Integer.parseInt(url.queryParameter("from"));
    int limit = url.queryParameter("limit") == null ? 1000 : Integer.parseInt(url.queryParameter("limit"));
    List<AcceptedObject> all = user == null ? settings.emulator().accepted() : settings.emulator().acceptedFor(user);
    List<AcceptedObject> matching = new ArrayList<>();
    for (AcceptedObject o : all) {
      if (kind == null || o.kind() == kind) {
        matching.add(o);
      }
    }
    ObjectNode root = mapper.createObjectNode();
    root.put("total", matching.size());
    root.put("from", from);
    ArrayNode list = root.putArray("objects");
    for (int i = from; i < matching.size() && i < from + limit; i++) {
      AcceptedObject o = matching.get(i);
      ObjectNode item = list.addObject();
      item.put("sequence", o.sequence());
      item.put("request", o.request());
      item.put("kind", o.kind().arrayName());
      item.put("user", o.userKey());
      item.put("receivedAt", o.receivedAt().toString());
      item.set("object", o.json());
    }
    return root;
  }

  private MockResponse rateLimited(RateLimitWindow.Verdict verdict) {
    return answer(429, message("Too Many Requests"), verdict);
  }

  private MockResponse drop() {
    return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
  }

  private MockResponse answer(int status, ObjectNode body, RateLimitWindow.Verdict verdict) {
    RateLimitWindow.Verdict headers = verdict != null ? verdict : window.peek(settings.clock().millis());
    MockResponse.Builder b =
        new MockResponse.Builder()
            .status("HTTP/1.1 " + status + " " + reason(status))
            .setHeader("Content-Type", "application/json")
            .setHeader("x-ratelimit-limit", headers.limit())
            .setHeader("x-ratelimit-remaining", headers.remaining())
            .setHeader("x-ratelimit-reset", headers.resetEpochSeconds())
            .body(body.toString());
    long delay = latency();
    if (delay > 0) {
      b.headersDelay(delay, TimeUnit.MILLISECONDS);
    }
    return b.build();
  }

  private static String reason(int status) {
    switch (status) {
      case 201:
        return "Created";
      case 400:
        return "Bad Request";
      case 401:
        return "Unauthorized";
      case 404:
        return "Not Found";
      case 405:
        return "Method Not Allowed";
      case 413:
        return "Payload Too Large";
      case 429:
        return "Too Many Requests";
      case 500:
        return "Internal Server Error";
      case 502:
        return "Bad Gateway";
      case 503:
        return "Service Unavailable";
      case 504:
        return "Gateway Timeout";
      default:
        return "Status";
    }
  }

  private MockResponse json(int status, ObjectNode body) {
    return new MockResponse.Builder()
        .code(status)
        .setHeader("Content-Type", "application/json")
        .body(body.toString())
        .build();
  }

  private long latency() {
    return faults.between(settings.minLatencyMs(), settings.maxLatencyMs());
  }

  private ObjectNode message(String text) {
    return mapper.createObjectNode().put("message", text);
  }
}
