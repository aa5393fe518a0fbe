package io.ampbraze.connect.braze.braze;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The OkHttp client of one task: asynchronous calls, a dispatcher and connection pool sized for
 * the requests in flight, no redirects followed, no transparent retries (the pipeline retries
 * and counts), https only unless http was allowed. The API key goes into the Authorization
 * header only: this class logs nothing and blanks the key out of Braze's answers.
 */
public final class BrazeClient implements BrazeTransport {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final long MAX_ANSWER_BYTES = 1 << 20;

  private final OkHttpClient http;
  private final ExecutorService executor;
  private final HttpUrl trackUrl;
  private final String authorization;
  private final String apiKey;
  private final String userAgent;

  /**
   * @param baseUrl the REST endpoint, e.g. https://rest.iad-01.braze.com
   * @param threadName prefix of the HTTP threads' names
   */
  public BrazeClient(
      String baseUrl,
      boolean allowHttp,
      String apiKey,
      int maxInFlight,
      long requestTimeoutMs,
      String userAgent,
      String threadName) {
    HttpUrl base = HttpUrl.parse(baseUrl);
    if (base == null || (!base.isHttps() && !allowHttp)) {
      throw new IllegalArgumentException("the Braze endpoint must be an https:// URL");
    }
    this.trackUrl = base.newBuilder().addPathSegments("users/track").build();
    this.apiKey = apiKey;
    this.authorization = "Bearer " + apiKey;
    this.userAgent = userAgent;
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, threadName + "-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    Dispatcher dispatcher = new Dispatcher(executor);
    dispatcher.setMaxRequests(maxInFlight);
    dispatcher.setMaxRequestsPerHost(maxInFlight);
    this.http =
        new OkHttpClient.Builder()
            .dispatcher(dispatcher)
            .connectionPool(new ConnectionPool(maxInFlight, 5, TimeUnit.MINUTES))
            .followRedirects(false)
            .followSslRedirects(false)
            .retryOnConnectionFailure(false)
            .callTimeout(requestTimeoutMs, TimeUnit.MILLISECONDS)
            .connectTimeout(Math.min(requestTimeoutMs, 10_000), TimeUnit.MILLISECONDS)
            .readTimeout(requestTimeoutMs, TimeUnit.MILLISECONDS)
            .writeTimeout(requestTimeoutMs, TimeUnit.MILLISECONDS)
            .build();
  }

  @Override
  public CompletableFuture<TrackResponse> send(TrackRequest request) {
    CompletableFuture<TrackResponse> result = new CompletableFuture<>();
    Request http =
        new Request.Builder()
            .url(trackUrl)
            .header("Authorization", authorization)
            .header("Accept", "application/json")
            .header("User-Agent", userAgent)
            .post(RequestBody.create(request.body(), JSON))
            .build();
    this.http
        .newCall(http)
        .enqueue(
            new Callback() {
              @Override
              public void onFailure(Call call, IOException e) {
                result.completeExceptionally(sanitize(e));
              }

              @Override
              public void onResponse(Call call, Response response) {
                try (response) {
                  RateLimitHeaders headers =
                      RateLimitHeaders.parse(
                          response.header("x-ratelimit-limit"),
                          response.header("x-ratelimit-remaining"),
                          response.header("x-ratelimit-reset"));
                  String body = read(response.body());
                  result.complete(TrackResponse.parse(response.code(), body, headers, apiKey));
                } catch (IOException e) {
                  result.completeExceptionally(sanitize(e));
                } catch (RuntimeException e) {
                  result.completeExceptionally(e);
                }
              }
            });
    return result;
  }

  private static String read(ResponseBody body) throws IOException {
    if (body == null) {
      return "";
    }
    okio.BufferedSource source = body.source();
    source.request(MAX_ANSWER_BYTES);
    long size = Math.min(source.getBuffer().size(), MAX_ANSWER_BYTES);
    return source.getBuffer().readUtf8(size);
  }

  /** An I/O failure whose message cannot carry the key (OkHttp never puts it there: belt and braces). */
  private IOException sanitize(IOException e) {
    String message = e.getMessage();
    if (message != null && message.contains(apiKey)) {
      IOException clean =
          e instanceof InterruptedIOException
              ? new InterruptedIOException(message.replace(apiKey, "[hidden]"))
              : new IOException(message.replace(apiKey, "[hidden]"));
      return clean;
    }
    return e;
  }

  @Override
  public void close() {
    http.dispatcher().cancelAll();
    executor.shutdownNow();
    http.connectionPool().evictAll();
  }
}
