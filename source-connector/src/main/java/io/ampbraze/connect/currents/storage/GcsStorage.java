package io.ampbraze.connect.currents.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.gax.paging.Page;
import com.google.api.gax.retrying.RetrySettings;
import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.auth.oauth2.UserCredentials;
import com.google.cloud.BaseServiceException;
import com.google.cloud.NoCredentials;
import com.google.cloud.ReadChannel;
import com.google.cloud.http.HttpTransportOptions;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage.BlobListOption;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Google Cloud Storage through google-cloud-storage (JSON API over HTTP). One listing call is one
 * {@code objects.list} request ({@code currentDirectory()}, i.e. delimiter '/', for folders);
 * {@link #open} is one media GET, sent before it returns so that a missing object fails there.
 */
public final class GcsStorage implements CurrentsStorage {
  private static final Logger log = LoggerFactory.getLogger(GcsStorage.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Everything GcsStorage needs; secrets included, so never print a Settings. */
  public record Settings(
      String bucket,
      String projectId,
      String credentialsJson,
      URI endpoint,
      Duration requestTimeout,
      int retries,
      int pageSize) {
    @Override
    public String toString() {
      return "GcsStorage.Settings[bucket=" + bucket + "]";
    }
  }

  private final Storage storage;
  private final String bucket;
  private final int pageSize;
  private final String description;
  private final Secrets secrets;

  /**
   * Wraps a ready client: {@link #create} builds one from the configuration, tests pass one from
   * {@code LocalStorageHelper}.
   */
  public GcsStorage(Storage storage, String bucket, int pageSize) {
    this(storage, bucket, pageSize, "gs://" + bucket, Secrets.NONE);
  }

  private GcsStorage(
      Storage storage, String bucket, int pageSize, String description, Secrets secrets) {
    this.storage = storage;
    this.bucket = bucket;
    this.pageSize = pageSize;
    this.description = description;
    this.secrets = secrets;
  }

  /** Builds the client; throws ConfigException when no usable credentials are found. */
  public static GcsStorage create(Settings s) {
    Secrets secrets =
        Secrets.of(s.credentialsJson() == null ? List.of() : secretParts(s.credentialsJson()));
    String description =
        "gs://" + s.bucket() + (s.endpoint() != null ? " (endpoint " + s.endpoint() + ")" : "");
    Credentials credentials = credentials(s, description, secrets);
    int timeoutMs = (int) Math.min(Integer.MAX_VALUE, s.requestTimeout().toMillis());
    StorageOptions.Builder options =
        StorageOptions.http()
            .setCredentials(credentials)
            .setTransportOptions(
                HttpTransportOptions.newBuilder()
                    .setConnectTimeout(timeoutMs)
                    .setReadTimeout(timeoutMs)
                    .build())
            .setRetrySettings(
                RetrySettings.newBuilder()
                    .setMaxAttempts(s.retries() + 1)
                    .setInitialRetryDelayDuration(Duration.ofMillis(200))
                    .setRetryDelayMultiplier(2.0)
                    .setMaxRetryDelayDuration(Duration.ofSeconds(2))
                    .setInitialRpcTimeoutDuration(s.requestTimeout())
                    .setRpcTimeoutMultiplier(1.0)
                    .setMaxRpcTimeoutDuration(s.requestTimeout())
                    .setTotalTimeoutDuration(s.requestTimeout().multipliedBy(s.retries() + 1L))
                    .build());
    String project = projectOf(s, credentials);
    if (project != null) {
      options.setProjectId(project);
    }
    if (s.endpoint() != null) {
      options.setHost(s.endpoint().toString());
    }
    Storage client;
    try {
      client = options.build().getService();
    } catch (RuntimeException e) {
      throw new ConfigException(
          description + ": cannot set up the GCS client: " + secrets.redact(e.getMessage()));
    }
    log.info("Opened {}", description);
    return new GcsStorage(client, s.bucket(), s.pageSize(), description, secrets);
  }

  private static Credentials credentials(Settings s, String description, Secrets secrets) {
    if (s.credentialsJson() != null && !s.credentialsJson().isBlank()) {
      try {
        return loadCredentials(s.credentialsJson());
      } catch (IOException | RuntimeException e) {
        throw new ConfigException(
            description
                + ": "
                + StorageConfig.GCS_CREDENTIALS_JSON
                + " cannot be loaded: "
                + secrets.redact(e.getMessage()));
      }
    }
    try {
      return GoogleCredentials.getApplicationDefault();
    } catch (IOException e) {
      if (s.endpoint() != null) {
        // An emulator such as fake-gcs-server takes requests without credentials.
        log.info("{}: no Google credentials found; sending requests without credentials",
            description);
        return NoCredentials.getInstance();
      }
      throw new ConfigException(
          description
              + ": no Google credentials: set "
              + StorageConfig.GCS_CREDENTIALS_JSON
              + " or provide application default credentials ("
              + secrets.redact(e.getMessage())
              + ")");
    }
  }

  private static String projectOf(Settings s, Credentials credentials) {
    if (s.projectId() != null && !s.projectId().isBlank()) {
      return s.projectId();
    }
    if (credentials instanceof ServiceAccountCredentials sa) {
      return sa.getProjectId();
    }
    if (credentials instanceof GoogleCredentials gc && gc.getQuotaProjectId() != null) {
      return gc.getQuotaProjectId();
    }
    // Reading a bucket needs no project; this keeps the client from probing for one.
    return credentials instanceof NoCredentials ? "no-project" : null;
  }

  /** Loads a service-account or authorized-user JSON key, the two types this connector takes. */
  static Credentials loadCredentials(String json) throws IOException {
    String problem = credentialsProblem(json);
    if (problem != null) {
      throw new IOException(problem);
    }
    String type = JSON.readTree(json).path("type").asText();
    InputStream in = new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    return "service_account".equals(type)
        ? ServiceAccountCredentials.fromStream(in)
        : UserCredentials.fromStream(in);
  }

  /**
   * Why {@code json} is not a credentials file this connector takes, or null if it is. Never
   * quotes the input.
   */
  static String credentialsProblem(String json) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return "is not valid JSON"
          + (e.getLocation() != null
              ? " (line " + e.getLocation().getLineNr() + ", column "
                  + e.getLocation().getColumnNr() + ")"
              : "");
    }
    if (node == null || !node.isObject()) {
      return "must be a JSON object (a Google service-account or authorized-user key file)";
    }
    String type = node.path("type").asText("");
    List<String> required;
    switch (type) {
      case "service_account" ->
          required = List.of("client_id", "client_email", "private_key", "private_key_id");
      case "authorized_user" -> required = List.of("client_id", "client_secret", "refresh_token");
      case "" -> {
        return "has no \"type\" field: expected \"service_account\" or \"authorized_user\"";
      }
      default -> {
        return "has type \""
            + (type.length() > 40 ? type.substring(0, 40) + "..." : type)
            + "\"; only \"service_account\" and \"authorized_user\" keys are accepted (use"
            + " application default credentials for other kinds)";
      }
    }
    List<String> missing = new ArrayList<>();
    for (String field : required) {
      if (!node.path(field).isTextual() || node.path(field).asText().isBlank()) {
        missing.add(field);
      }
    }
    if (!missing.isEmpty()) {
      return "is a " + type + " key without " + String.join(", ", missing);
    }
    if ("service_account".equals(type)
        && !node.path("private_key").asText().contains("-----BEGIN PRIVATE KEY-----")) {
      return "has a private_key that is not a PEM-encoded PKCS#8 key";
    }
    return null;
  }

  /** The whole JSON and its secret fields, each of which must be masked wherever it appears. */
  private static List<String> secretParts(String json) {
    List<String> parts = new ArrayList<>(List.of(json));
    try {
      JsonNode node = JSON.readTree(json);
      for (String field : List.of("private_key", "client_secret", "refresh_token")) {
        if (node != null && node.path(field).isTextual()) {
          String value = node.path(field).asText();
          parts.add(value);
          // A PEM key is also masked line by line, in case a message quotes part of it.
          for (String line : value.split("\n")) {
            if (line.length() >= 16 && !line.startsWith("-----")) {
              parts.add(line);
            }
          }
        }
      }
    } catch (JsonProcessingException e) {
      // Not JSON: the whole value is already masked.
    }
    return parts;
  }

  @Override
  public ListPage<String> listFolders(String prefix, String pageToken) throws StorageException {
    Prefixes.requireFolder(prefix);
    Page<Blob> page = list(prefix, pageToken, true, "list folders under '" + prefix + "'");
    List<String> folders = new ArrayList<>();
    for (Blob b : page.getValues()) {
      if (b.isDirectory()) {
        folders.add(b.getName());
      }
    }
    folders.sort(Prefixes.KEY_ORDER);
    return new ListPage<>(folders, nextToken(page));
  }

  @Override
  public ListPage<StorageObject> listFiles(String prefix, String pageToken)
      throws StorageException {
    Prefixes.requireValid(prefix);
    Page<Blob> page = list(prefix, pageToken, false, "list files under '" + prefix + "'");
    List<StorageObject> files = new ArrayList<>();
    for (Blob b : page.getValues()) {
      if (!b.isDirectory() && !Prefixes.isFolderMarker(b.getName())) {
        files.add(
            new StorageObject(
                b.getName(),
                b.getSize() == null ? 0 : b.getSize(),
                b.getUpdateTimeOffsetDateTime() == null
                    ? Instant.EPOCH
                    : b.getUpdateTimeOffsetDateTime().toInstant()));
      }
    }
    files.sort(Prefixes.OBJECT_ORDER);
    return new ListPage<>(files, nextToken(page));
  }

  private Page<Blob> list(String prefix, String pageToken, boolean folders, String what)
      throws StorageException {
    List<BlobListOption> options = new ArrayList<>();
    options.add(BlobListOption.prefix(prefix));
    options.add(BlobListOption.pageSize(pageSize));
    if (folders) {
      options.add(BlobListOption.currentDirectory());
    }
    if (pageToken != null) {
      options.add(BlobListOption.pageToken(pageToken));
    }
    try {
      return storage.list(bucket, options.toArray(new BlobListOption[0]));
    } catch (RuntimeException e) {
      throw failure(what, e);
    }
  }

  private static String nextToken(Page<Blob> page) {
    // Only the token: page.getNextPage() or iterateAll() would send more requests.
    String next = page.getNextPageToken();
    return next == null || next.isEmpty() ? null : next;
  }

  @Override
  public InputStream open(String key) throws StorageException {
    Prefixes.requireKey(key);
    String what = "read '" + key + "'";
    ReadChannel channel = null;
    try {
      channel = storage.reader(BlobId.of(bucket, key));
      PushbackInputStream in = new PushbackInputStream(Channels.newInputStream(channel), 1);
      // The reader is lazy: read one byte now so that a missing object fails here, not later.
      int first = in.read();
      if (first >= 0) {
        in.unread(first);
      }
      return new GuardedInputStream(in, e -> failure(what, e), null);
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      throw failure(what, e);
    }
  }

  /** The client, for tests that check how it was built. */
  Storage client() {
    return storage;
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    try {
      storage.close();
    } catch (Exception e) {
      log.debug("{}: closing the client failed", description, secrets.scrub(e));
    }
  }

  StorageException failure(String what, Exception e) {
    BaseServiceException service = findService(e);
    String detail =
        service != null
            ? "HTTP " + service.getCode() + (service.getReason() != null
                ? " " + service.getReason() : "") + ": " + service.getMessage()
            : String.valueOf(e.getMessage());
    return new StorageException(
        kindOf(e),
        secrets.redact(description + ": cannot " + what + ": " + detail),
        secrets.scrub(e));
  }

  static StorageException.Kind kindOf(Throwable e) {
    BaseServiceException service = findService(e);
    if (service != null && service.getCode() > 0) {
      int code = service.getCode();
      if (code == 404) {
        return StorageException.Kind.NOT_FOUND;
      }
      if (code == 401 || code == 403) {
        return StorageException.Kind.PERMISSION;
      }
      if (code == 408 || code == 429 || code >= 500) {
        return StorageException.Kind.UNAVAILABLE;
      }
      return StorageException.Kind.OTHER;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      String name = t.getClass().getName();
      if (name.startsWith("com.google.auth.") || isTokenError(t.getMessage())) {
        return StorageException.Kind.PERMISSION;
      }
      if (t instanceof IOException) {
        return StorageException.Kind.UNAVAILABLE;
      }
    }
    return service != null && service.isRetryable()
        ? StorageException.Kind.UNAVAILABLE
        : StorageException.Kind.OTHER;
  }

  private static boolean isTokenError(String message) {
    return message != null
        && (message.contains("Error getting access token")
            || message.contains("invalid_grant"));
  }

  private static BaseServiceException findService(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BaseServiceException s) {
        return s;
      }
    }
    return null;
  }
}
