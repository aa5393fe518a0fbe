package io.ampbraze.testkit.braze;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import mockwebserver3.MockWebServer;

/**
 * A faithful stand-in for Braze's {@code POST /users/track}, for integration tests, the
 * quickstart and benchmarks. Built on OkHttp's MockWebServer with a dispatcher that:
 *
 * <ul>
 *   <li>checks {@code Authorization: Bearer <key>} (401 otherwise; like Braze may, it echoes
 *       the key it got in the message, so tests can prove a client hides it);
 *   <li>checks the body: JSON, arrays {@code attributes}, {@code events}, {@code purchases},
 *       the batch regime's object limit (400) and the body cap (413, 4 MB by default);
 *   <li>validates every object as Braze documents (identifier; event name and time; purchase
 *       product_id, currency, price, time, quantity 1..100; property names) and answers bad
 *       ones in {@code errors[]} with {@code input_array} and {@code index} of a 201 answer;
 *   <li>enforces a rate limit in fixed windows, with {@code x-ratelimit-limit}, {@code
 *       x-ratelimit-remaining} and {@code x-ratelimit-reset} (epoch seconds) on every answer,
 *       and 429 when the window is used up;
 *   <li>adds latency and injects scripted or random faults ({@link #faults()});
 *   <li>sets TCP_NODELAY on its connections (unless {@link Builder#tcpNoDelay} says not to), so
 *       that answers are not held back by the client's delayed ACK;
 *   <li>records every accepted object in arrival order, by kind and by user.
 * </ul>
 *
 * <p>Control paths (no auth, no rate limit): {@code GET /_emulator/summary} (the {@link
 * EmulatorSummary} as JSON), {@code GET /_emulator/objects?kind=events&user=external_id:u1&from=0&limit=1000}
 * (accepted objects), {@code POST /_emulator/reset}, {@code POST /_emulator/faults/storm?ms=5000}
 * and {@code POST /_emulator/faults/clear}.
 *
 * <p>Standalone: {@code java -cp <testkit jar and dependencies> io.ampbraze.testkit.braze.BrazeEmulator
 * --port 4567 --api-key local-key} (see {@link #main}).
 *
 * <pre>{@code
 * try (BrazeEmulator braze = BrazeEmulator.builder().apiKey("k").rateLimit(100, Duration.ofSeconds(1)).start()) {
 *   braze.faults().next(3, Fault.status(503)).randomly(0.05, Fault.drop(DropMode.AFTER_PROCESSING));
 *   // point braze.rest.url at braze.baseUrl() with braze.allow.http=true
 *   braze.acceptedFor("external_id:u1");
 * }
 * }</pre>
 */
public final class BrazeEmulator implements AutoCloseable {
  /** The emulator's settings, fixed at start. */
  record Settings(
      String apiKey,
      BatchRegime regime,
      int maxBodyBytes,
      long minLatencyMs,
      long maxLatencyMs,
      boolean validateObjects,
      Clock clock,
      BrazeEmulator emulator) {}

