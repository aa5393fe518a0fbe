package io.ampbraze.connect.currents.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;

/**
 * The storage part of the source connector's configuration: which store, where, and how to
 * authenticate. The connector's config calls {@link #define} to add these keys to its ConfigDef,
 * {@link #validate} from {@code Connector.validate()}, and {@link #open} in each task.
 *
 * <p>Secrets are {@code PASSWORD} keys. No message built here quotes a configured value.
 */
public final class StorageConfig {
  public static final String GROUP = "Storage";
  public static final String S3_GROUP = "Storage: S3";
  public static final String GCS_GROUP = "Storage: GCS";
  public static final String AZURE_GROUP = "Storage: Azure Blob";

  public static final String STORAGE = "currents.storage";
  public static final String BUCKET = "currents.bucket";
  public static final String LOCAL_ROOT = "currents.local.root";
  public static final String REQUEST_TIMEOUT_MS = "currents.storage.request.timeout.ms";
  public static final String RETRIES = "currents.storage.retries";
  public static final String LIST_PAGE_SIZE = "currents.storage.list.page.size";

  public static final String S3_REGION = "s3.region";
  public static final String S3_ENDPOINT_URL = "s3.endpoint.url";
  public static final String S3_PATH_STYLE_ACCESS = "s3.path.style.access";
  public static final String S3_ACCESS_KEY_ID = "s3.access.key.id";
  public static final String S3_SECRET_ACCESS_KEY = "s3.secret.access.key";
  public static final String S3_SESSION_TOKEN = "s3.session.token";

  public static final String GCS_PROJECT_ID = "gcs.project.id";
  public static final String GCS_CREDENTIALS_JSON = "gcs.credentials.json";
  public static final String GCS_ENDPOINT_URL = "gcs.endpoint.url";

  public static final String AZURE_CONNECTION_STRING = "azure.connection.string";
  public static final String AZURE_ACCOUNT_NAME = "azure.account.name";
  public static final String AZURE_ACCOUNT_KEY = "azure.account.key";
  public static final String AZURE_SAS_TOKEN = "azure.sas.token";
  public static final String AZURE_ENDPOINT_URL = "azure.endpoint.url";

  public static final String S3 = "s3";
  public static final String GCS = "gcs";
  public static final String AZURE = "azure";
  public static final String LOCAL = "local";

  public static final int DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
  public static final int DEFAULT_RETRIES = 2;
  public static final int MAX_PAGE_SIZE = 1000;

