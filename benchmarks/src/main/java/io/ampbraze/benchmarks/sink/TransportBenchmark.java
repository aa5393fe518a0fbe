package io.ampbraze.benchmarks.sink;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;

import io.ampbraze.connect.braze.braze.BrazeClient;
import io.ampbraze.connect.braze.braze.TrackRequest;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Round-trip time of one full request at a time against the emulator, through three clients:
 * the connector's own {@link BrazeClient} (OkHttp as the sink configures it), the same OkHttp
 * with TCP_NODELAY set on its sockets, and the JDK's HttpClient (which sets TCP_NODELAY). The
 * difference is what Nagle's algorithm costs the sink per request.
 */
final class TransportBenchmark {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final EmulatorProcess emulator;
  private final List<TrackRequest> requests;

  TransportBenchmark(EmulatorProcess emulator, AmplitudeRecordPool pool, int requests) {
    this.emulator = emulator;
    this.requests = FullBatches.build(pool, emulator.baseUrl(), requests);
  }

  /** Median and p99 round trip (ms) of each client over the prepared requests. */
  Map<String, Double> run() throws Exception {
    Thread.sleep(emulator.settings().rateLimitWindowMs() + 250);
    Map<String, Double> out = new LinkedHashMap<>();
    BrazeClient connector = new BrazeClient(emulator.baseUrl(), true, EmulatorProcess.API_KEY, 1, 30_000,
        "bench", "bench-transport-http");
    try {
      put(out, "connector_client", time(r -> connector.send(r).get(30, TimeUnit.SECONDS)));
    } finally {
      connector.close();
    }
    OkHttpClient noDelay = new OkHttpClient.Builder().socketFactory(new NoDelaySocketFactory()).build();
    URI track = URI.create(emulator.baseUrl() + "/users/track");
    put(out, "okhttp_tcp_nodelay", time(r -> {
      Request request = new Request.Builder().url(track.toString())
          .header("Authorization", "Bearer " + EmulatorProcess.API_KEY)
          .post(RequestBody.create(r.body(), JSON)).build();
      try (Response response = noDelay.newCall(request).execute()) {
        response.body().string();
      }
    }));
    noDelay.dispatcher().executorService().shutdown();
    noDelay.connectionPool().evictAll();
    HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    put(out, "jdk_httpclient", time(r -> jdk.send(HttpRequest.newBuilder(track)
            .header("Authorization", "Bearer " + EmulatorProcess.API_KEY)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofByteArray(r.body())).build(),
        HttpResponse.BodyHandlers.ofString())));
    out.put("request_body_bytes_avg", requests.stream().mapToInt(r -> r.body().length).average().orElse(0));
    return out;
  }

  private interface Call {
    void send(TrackRequest r) throws Exception;
  }

  private double[] time(Call call) throws Exception {
    for (int i = 0; i < 10; i++) {
      call.send(requests.get(i % requests.size())); // connection set up, JIT
    }
    double[] ms = new double[requests.size()];
    for (int i = 0; i < requests.size(); i++) {
      long t = System.nanoTime();
      call.send(requests.get(i));
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    return ms;
  }

  private static void put(Map<String, Double> out, String name, double[] sorted) {
    out.put(name + "_p50_ms", sorted[sorted.length / 2]);
    out.put(name + "_p99_ms", sorted[(int) Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)]);
  }

  /** Plain sockets with TCP_NODELAY, as the fix in the connector's client would create them. */
  private static final class NoDelaySocketFactory extends SocketFactory {
    private final SocketFactory delegate = SocketFactory.getDefault();

    @Override
    public Socket createSocket() throws IOException {
      return noDelay(delegate.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
      return noDelay(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
        throws IOException {
      return noDelay(delegate.createSocket(address, port, localAddress, localPort));
    }

    private static Socket noDelay(Socket s) throws IOException {
      s.setTcpNoDelay(true);
      return s;
    }
  }
}
