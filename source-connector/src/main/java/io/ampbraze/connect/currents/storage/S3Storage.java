package io.ampbraze.connect.currents.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Amazon S3 and S3-compatible stores (MinIO, Ceph, R2, emulators) through the AWS SDK v2 with
 * its synchronous Apache HTTP client. One listing call is one {@code ListObjectsV2} request
 * (with delimiter '/' for folders, without for files); {@link #open} is one {@code GetObject}.
 */
public final class S3Storage implements CurrentsStorage {
  private static final Logger log = LoggerFactory.getLogger(S3Storage.class);

  /** Region used with an endpoint override when none is configured: S3-compatibles ignore it. */
  static final Region FALLBACK_REGION = Region.US_EAST_1;

  /** Error codes that S3 answers with 400 but that mean the credentials are bad. */
  private static final Set<String> CREDENTIAL_ERRORS =
      Set.of(
          "ExpiredToken",
          "InvalidToken",
          "TokenRefreshRequired",
          "InvalidAccessKeyId",
          "SignatureDoesNotMatch",
          "AccessDenied",
          "AllAccessDisabled",
          "AccountProblem");

  /** Error codes that mean "try again later" whatever their status. */
  private static final Set<String> TRANSIENT_ERRORS =
      Set.of("SlowDown", "RequestTimeout", "RequestTimeTooSkewed", "InternalError", "Throttling");

  /** Everything S3Storage needs; secrets included, so never print a Settings. */
  public record Settings(
      String bucket,
      String region,
      URI endpoint,
      boolean pathStyle,
      String accessKeyId,
      String secretAccessKey,
      String sessionToken,
      Duration requestTimeout,
      int retries,
      int pageSize) {
    @Override
    public String toString() {
      return "S3Storage.Settings[bucket=" + bucket + "]";
    }
  }

  private final S3Client s3;
  private final AwsCredentialsProvider credentials;
  private final String bucket;
  private final int pageSize;
  private final String description;
  private final Secrets secrets;

  private S3Storage(
      S3Client s3,
      AwsCredentialsProvider credentials,
      String bucket,
      int pageSize,
      String description,
      Secrets secrets) {
    this.s3 = s3;
    this.credentials = credentials;
    this.bucket = bucket;
    this.pageSize = pageSize;
    this.description = description;
    this.secrets = secrets;
  }

  /** Builds the client; throws ConfigException when the SDK cannot be set up (e.g. no region). */
  public static S3Storage create(Settings settings) {
    return create(settings, List.of());
  }

  /** As {@link #create(Settings)}, with extra SDK interceptors (tests count requests with one). */
  static S3Storage create(Settings s, List<ExecutionInterceptor> interceptors) {
    Secrets secrets = Secrets.of(listOfNonNull(s.secretAccessKey(), s.sessionToken()));
    AwsCredentialsProvider credentials = credentialsProvider(s);
    Duration attempt = s.requestTimeout();
    S3ClientBuilder builder =
        S3Client.builder()
            .credentialsProvider(credentials)
            .forcePathStyle(s.pathStyle())
            .httpClientBuilder(
                ApacheHttpClient.builder()
                    .connectionTimeout(attempt)
                    .socketTimeout(attempt)
                    .connectionAcquisitionTimeout(attempt)
                    .maxConnections(16))
            .overrideConfiguration(
                c -> {
                  c.apiCallAttemptTimeout(attempt)
                      .apiCallTimeout(attempt.multipliedBy(s.retries() + 1L))
                      .retryStrategy(r -> r.maxAttempts(s.retries() + 1));
                  interceptors.forEach(c::addExecutionInterceptor);
                });
    if (s.endpoint() != null) {
      builder.endpointOverride(s.endpoint());
    }
    if (!blank(s.region())) {
      builder.region(Region.of(s.region()));
    } else if (s.endpoint() != null) {
      builder.region(FALLBACK_REGION);
    }
    String description = describe(s);
    S3Client client;
    try {
      client = builder.build();
    } catch (SdkClientException e) {
      closeQuietly(credentials);
      throw new ConfigException(
          description
              + ": cannot set up the S3 client: "
              + secrets.redact(e.getMessage())
              + (blank(s.region()) ? " (set " + StorageConfig.S3_REGION + ")" : ""));
    }
    log.info("Opened {}", description);
    return new S3Storage(client, credentials, s.bucket(), s.pageSize(), description, secrets);
  }

  private static AwsCredentialsProvider credentialsProvider(Settings s) {
    if (blank(s.accessKeyId())) {
      return DefaultCredentialsProvider.builder().build();
    }
    if (blank(s.sessionToken())) {
      return StaticCredentialsProvider.create(
          AwsBasicCredentials.create(s.accessKeyId(), s.secretAccessKey()));
    }
    return StaticCredentialsProvider.create(
        AwsSessionCredentials.create(s.accessKeyId(), s.secretAccessKey(), s.sessionToken()));
  }

  private static String describe(Settings s) {
    StringBuilder d = new StringBuilder("s3://").append(s.bucket());
    List<String> details = new ArrayList<>();
    if (!blank(s.region())) {
      details.add("region " + s.region());
    }
    if (s.endpoint() != null) {
      details.add("endpoint " + s.endpoint());
    }
    if (s.pathStyle()) {
      details.add("path-style");
    }
    if (!details.isEmpty()) {
      d.append(" (").append(String.join(", ", details)).append(')');
    }
    return d.toString();
  }

  @Override
  public ListPage<String> listFolders(String prefix, String pageToken) throws StorageException {
    Prefixes.requireFolder(prefix);
    ListObjectsV2Response page =
        list(prefix, pageToken, true, "list folders under '" + prefix + "'");
    List<String> folders = new ArrayList<>();
    for (CommonPrefix p : page.commonPrefixes()) {
      folders.add(p.prefix());
    }
    folders.sort(Prefixes.KEY_ORDER);
    return new ListPage<>(folders, nextToken(page));
  }

  @Override
  public ListPage<StorageObject> listFiles(String prefix, String pageToken)
      throws StorageException {
    Prefixes.requireValid(prefix);
    ListObjectsV2Response page = list(prefix, pageToken, false, "list files under '" + prefix + "'");
    List<StorageObject> files = new ArrayList<>();
    for (S3Object o : page.contents()) {
      if (!Prefixes.isFolderMarker(o.key())) {
        files.add(new StorageObject(o.key(), o.size(), o.lastModified()));
      }
    }
    files.sort(Prefixes.OBJECT_ORDER);
    return new ListPage<>(files, nextToken(page));
  }

  private ListObjectsV2Response list(
      String prefix, String pageToken, boolean folders, String what) throws StorageException {
    ListObjectsV2Request.Builder req =
        ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).maxKeys(pageSize);
    if (folders) {
      req.delimiter("/");
    }
    if (pageToken != null) {
      req.continuationToken(pageToken);
    }
    try {
      return s3.listObjectsV2(req.build());
    } catch (RuntimeException e) {
      throw failure(what, e);
    }
  }

  private static String nextToken(ListObjectsV2Response page) {
    return Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
  }

  @Override
  public InputStream open(String key) throws StorageException {
    Prefixes.requireKey(key);
    String what = "read '" + key + "'";
    ResponseInputStream<GetObjectResponse> body;
    try {
      body = s3.getObject(r -> r.bucket(bucket).key(key));
    } catch (RuntimeException e) {
      throw failure(what, e);
    }
    return new GuardedInputStream(body, e -> failure(what, e), body::abort);
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    s3.close();
    closeQuietly(credentials);
  }

  /** Maps an SDK (or stream) failure onto a StorageException naming the store and the key. */
  StorageException failure(String what, Exception e) {
    StorageException.Kind kind = kindOf(e);
    String detail;
    if (e instanceof AwsServiceException se && se.awsErrorDetails() != null) {
      detail =
          "HTTP "
              + se.statusCode()
              + " "
              + se.awsErrorDetails().errorCode()
              + ": "
              + se.awsErrorDetails().errorMessage()
              + (se.requestId() != null ? " (request id " + se.requestId() + ")" : "");
      if (se.statusCode() == 301 || "PermanentRedirect".equals(se.awsErrorDetails().errorCode())) {
        detail += "; the bucket is in another region than " + StorageConfig.S3_REGION + " says";
      }
    } else {
      detail = String.valueOf(e.getMessage());
    }
    return new StorageException(
        kind,
        secrets.redact(description + ": cannot " + what + ": " + detail),
        secrets.scrub(e));
  }

  static StorageException.Kind kindOf(Exception e) {
    if (e instanceof AwsServiceException se) {
      int status = se.statusCode();
      String code = se.awsErrorDetails() != null ? se.awsErrorDetails().errorCode() : null;
      if (status == 404) {
        return StorageException.Kind.NOT_FOUND;
      }
      if (status == 401 || status == 403 || CREDENTIAL_ERRORS.contains(code)) {
        return StorageException.Kind.PERMISSION;
      }
      if (status == 429 || status >= 500 || se.isThrottlingException()
          || TRANSIENT_ERRORS.contains(code)) {
        return StorageException.Kind.UNAVAILABLE;
      }
      return StorageException.Kind.OTHER;
    }
    if (e instanceof AbortedException) {
      return StorageException.Kind.OTHER;
    }
    if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
      return StorageException.Kind.UNAVAILABLE;
    }
    if (e instanceof SdkClientException && isCredentialsProblem(e)) {
      return StorageException.Kind.PERMISSION;
    }
    if (e instanceof SdkException || e instanceof IOException) {
      // Connection refused or reset, DNS, read timeouts, a stream cut short.
      return StorageException.Kind.UNAVAILABLE;
    }
    return StorageException.Kind.OTHER;
  }

  private static boolean isCredentialsProblem(Exception e) {
    String m = e.getMessage();
    return m != null && m.contains("Unable to load credentials");
  }

  private static List<String> listOfNonNull(String... values) {
    List<String> out = new ArrayList<>();
    for (String v : values) {
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }

  private static void closeQuietly(AwsCredentialsProvider p) {
    if (p instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception ignored) {
        // Nothing to do: the provider only held refresh threads.
      }
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