  private static final Pattern AZURE_CONTAINER = Pattern.compile("[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]");
  private static final Pattern AZURE_ACCOUNT = Pattern.compile("[a-z0-9]{3,24}");
  private static final Pattern S3_REGION_NAME = Pattern.compile("[A-Za-z0-9._-]+");
  /** A value still written as a config-provider reference, e.g. ${file:/secrets:key}. */
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}]+}");

  private StorageConfig() {}

  /** Adds the storage keys to {@code def} and returns it. */
  public static ConfigDef define(ConfigDef def) {
    int order = 0;
    def.define(
            STORAGE,
            Type.STRING,
            ConfigDef.NO_DEFAULT_VALUE,
            ConfigDef.ValidString.in(S3, GCS, AZURE, LOCAL),
            Importance.HIGH,
            "Where Braze Currents writes its Avro files: 's3' (Amazon S3 or an S3-compatible store"
                + " such as MinIO), 'gcs' (Google Cloud Storage), 'azure' (Azure Blob Storage) or"
                + " 'local' (a folder on the worker's filesystem, for development and tests). The"
                + " keys of the chosen store apply; those of the other stores are ignored.",
            GROUP,
            ++order,
            Width.SHORT,
            "Storage")
        .define(
            BUCKET,
            Type.STRING,
            "",
            Importance.HIGH,
            "The S3 or GCS bucket, or the Azure Blob container, that Currents writes to: the"
                + " name only, without scheme or path (the path goes into currents.prefix)."
                + " Required unless currents.storage=local.",
            GROUP,
            ++order,
            Width.MEDIUM,
            "Bucket or container",
            new VisibleFor(S3, GCS, AZURE))
        .define(
            LOCAL_ROOT,
            Type.STRING,
            "",
            Importance.MEDIUM,
            "The folder that stands in for the bucket when currents.storage=local: object keys"
                + " are paths relative to it. It must exist on every worker that runs a task;"
                + " a missing folder makes listings fail as a missing bucket would.",
            GROUP,
            ++order,
            Width.LONG,
            "Local root",
            new VisibleFor(LOCAL))
        .define(
            REQUEST_TIMEOUT_MS,
            Type.INT,
            DEFAULT_REQUEST_TIMEOUT_MS,
            Range.between(100, 600_000),
            Importance.LOW,
            "Timeout in milliseconds of one request attempt to the store: connecting, waiting for"
                + " the answer, and each read of an object's bytes. With retries, one listing or"
                + " open call gives up after about this timeout times (1 + "
                + RETRIES
                + "), and the connector then retries the whole poll with its own backoff.",
            GROUP,
            ++order,
            Width.SHORT,
            "Request timeout (ms)",
            new VisibleFor(S3, GCS, AZURE))
        .define(
            RETRIES,
            Type.INT,
            DEFAULT_RETRIES,
            Range.between(0, 10),
            Importance.LOW,
            "How many times the cloud SDK itself retries a failed request (throttling, 5xx,"
                + " timeouts, connection errors) before the call fails, with exponential backoff"
                + " from 200 ms up to 2 s. Kept small on purpose: the task retries failed polls"
                + " with backoff and reports the failure in its status meanwhile.",
            GROUP,
            ++order,
            Width.SHORT,
            "SDK retries",
            new VisibleFor(S3, GCS, AZURE))
        .define(
            LIST_PAGE_SIZE,
            Type.INT,
            MAX_PAGE_SIZE,
            Range.between(1, MAX_PAGE_SIZE),
            Importance.LOW,
            "Most entries one listing request returns (S3 MaxKeys, GCS maxResults, Azure"
                + " maxresults; 1000 is the most S3 and GCS allow). A listing of N entries costs"
                + " ceil(N / page size) requests, so lower values only cost more requests.",
            GROUP,
            ++order,
            Width.SHORT,
            "Listing page size");

    order = 0;
    def.define(
            S3_REGION,
            Type.STRING,
            "",
            Importance.MEDIUM,
            "AWS region of the bucket, e.g. 'us-east-1'. Empty: the AWS SDK's default region"
                + " chain (AWS_REGION environment variable, aws.region system property, AWS"
                + " profile, instance metadata), or 'us-east-1' when s3.endpoint.url is set."
                + " A wrong region makes S3 answer with a redirect, reported as an error.",
            S3_GROUP,
            ++order,
            Width.SHORT,
            "Region",
            new VisibleFor(S3))
        .define(
            S3_ENDPOINT_URL,
            Type.STRING,
            "",
            Importance.MEDIUM,
            "Endpoint URL that replaces AWS's, for S3-compatible stores (MinIO, Ceph, Cloudflare"
                + " R2, ...), VPC endpoints and emulators, e.g. 'http://minio:9000'. Must be an"
                + " http:// or https:// URL without user info, query or fragment. Empty: AWS.",
            S3_GROUP,
            ++order,
            Width.LONG,
            "Endpoint URL",
            new VisibleFor(S3))
        .define(
            S3_PATH_STYLE_ACCESS,
            Type.BOOLEAN,
            false,
            Importance.LOW,
            "Address the bucket in the URL path (http://host/bucket/key) instead of the host"
                + " name (http://bucket.host/key). Most S3-compatible stores and emulators need"
                + " true.",
            S3_GROUP,
            ++order,
            Width.SHORT,
            "Path-style access",
            new VisibleFor(S3))
        .define(
            S3_ACCESS_KEY_ID,
            Type.STRING,
            "",
            Importance.MEDIUM,
            "Access key id of static credentials, together with s3.secret.access.key. Empty: the"
                + " AWS SDK's default credentials chain (environment variables, system"
                + " properties, web identity token, AWS profile, container or instance role).",
            S3_GROUP,
            ++order,
            Width.MEDIUM,
            "Access key id",
            new VisibleFor(S3))
        .define(
            S3_SECRET_ACCESS_KEY,
            Type.PASSWORD,
            null,
            Importance.MEDIUM,
            "Secret access key that goes with s3.access.key.id. Never logged or shown.",
            S3_GROUP,
            ++order,
            Width.MEDIUM,
            "Secret access key",
            new VisibleFor(S3))
        .define(
            S3_SESSION_TOKEN,
            Type.PASSWORD,
            null,
            Importance.LOW,
            "Session token of temporary credentials (STS), together with s3.access.key.id and"
                + " s3.secret.access.key. Temporary credentials expire: prefer the default chain"
                + " for them where it can refresh them. Never logged or shown.",
            S3_GROUP,
            ++order,
            Width.MEDIUM,
            "Session token",
            new VisibleFor(S3));

    order = 0;
    def.define(
            GCS_PROJECT_ID,
            Type.STRING,
            "",
            Importance.LOW,
            "Google Cloud project the client works for. Listing and reading a bucket do not"
                + " need it; empty: the project_id of the service-account key, else the one the"
                + " environment names.",
            GCS_GROUP,
            ++order,
            Width.MEDIUM,
            "Project id",
            new VisibleFor(GCS))
        .define(
            GCS_CREDENTIALS_JSON,
            Type.PASSWORD,
            null,
            Importance.MEDIUM,
            "Content of a Google service-account key file (type service_account) or authorized"
                + " user file (type authorized_user), as JSON text. Empty: application default"
                + " credentials (GOOGLE_APPLICATION_CREDENTIALS, gcloud's login, or the metadata"
                + " server on Google Cloud). Never logged or shown; a config provider such as"
                + " ${file:...} keeps it out of the connector config.",
            GCS_GROUP,
            ++order,
            Width.LONG,
            "Credentials JSON",
            new VisibleFor(GCS))
        .define(
            GCS_ENDPOINT_URL,
            Type.STRING,
            "",
            Importance.LOW,
            "Endpoint URL that replaces https://storage.googleapis.com, for Private Service"
                + " Connect endpoints and emulators such as fake-gcs-server. With an endpoint and"
                + " no credentials found, requests are sent without credentials.",
            GCS_GROUP,
            ++order,
            Width.LONG,
            "Endpoint URL",
            new VisibleFor(GCS));

    order = 0;
    def.define(
            AZURE_CONNECTION_STRING,
            Type.PASSWORD,
            null,
            Importance.MEDIUM,
            "Azure Storage connection string (DefaultEndpointsProtocol=...;AccountName=...;"
                + "AccountKey=...;EndpointSuffix=... or one with SharedAccessSignature=...)."
                + " Either this or azure.account.name. Never logged or shown.",
            AZURE_GROUP,
            ++order,
            Width.LONG,
            "Connection string",
            new VisibleFor(AZURE))
        .define(
            AZURE_ACCOUNT_NAME,
            Type.STRING,
            "",
            Importance.MEDIUM,
            "Storage account name, when no connection string is given; used with"
                + " azure.account.key (shared key) or azure.sas.token, or alone for a container"
                + " that allows anonymous read access. The endpoint is"
                + " https://<account>.blob.core.windows.net unless azure.endpoint.url says"
                + " otherwise.",
            AZURE_GROUP,
            ++order,
            Width.MEDIUM,
            "Account name",
            new VisibleFor(AZURE))
        .define(
            AZURE_ACCOUNT_KEY,
            Type.PASSWORD,
            null,
            Importance.MEDIUM,
            "Shared key (base64) of the storage account named by azure.account.name. Never logged"
                + " or shown.",
            AZURE_GROUP,
            ++order,
            Width.MEDIUM,
            "Account key",
            new VisibleFor(AZURE))
        .define(
            AZURE_SAS_TOKEN,
            Type.PASSWORD,
            null,
            Importance.MEDIUM,
            "Shared access signature for the container (the query string, with or without a"
                + " leading '?'), with List and Read permissions; used with azure.account.name"
                + " instead of an account key. Never logged or shown.",
            AZURE_GROUP,
            ++order,
            Width.LONG,
            "SAS token",
            new VisibleFor(AZURE))
        .define(
            AZURE_ENDPOINT_URL,
            Type.STRING,
            "",
            Importance.LOW,
            "Blob service endpoint URL that replaces the account's default one, for sovereign"
                + " clouds, private endpoints and the Azurite emulator (e.g."
                + " 'http://127.0.0.1:10000/devstoreaccount1'). Overrides the connection"
                + " string's endpoint too.",
            AZURE_GROUP,
            ++order,
            Width.LONG,
            "Endpoint URL",
            new VisibleFor(AZURE));
    return def;
  }

  /** Cross-key checks; adds error messages to the offending keys in {@code results}. */
  public static void validate(Map<String, String> props, Map<String, ConfigValue> results) {
    String storage = trimmed(props.get(STORAGE));
    if (storage == null) {
      return; // ConfigDef already reports the missing required key
    }
    switch (storage) {
      case LOCAL -> {
        if (blank(props.get(LOCAL_ROOT))) {
          addError(results, LOCAL_ROOT, LOCAL_ROOT + " is required when " + STORAGE + "=local");
        }
      }
      case S3 -> {
        validateBucket(props, results, storage);
        validateS3(props, results);
      }
      case GCS -> {
        validateBucket(props, results, storage);
        validateGcs(props, results);
      }
      case AZURE -> {
        validateBucket(props, results, storage);
        validateAzure(props, results);
      }
      default -> {
        // ConfigDef's ValidString reports it
      }
    }
  }

  private static void validateBucket(
      Map<String, String> props, Map<String, ConfigValue> results, String storage) {
    String bucket = trimmed(props.get(BUCKET));
    if (bucket == null) {
      addError(results, BUCKET, BUCKET + " is required when " + STORAGE + "=" + storage);
    } else if (bucket.contains("/") || bucket.contains(":")) {
      addError(
          results,
          BUCKET,
          BUCKET
              + " must be the bucket or container name only, without scheme or path; put the"
              + " path into currents.prefix");
    } else if (AZURE.equals(storage) && !AZURE_CONTAINER.matcher(bucket).matches()) {
      addError(
          results,
          BUCKET,
          BUCKET
              + " is not a valid Azure container name: 3 to 63 lower-case letters, digits and"
              + " single hyphens, starting and ending with a letter or digit");
    }
  }

  private static void validateS3(Map<String, String> props, Map<String, ConfigValue> results) {
    String region = trimmed(props.get(S3_REGION));
    if (region != null && !S3_REGION_NAME.matcher(region).matches()) {
      addError(results, S3_REGION, S3_REGION + " is not a region name, e.g. us-east-1");
    }
    validateEndpoint(props, results, S3_ENDPOINT_URL);
    boolean id = !blank(props.get(S3_ACCESS_KEY_ID));
    boolean secret = !blank(props.get(S3_SECRET_ACCESS_KEY));
    boolean token = !blank(props.get(S3_SESSION_TOKEN));
    if (id && !secret) {
      addError(
          results,
          S3_SECRET_ACCESS_KEY,
          S3_SECRET_ACCESS_KEY + " is required when " + S3_ACCESS_KEY_ID + " is set");
    }
    if (secret && !id) {
      addError(
          results,
          S3_ACCESS_KEY_ID,
          S3_ACCESS_KEY_ID + " is required when " + S3_SECRET_ACCESS_KEY + " is set");
    }
    if (token && !(id && secret)) {
      addError(
          results,
          S3_SESSION_TOKEN,
          S3_SESSION_TOKEN
              + " needs "
              + S3_ACCESS_KEY_ID
              + " and "
              + S3_SECRET_ACCESS_KEY
              + " (temporary credentials come as all three)");
    }
  }

  private static void validateGcs(Map<String, String> props, Map<String, ConfigValue> results) {
    validateEndpoint(props, results, GCS_ENDPOINT_URL);
    String json = props.get(GCS_CREDENTIALS_JSON);
    if (blank(json) || isPlaceholder(json)) {
      return;
    }
    String problem = GcsStorage.credentialsProblem(json);
    if (problem == null) {
      try {
        GcsStorage.loadCredentials(json);
      } catch (Exception e) {
        problem =
            "cannot be loaded: "
                + Secrets.of(List.of(json)).redact(String.valueOf(e.getMessage()));
      }
    }
    if (problem != null) {
      addError(results, GCS_CREDENTIALS_JSON, GCS_CREDENTIALS_JSON + " " + problem);
    }
  }

  private static void validateAzure(Map<String, String> props, Map<String, ConfigValue> results) {
    validateEndpoint(props, results, AZURE_ENDPOINT_URL);
    String cs = props.get(AZURE_CONNECTION_STRING);
    String name = trimmed(props.get(AZURE_ACCOUNT_NAME));
    String key = props.get(AZURE_ACCOUNT_KEY);
    String sas = props.get(AZURE_SAS_TOKEN);
    if (!blank(cs)) {
      if (name != null || !blank(key) || !blank(sas)) {
        addError(
            results,
            AZURE_CONNECTION_STRING,
            "set either "
                + AZURE_CONNECTION_STRING
                + " or "
                + AZURE_ACCOUNT_NAME
                + " (with "
                + AZURE_ACCOUNT_KEY
                + " or "
                + AZURE_SAS_TOKEN
                + "), not both");
      }
      String problem = isPlaceholder(cs) ? null : AzureBlobStorage.connectionStringProblem(cs);
      if (problem != null) {
        addError(results, AZURE_CONNECTION_STRING, AZURE_CONNECTION_STRING + " " + problem);
      }
      return;
    }
    if (name == null) {
      addError(
          results,
          AZURE_ACCOUNT_NAME,
          AZURE_ACCOUNT_NAME
              + " is required when "
              + STORAGE
              + "=azure and no "
              + AZURE_CONNECTION_STRING
              + " is set"
              + (!blank(key) || !blank(sas) ? " (the account key or SAS token belongs to it)" : ""));
    } else if (!AZURE_ACCOUNT.matcher(name).matches()) {
      addError(
          results,
          AZURE_ACCOUNT_NAME,
          AZURE_ACCOUNT_NAME + " is not a storage account name: 3 to 24 lower-case letters and"
              + " digits");
    }
    if (!blank(key) && !blank(sas)) {
      addError(
          results,
          AZURE_SAS_TOKEN,
          "set either " + AZURE_ACCOUNT_KEY + " or " + AZURE_SAS_TOKEN + ", not both");
    }
    if (!blank(key) && !isPlaceholder(key) && !AzureBlobStorage.isBase64(key.trim())) {
      addError(results, AZURE_ACCOUNT_KEY, AZURE_ACCOUNT_KEY + " is not base64");
    }
    if (!blank(sas) && !isPlaceholder(sas) && !sas.contains("sig=")) {
      addError(
          results,
          AZURE_SAS_TOKEN,
          AZURE_SAS_TOKEN + " is not a SAS token (it has no sig= parameter)");
    }
  }

  private static void validateEndpoint(
      Map<String, String> props, Map<String, ConfigValue> results, String key) {
    String url = trimmed(props.get(key));
    if (url != null) {
      String problem = endpointProblem(url);
      if (problem != null) {
        addError(results, key, key + " " + problem);
      }
    }
  }

  /** Why {@code url} cannot be an endpoint, or null. Never quotes it (it might hold a secret). */
  static String endpointProblem(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return "is not a valid URL";
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return "must be an http:// or https:// URL";
    }
    if (uri.getRawUserInfo() != null) {
      return "must not contain credentials (user:password@); use the credential keys";
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return "has no host name";
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      return "must not have a query or fragment (a SAS token goes into " + AZURE_SAS_TOKEN + ")";
    }
    return null;
  }

  /** Opens the configured store; a ConfigException says what keeps it from opening. */
  public static CurrentsStorage open(AbstractConfig config) {
    String storage = config.getString(STORAGE);
    Duration timeout = Duration.ofMillis(config.getInt(REQUEST_TIMEOUT_MS));
    int retries = config.getInt(RETRIES);
    int pageSize = config.getInt(LIST_PAGE_SIZE);
    String bucket = config.getString(BUCKET).trim();
    return switch (storage) {
      case LOCAL -> new LocalStorage(Path.of(config.getString(LOCAL_ROOT).trim()), pageSize);
      case S3 ->
          S3Storage.create(
              new S3Storage.Settings(
                  bucket,
                  trimmed(config.getString(S3_REGION)),
                  endpoint(config, S3_ENDPOINT_URL),
                  config.getBoolean(S3_PATH_STYLE_ACCESS),
                  trimmed(config.getString(S3_ACCESS_KEY_ID)),
                  secret(config, S3_SECRET_ACCESS_KEY),
                  secret(config, S3_SESSION_TOKEN),
                  timeout,
                  retries,
                  pageSize));
      case GCS ->
          GcsStorage.create(
              new GcsStorage.Settings(
                  bucket,
                  trimmed(config.getString(GCS_PROJECT_ID)),
                  secret(config, GCS_CREDENTIALS_JSON),
                  endpoint(config, GCS_ENDPOINT_URL),
                  timeout,
                  retries,
                  pageSize));
      case AZURE ->
          AzureBlobStorage.create(
              new AzureBlobStorage.Settings(
                  bucket,
                  secret(config, AZURE_CONNECTION_STRING),
                  trimmed(config.getString(AZURE_ACCOUNT_NAME)),
                  secret(config, AZURE_ACCOUNT_KEY),
                  secret(config, AZURE_SAS_TOKEN),
                  endpoint(config, AZURE_ENDPOINT_URL),
                  timeout,
                  retries,
                  pageSize));
      default -> throw new ConfigException(STORAGE + " must be one of s3, gcs, azure, local");
    };
  }

  private static URI endpoint(AbstractConfig config, String key) {
    String url = trimmed(config.getString(key));
    if (url == null) {
      return null;
    }
    String problem = endpointProblem(url);
    if (problem != null) {
      throw new ConfigException(key + " " + problem);
    }
    // No trailing '/': the SDKs append their own paths.
    return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
  }

  private static String secret(AbstractConfig config, String key) {
    Password p = config.getPassword(key);
    return p == null || p.value() == null || p.value().isBlank() ? null : p.value().trim();
  }

  private static boolean isPlaceholder(String value) {
    return PLACEHOLDER.matcher(value.trim()).matches();
  }

  private static String trimmed(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static void addError(Map<String, ConfigValue> results, String key, String message) {
    results.computeIfAbsent(key, ConfigValue::new).addErrorMessage(message);
  }

  /** Shows a key in UIs only when currents.storage is one of the given stores. */
  private record VisibleFor(Set<String> stores) implements ConfigDef.Recommender {
    VisibleFor(String... stores) {
      this(Set.of(stores));
    }

    @Override
    public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
      return List.of();
    }

    @Override
    public boolean visible(String name, Map<String, Object> parsedConfig) {
      Object storage = parsedConfig.get(STORAGE);
      return storage == null || stores.contains(storage.toString());
    }
  }
}
