package io.ampbraze.benchmarks.sink;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ampbraze.benchmarks.common.CpuClock;
import io.ampbraze.testkit.braze.BrazeEmulator;

/**
 * The testkit's Braze emulator in a JVM of its own (same classpath, started through {@link
 * BrazeEmulator#main}, counters only, TCP_NODELAY on as production servers have it), so that its
 * CPU time (JSON parsing and validation of every object) is measured apart from the sink's.
 * Counters come from
 * its {@code GET /_emulator/summary}; it can be killed and started again on the same port to
 * play a Braze outage.
 */
final class EmulatorProcess implements AutoCloseable {
  static final String API_KEY = "bench-braze-key";

  /** What the emulator enforces. */
  record Settings(long latencyMs, int rateLimitRequests, long rateLimitWindowMs) {}

  /** The counters of {@code /_emulator/summary} that the benchmarks use. */
  record Counters(long requests, long created, long rateLimited, long otherStatuses, long accepted, long itemErrors) {
    Counters minus(Counters o) {
      return new Counters(
          requests - o.requests, created - o.created, rateLimited - o.rateLimited,
          otherStatuses - o.otherStatuses, accepted - o.accepted, itemErrors - o.itemErrors);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Settings settings;
  private final Path logFile;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private Process process;
  private String baseUrl;
  private int port;
  private long cpuBeforeRestarts;

  private EmulatorProcess(Settings settings, Path logFile) {
    this.settings = settings;
    this.logFile = logFile;
  }

  static EmulatorProcess start(Settings settings, Path logDir) throws IOException {
    Files.createDirectories(logDir);
    EmulatorProcess e = new EmulatorProcess(settings, logDir.resolve("emulator-" + settings.latencyMs() + "ms.log"));
    IOException last = null;
    for (int attempt = 0; attempt < 10; attempt++) {
      try {
        e.launch(freePortBelowEphemeralRange());
        return e;
      } catch (IOException x) {
        last = x; // taken meanwhile: another port
      }
    }
    throw last;
  }

  /**
   * A free port below Linux's ephemeral range (32768 and up). The outage benchmark restarts the
   * emulator on its port while the sink keeps reconnecting to it; were that port an ephemeral
   * one, a reconnect could be given it as its own local port (a TCP self-connect) and hold it.
   */
  private static int freePortBelowEphemeralRange() throws IOException {
    java.util.Random random = new java.util.Random();
    for (int i = 0; i < 200; i++) {
      int candidate = 20_000 + random.nextInt(12_000);
      try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
        probe.setReuseAddress(true);
        probe.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), candidate));
        return candidate;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no free port found between 20000 and 32000");
  }

  private void launch(int onPort) throws IOException {
    Path julConfig = Files.createTempFile("bench-emulator-jul", ".properties");
    // MockWebServer logs every request at INFO through java.util.logging: far too costly here.
    Files.writeString(julConfig, ".level=WARNING\nhandlers=java.util.logging.ConsoleHandler\n");
    julConfig.toFile().deleteOnExit();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xms256m");
    cmd.add("-Xmx1g");
    cmd.add("-Djava.util.logging.config.file=" + julConfig);
    cmd.add("-Dlog4j2.level=WARN");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(BrazeEmulator.class.getName());
    cmd.add("--port");
    cmd.add(Integer.toString(onPort));
    cmd.add("--rate-limit");
    cmd.add(settings.rateLimitRequests() + "/" + settings.rateLimitWindowMs());
    cmd.add("--latency-ms");
    cmd.add(Long.toString(settings.latencyMs()));
    cmd.add("--api-key");
    cmd.add(API_KEY);
    cmd.add("--no-record");
    process = new ProcessBuilder(cmd)
        .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
        .start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String first = out.readLine();
    if (first == null || !first.startsWith("http")) {
      process.destroyForcibly();
      throw new IOException("the Braze emulator did not start (see " + logFile + "): " + first);
    }
    baseUrl = first.trim();
    port = URI.create(baseUrl).getPort();
    // Keep draining stdout so the child never blocks on a full pipe.
    Thread drain = new Thread(() -> {
      try {
        while (out.readLine() != null) {
          // discard
        }
      } catch (IOException ignored) {
        // process ended
      }
    }, "bench-emulator-stdout");
    drain.setDaemon(true);
    drain.start();
  }

  Settings settings() {
    return settings;
  }

  String baseUrl() {
    return baseUrl;
  }

  /** CPU nanoseconds the emulator JVM(s) used so far, across restarts. */
  long cpuNanos() {
    long now = process.isAlive() ? CpuClock.processCpuNanos(process.pid()) : 0;
    return cpuBeforeRestarts + Math.max(0, now);
  }

  Counters counters() throws IOException, InterruptedException {
    JsonNode s = get("/_emulator/summary");
    long requests = s.get("requests").asLong();
    long created = 0;
    long limited = 0;
    long other = 0;
    var statuses = s.get("statuses").fields();
    while (statuses.hasNext()) {
      var e = statuses.next();
      int code = Integer.parseInt(e.getKey());
      long n = e.getValue().asLong();
      if (code == 201) {
        created += n;
      } else if (code == 429) {
        limited += n;
      } else {
        other += n;
      }
    }
    return new Counters(requests, created, limited, other, s.get("accepted").get("total").asLong(),
        s.get("itemErrors").asLong());
  }

  /** Kills the emulator (connections refused from now on), as a Braze outage. */
  void kill() throws InterruptedException {
    cpuBeforeRestarts = cpuNanos();
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  /** Starts the emulator again on the same port after {@link #kill}. */
  void restart() throws IOException, InterruptedException {
    IOException last = null;
    for (int attempt = 0; attempt < 60; attempt++) {
      try {
        launch(port);
        return;
      } catch (IOException e) {
        last = e; // the port may still be held for a moment
        Thread.sleep(1000);
      }
    }
    throw last;
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("emulator answered " + r.statusCode() + " to " + path);
    }
    return JSON.readTree(r.body());
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