  /** Builds an emulator; every setting has a default. */
  public static final class Builder {
    private String apiKey = "test-braze-api-key";
    private String host = "127.0.0.1";
    private int port;
    private BatchRegime regime = BatchRegime.COMBINED_75;
    private int maxBodyBytes = 4 * 1024 * 1024;
    private int rateLimitRequests = 3000;
    private long rateLimitWindowMs = 3000;
    private long minLatencyMs;
    private long maxLatencyMs;
    private long seed = 42;
    private boolean recordObjects = true;
    private boolean validateObjects = true;
    private boolean tcpNoDelay = true;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The REST API key to accept (default {@code test-braze-api-key}). */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /** The address to listen on (default 127.0.0.1; 0.0.0.0 for every interface). */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** The port (default 0: a free port, see {@link BrazeEmulator#port()}). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The batch limit regime (default {@link BatchRegime#COMBINED_75}). */
    public Builder batchRegime(BatchRegime regime) {
      this.regime = regime;
      return this;
    }

    /** The body cap in bytes, answered with 413 (default 4 MB). */
    public Builder maxBodyBytes(int maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /** The rate limit (default 3000 requests per 3 s, Braze's workspace default). */
    public Builder rateLimit(int requests, Duration window) {
      this.rateLimitRequests = requests;
      this.rateLimitWindowMs = window.toMillis();
      return this;
    }

    /** A latency drawn uniformly from [min, max] for every answer (default none). */
    public Builder latency(Duration min, Duration max) {
      this.minLatencyMs = min.toMillis();
      this.maxLatencyMs = max.toMillis();
      return this;
    }

    /** The seed of random faults and latencies (default 42). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Keep accepted objects (default true); false keeps counters only, for long benchmarks. */
    public Builder recordObjects(boolean recordObjects) {
      this.recordObjects = recordObjects;
      return this;
    }

    /** Validate objects like Braze (default true); false accepts any JSON object. */
    public Builder validateObjects(boolean validateObjects) {
      this.validateObjects = validateObjects;
      return this;
    }

    /**
     * Set TCP_NODELAY on accepted connections (default true, as production servers do). With
     * false, every answer waits for the client's delayed ACK between its head and its body:
     * about 40 ms on Linux loopback, on top of any configured latency.
     */
    public Builder tcpNoDelay(boolean tcpNoDelay) {
      this.tcpNoDelay = tcpNoDelay;
      return this;
    }

    /**
     * The clock of rate-limit windows, {@code x-ratelimit-reset} and 429 storms (default the
     * system clock). A fixed clock lets a test place its requests inside one window.
     */
    public Builder clock(Clock clock) {
      this.clock = java.util.Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Starts listening. */
    public BrazeEmulator start() throws IOException {
      BrazeEmulator emulator = new BrazeEmulator(this);
      InetAddress address = InetAddress.getByName(host);
      if (tcpNoDelay) {
        emulator.server.setServerSocketFactory(new NoDelayServerSocketFactory());
      }
      emulator.server.start(address, port);
      emulator.urlHost = urlHost(address);
      return emulator;
    }
  }

  private final MockWebServer server = new MockWebServer();
  private final ObjectMapper mapper = new ObjectMapper();
  /** The host clients should use: the bound address, or loopback when bound to every interface. */
  private String urlHost;
  private final Faults faults;
  private final Recorder recorder;
  private final RateLimitWindow window;
  private final BatchRegime regime;

  private BrazeEmulator(Builder b) {
    this.faults = new Faults(b.seed, b.clock);
    this.recorder = new Recorder(b.recordObjects);
    this.window = new RateLimitWindow(b.rateLimitRequests, b.rateLimitWindowMs);
    this.regime = b.regime;
    Settings settings =
        new Settings(
            b.apiKey, b.regime, b.maxBodyBytes, b.minLatencyMs, b.maxLatencyMs, b.validateObjects, b.clock, this);
    TrackDispatcher dispatcher = new TrackDispatcher(settings, faults, window, recorder, mapper);
    dispatcher.attach(server);
    server.setDispatcher(dispatcher);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The value for {@code braze.rest.url}, e.g. {@code http://127.0.0.1:41234} (no trailing slash). */
  public String baseUrl() {
    // Not server.url(): it names the host "localhost", which may resolve to ::1 first while the
    // emulator listens on 127.0.0.1 only.
    return "http://" + urlHost + ":" + port();
  }

  /** The host of URLs to the bound address: loopback for every interface, IPv6 in brackets. */
  private static String urlHost(InetAddress address) {
    if (address.isAnyLocalAddress()) {
      return "127.0.0.1";
    }
    String host = address.getHostAddress();
    return host.contains(":") ? "[" + host + "]" : host;
  }

  public int port() {
    return server.getPort();
  }

  /** The factory of the listening socket (for tests of the socket options). */
  javax.net.ServerSocketFactory serverSocketFactory() {
    return server.getServerSocketFactory();
  }

  /** The fault script; changes apply to the next requests. */
  public Faults faults() {
    return faults;
  }

  /** The counters so far. */
  public EmulatorSummary summary() {
    return recorder.summary(window.limit(), window.windowMs(), regime);
  }

  /** Every accepted object, in arrival order. */
  public List<AcceptedObject> accepted() {
    return recorder.accepted();
  }

  /** The accepted objects of one kind, in arrival order. */
  public List<AcceptedObject> accepted(ObjectKind kind) {
    List<AcceptedObject> out = new ArrayList<>();
    for (AcceptedObject o : recorder.accepted()) {
      if (o.kind() == kind) {
        out.add(o);
      }
    }
    return out;
  }

  /** The accepted objects per user key, each list in arrival order. */
  public Map<String, List<AcceptedObject>> acceptedByUser() {
    return recorder.byUser();
  }

  /** The accepted objects of one user key (e.g. {@code external_id:u1}), in arrival order. */
  public List<AcceptedObject> acceptedFor(String userKey) {
    return recorder.forUser(userKey);
  }

  /** Forgets recorded objects and counters (faults stay). */
  public void reset() {
    recorder.reset();
  }

  @Override
  public void close() {
    server.close();
  }

  /**
   * Runs the emulator until the process ends. Options: {@code --host H} (default 127.0.0.1),
   * {@code --port N} (default 0 = free), {@code --api-key K}, {@code --batch-regime
   * combined75|perarray75|combined50}, {@code --max-body-bytes N}, {@code --rate-limit R/W}
   * (requests per window ms, default 3000/3000), {@code --latency-ms MIN[-MAX]}, {@code
   * --no-record} (counters only), {@code --no-tcp-nodelay} (leave Nagle's algorithm on). Prints
   * the base URL on its first line.
   */
  public static void main(String[] args) throws Exception {
    Builder b = builder();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--host":
          b.host(args[++i]);
          break;
        case "--port":
          b.port(Integer.parseInt(args[++i]));
          break;
        case "--api-key":
          b.apiKey(args[++i]);
          break;
        case "--batch-regime":
          b.batchRegime(BatchRegime.parse(args[++i]));
          break;
        case "--max-body-bytes":
          b.maxBodyBytes(Integer.parseInt(args[++i]));
          break;
        case "--rate-limit":
          String[] rate = args[++i].split("/");
          b.rateLimit(Integer.parseInt(rate[0]), Duration.ofMillis(Long.parseLong(rate[1])));
          break;
        case "--latency-ms":
          String[] latency = args[++i].split("-");
          long min = Long.parseLong(latency[0]);
          long max = latency.length > 1 ? Long.parseLong(latency[1]) : min;
          b.latency(Duration.ofMillis(min), Duration.ofMillis(max));
          break;
        case "--no-record":
          b.recordObjects(false);
          break;
        case "--no-tcp-nodelay":
          b.tcpNoDelay(false);
          break;
        default:
          throw new IllegalArgumentException("unknown option " + arg + " (see the javadoc of BrazeEmulator.main)");
      }
    }
    BrazeEmulator emulator = b.start();
    System.out.println(emulator.baseUrl());
    System.out.println("Braze emulator: POST " + emulator.baseUrl() + "/users/track; summary at "
        + emulator.baseUrl() + "/_emulator/summary");
    System.out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      emulator.close();
      stopped.countDown();
    }));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted"));
    }
  }
}
