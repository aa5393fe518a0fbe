package io.ampbraze.connect.currents.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.rest.PagedIterable;
import com.azure.core.http.rest.PagedResponse;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlobInputStreamOptions;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Azure Blob Storage (and Azurite) through azure-storage-blob on the JDK's HttpClient. One
 * listing call is one List Blobs request ({@code listBlobsByHierarchy("/")} for folders, {@code
 * listBlobs} for files), fetching exactly one page. {@link #open} reads the blob in ranged GETs of
 * {@value #READ_BLOCK_SIZE} bytes, the first of them sent before it returns.
 */
public final class AzureBlobStorage implements CurrentsStorage {
  private static final Logger log = LoggerFactory.getLogger(AzureBlobStorage.class);

  static final int READ_BLOCK_SIZE = 4 * 1024 * 1024;

  /** The metadata key by which hierarchical-namespace (ADLS Gen2) accounts mark a directory. */
  private static final String HNS_FOLDER = "hdi_isfolder";

  /** Everything AzureBlobStorage needs; secrets included, so never print a Settings. */
  public record Settings(
      String container,
      String connectionString,
      String accountName,
      String accountKey,
      String sasToken,
      URI endpoint,
      Duration requestTimeout,
      int retries,
      int pageSize) {
    @Override
    public String toString() {
      return "AzureBlobStorage.Settings[container=" + container + "]";
    }
  }

  private final BlobContainerClient container;
  private final int pageSize;
  private final Duration callTimeout;
  private final String description;
  private final Secrets secrets;

  private AzureBlobStorage(
      BlobContainerClient container,
      int pageSize,
      Duration callTimeout,
      String description,
      Secrets secrets) {
    this.container = container;
    this.pageSize = pageSize;
    this.callTimeout = callTimeout;
    this.description = description;
    this.secrets = secrets;
  }

  public static AzureBlobStorage create(Settings settings) {
    return create(settings, List.of());
  }

  /** As {@link #create(Settings)}, with extra pipeline policies (tests count requests). */
  static AzureBlobStorage create(Settings s, List<HttpPipelinePolicy> policies) {
    Secrets secrets = secretsOf(s);
    Duration attempt = s.requestTimeout();
    BlobContainerClientBuilder builder =
        new BlobContainerClientBuilder()
            .containerName(s.container())
            .httpClient(
                new JdkHttpClientBuilder()
                    .connectionTimeout(attempt)
                    .responseTimeout(attempt)
                    .readTimeout(attempt)
                    .writeTimeout(attempt)
                    .build())
            .retryOptions(
                new RequestRetryOptions(
                    RetryPolicyType.EXPONENTIAL,
                    s.retries() + 1,
                    attempt,
                    Duration.ofMillis(200),
                    Duration.ofSeconds(2),
                    null));
    policies.forEach(builder::addPolicy);
    String account;
    if (!blank(s.connectionString())) {
      builder.connectionString(s.connectionString());
      account = parseConnectionString(s.connectionString()).get("accountname");
    } else {
      account = s.accountName();
      if (!blank(s.accountKey())) {
        builder.credential(new StorageSharedKeyCredential(s.accountName(), s.accountKey()));
      } else if (!blank(s.sasToken())) {
        builder.sasToken(s.sasToken());
      } else {
        builder.setAnonymousAccess();
      }
      if (s.endpoint() == null) {
        builder.endpoint("https://" + s.accountName() + ".blob.core.windows.net");
      }
    }
    if (s.endpoint() != null) {
      builder.endpoint(s.endpoint().toString());
    }
    String description =
        "azure://"
            + (account != null ? account + "/" : "")
            + s.container()
            + (s.endpoint() != null ? " (endpoint " + s.endpoint() + ")" : "");
    BlobContainerClient client;
    try {
      client = builder.buildClient();
    } catch (RuntimeException e) {
      throw new ConfigException(
          description + ": cannot set up the Azure client: " + secrets.redact(e.getMessage()));
    }
    log.info("Opened {}", description);
    Duration callTimeout = attempt.multipliedBy(s.retries() + 1L).plusSeconds(2L * s.retries());
    return new AzureBlobStorage(client, s.pageSize(), callTimeout, description, secrets);
  }

  private static Secrets secretsOf(Settings s) {
    List<String> values = new ArrayList<>();
    for (String v : new String[] {s.connectionString(), s.accountKey(), s.sasToken()}) {
      if (!blank(v)) {
        values.add(v);
      }
    }
    if (!blank(s.connectionString())) {
      Map<String, String> parts = parseConnectionString(s.connectionString());
      for (String k : List.of("accountkey", "sharedaccesssignature")) {
        if (parts.get(k) != null) {
          values.add(parts.get(k));
        }
      }
    }
    if (!blank(s.sasToken())) {
      values.add(s.sasToken().startsWith("?") ? s.sasToken().substring(1) : s.sasToken());
    }
    return Secrets.of(values);
  }

  /**
   * The {@code Key=Value;...} pairs of a connection string, keys in lower case. Values are kept
   * as they are (an account key ends in '=').
   */
  static Map<String, String> parseConnectionString(String connectionString) {
    Map<String, String> parts = new TreeMap<>();
    for (String part : connectionString.split(";")) {
      if (part.isBlank()) {
        continue;
      }
      int eq = part.indexOf('=');
      String key = (eq < 0 ? part : part.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
      parts.put(key, eq < 0 ? null : part.substring(eq + 1).trim());
    }
    return parts;
  }

  /** Why a connection string cannot work, or null. Never quotes a value. */
  static String connectionStringProblem(String connectionString) {
    Map<String, String> parts = parseConnectionString(connectionString);
    for (Map.Entry<String, String> e : parts.entrySet()) {
      if (e.getValue() == null) {
        return "is not a list of Key=Value pairs separated by ';'";
      }
    }
    if ("true".equalsIgnoreCase(parts.get("usedevelopmentstorage"))) {
      return null;
    }
    boolean key = parts.containsKey("accountkey");
    boolean sas = parts.containsKey("sharedaccesssignature");
    if (key && !parts.containsKey("accountname")) {
      return "has an AccountKey but no AccountName";
    }
    if (key && !isBase64(parts.get("accountkey"))) {
      return "has an AccountKey that is not base64";
    }
    if (!key && !sas) {
      return "has neither AccountName/AccountKey nor SharedAccessSignature";
    }
    if (!parts.containsKey("blobendpoint") && !parts.containsKey("accountname")) {
      return "has neither BlobEndpoint nor AccountName";
    }
    return null;
  }

  static boolean isBase64(String value) {
    try {
      return value != null && !value.isBlank() && Base64.getDecoder().decode(value).length > 0;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public ListPage<String> listFolders(String prefix, String pageToken) throws StorageException {
    Prefixes.requireFolder(prefix);
    String what = "list folders under '" + prefix + "'";
    ListBlobsOptions options = new ListBlobsOptions().setMaxResultsPerPage(pageSize);
    if (!prefix.isEmpty()) {
      options.setPrefix(prefix);
    }
    PagedResponse<BlobItem> page;
    try {
      page = firstPage(container.listBlobsByHierarchy("/", options, callTimeout), pageToken);
    } catch (RuntimeException e) {
      throw failure(what, e);
    }
    List<String> folders = new ArrayList<>();
    for (BlobItem item : page.getValue()) {
      if (Boolean.TRUE.equals(item.isPrefix())) {
        folders.add(item.getName());
      }
    }
    folders.sort(Prefixes.KEY_ORDER);
    return new ListPage<>(folders, nextToken(page));
  }

  @Override
  public ListPage<StorageObject> listFiles(String prefix, String pageToken)
      throws StorageException {
    Prefixes.requireValid(prefix);
    String what = "list files under '" + prefix + "'";
    ListBlobsOptions options =
        new ListBlobsOptions()
            .setMaxResultsPerPage(pageSize)
            .setDetails(new BlobListDetails().setRetrieveMetadata(true));
    if (!prefix.isEmpty()) {
      options.setPrefix(prefix);
    }
    PagedResponse<BlobItem> page;
    try {
      page = firstPage(container.listBlobs(options, null, callTimeout), pageToken);
    } catch (RuntimeException e) {
      throw failure(what, e);
    }
    List<StorageObject> files = new ArrayList<>();
    for (BlobItem item : page.getValue()) {
      if (Prefixes.isFolderMarker(item.getName())
          || (item.getMetadata() != null && "true".equals(item.getMetadata().get(HNS_FOLDER)))) {
        continue;
      }
      Long size = item.getProperties().getContentLength();
      files.add(
          new StorageObject(
              item.getName(),
              size == null ? 0 : size,
              item.getProperties().getLastModified().toInstant()));
    }
    files.sort(Prefixes.OBJECT_ORDER);
    return new ListPage<>(files, nextToken(page));
  }

  /** Takes exactly one page: iterating the PagedIterable further would send more requests. */
  private static PagedResponse<BlobItem> firstPage(
      PagedIterable<BlobItem> pages, String pageToken) {
    Iterable<PagedResponse<BlobItem>> byPage =
        pageToken == null ? pages.iterableByPage() : pages.iterableByPage(pageToken);
    Iterator<PagedResponse<BlobItem>> it = byPage.iterator();
    if (!it.hasNext()) {
      throw new IllegalStateException("the listing returned no page");
    }
    return it.next();
  }

  private static String nextToken(PagedResponse<BlobItem> page) {
    String next = page.getContinuationToken();
    return next == null || next.isEmpty() ? null : next;
  }

  @Override
  public InputStream open(String key) throws StorageException {
    Prefixes.requireKey(key);
    String what = "read '" + key + "'";
    try {
      InputStream in =
          container
              .getBlobClient(key)
              .openInputStream(new BlobInputStreamOptions().setBlockSize(READ_BLOCK_SIZE));
      return new GuardedInputStream(in, e -> failure(what, e), null);
    } catch (RuntimeException e) {
      throw failure(what, e);
    }
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    // The client holds no resources of its own: the JDK HttpClient is shared and idle-closing.
  }

  StorageException failure(String what, Exception e) {
    HttpResponseException http = findHttp(e);
    String detail;
    if (http instanceof BlobStorageException b) {
      detail = "HTTP " + b.getStatusCode() + " " + b.getErrorCode();
    } else if (http != null) {
      detail = "HTTP " + http.getResponse().getStatusCode();
    } else {
      detail = String.valueOf(rootMessage(e));
    }
    return new StorageException(
        kindOf(e),
        secrets.redact(description + ": cannot " + what + ": " + detail),
        secrets.scrub(e));
  }

  static StorageException.Kind kindOf(Throwable e) {
    HttpResponseException http = findHttp(e);
    if (http != null && http.getResponse() != null) {
      int status = http.getResponse().getStatusCode();
      if (status == 404) {
        return StorageException.Kind.NOT_FOUND;
      }
      if (status == 401 || status == 403) {
        return StorageException.Kind.PERMISSION;
      }
      if (status == 408 || status == 429 || status >= 500) {
        return StorageException.Kind.UNAVAILABLE;
      }
      return StorageException.Kind.OTHER;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException
          || t instanceof UncheckedIOException
          || t instanceof TimeoutException
          || (t instanceof IllegalStateException && String.valueOf(t.getMessage())
              .contains("Timeout"))) {
        return StorageException.Kind.UNAVAILABLE;
      }
    }
    return StorageException.Kind.OTHER;
  }

  private static HttpResponseException findHttp(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpResponseException h) {
        return h;
      }
    }
    return null;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    String message = e.getMessage();
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
      if (t.getMessage() != null) {
        message = t.getMessage();
      }
    }
    return message != null ? message : e.getClass().getSimpleName();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
