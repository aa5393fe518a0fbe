package io.ampbraze.connect.currents.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageConfigTest {
  static final ConfigDef DEF = StorageConfig.define(new ConfigDef());
  static final String ACCOUNT_KEY = AzuriteServer.KEY;

  /** Runs the ConfigDef's own checks and then the cross-key checks, as Connector.validate does. */
  static Map<String, List<String>> errors(Map<String, String> props) {
    Map<String, ConfigValue> results =
        DEF.validateAll(props).values().stream()
            .collect(Collectors.toMap(ConfigValue::name, v -> v, (a, b) -> a, HashMap::new));
    StorageConfig.validate(props, results);
    Map<String, List<String>> errors = new HashMap<>();
    results.forEach(
        (k, v) -> {
          if (!v.errorMessages().isEmpty()) {
            errors.put(k, v.errorMessages());
          }
        });
    return errors;
  }

  static Map<String, String> props(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void definesEveryStorageKeyWithDocs() {
    assertThat(DEF.names())
        .containsExactlyInAnyOrder(
            "currents.storage", "currents.bucket", "currents.local.root",
            "currents.storage.request.timeout.ms", "currents.storage.retries",
            "currents.storage.list.page.size",
            "s3.region", "s3.endpoint.url", "s3.path.style.access", "s3.access.key.id",
            "s3.secret.access.key", "s3.session.token",
            "gcs.project.id", "gcs.credentials.json", "gcs.endpoint.url",
            "azure.connection.string", "azure.account.name", "azure.account.key",
            "azure.sas.token", "azure.endpoint.url");
    DEF.configKeys().values().forEach(k -> assertThat(k.documentation).as(k.name).hasSizeGreaterThan(40));
    for (String secret :
        List.of("s3.secret.access.key", "s3.session.token", "gcs.credentials.json",
            "azure.connection.string", "azure.account.key", "azure.sas.token")) {
      assertThat(DEF.configKeys().get(secret).type).as(secret).isEqualTo(ConfigDef.Type.PASSWORD);
    }
  }

  @Test
  void storageIsRequiredAndOneOfFour() {
    assertThat(errors(props())).containsKey("currents.storage");
    assertThat(errors(props("currents.storage", "ftp")).get("currents.storage")).isNotEmpty();
    assertThat(errors(props("currents.storage", "local", "currents.local.root", "/data")))
        .isEmpty();
  }

  @Test
  void localNeedsARoot() {
    assertThat(errors(props("currents.storage", "local")).get("currents.local.root"))
        .containsExactly("currents.local.root is required when currents.storage=local");
  }

  @Test
  void cloudStoresNeedABucketNameWithoutPath() {
    for (String store : List.of("s3", "gcs", "azure")) {
      assertThat(errors(props("currents.storage", store)).get("currents.bucket"))
          .as(store)
          .containsExactly("currents.bucket is required when currents.storage=" + store);
      assertThat(errors(props("currents.storage", store, "currents.bucket", "b/currents")))
          .as(store)
          .containsKey("currents.bucket");
      assertThat(errors(props("currents.storage", store, "currents.bucket", "s3://bucket")))
          .as(store)
          .containsKey("currents.bucket");
    }
    assertThat(errors(props("currents.storage", "s3", "currents.bucket", "my.bucket_1")))
        .isEmpty();
  }

  @Test
  void azureContainerNamesFollowAzureRules() {
    for (String bad : List.of("Upper", "ab", "a--b", "-ab", "ab-", "a_b")) {
      assertThat(
              errors(props("currents.storage", "azure", "currents.bucket", bad,
                  "azure.account.name", "acct")))
          .as(bad)
          .containsOnlyKeys("currents.bucket");
    }
    assertThat(
            errors(props("currents.storage", "azure", "currents.bucket", "currents-1",
                "azure.account.name", "acct")))
        .isEmpty();
  }

  @Test
  void endpointsMustBeHttpUrlsWithoutSecretsOrQueries() {
    Map<String, String> stores =
        Map.of("s3", "s3.endpoint.url", "gcs", "gcs.endpoint.url", "azure", "azure.endpoint.url");
    for (Map.Entry<String, String> e : stores.entrySet()) {
      for (String bad :
          List.of("not a url", "ftp://host", "http://", "http://user:pw@host:9000",
              "https://host/?sig=abc", "localhost:9000")) {
        Map<String, String> p =
            props("currents.storage", e.getKey(), "currents.bucket", "bucket", e.getValue(), bad,
                "azure.account.name", "acct");
        assertThat(errors(p).get(e.getValue())).as(e.getValue() + "=" + bad).hasSize(1);
        assertThat(errors(p).get(e.getValue()).get(0)).doesNotContain("pw").doesNotContain("sig=abc");
      }
      Map<String, String> ok =
          props("currents.storage", e.getKey(), "currents.bucket", "bucket", e.getValue(),
              "http://127.0.0.1:9000/devstoreaccount1", "azure.account.name", "acct");
      assertThat(errors(ok)).as(e.getKey()).isEmpty();
    }
  }

  @Test
  void s3KeysComeInPairs() {
    Map<String, String> base = props("currents.storage", "s3", "currents.bucket", "b");
    Map<String, String> idOnly = new HashMap<>(base);
    idOnly.put("s3.access.key.id", "AKIA1");
    assertThat(errors(idOnly)).containsOnlyKeys("s3.secret.access.key");
    Map<String, String> secretOnly = new HashMap<>(base);
    secretOnly.put("s3.secret.access.key", "s3cr3t-value");
    assertThat(errors(secretOnly)).containsOnlyKeys("s3.access.key.id");
    assertThat(errors(secretOnly).get("s3.access.key.id").get(0)).doesNotContain("s3cr3t-value");
    Map<String, String> tokenOnly = new HashMap<>(base);
    tokenOnly.put("s3.session.token", "token-value");
    assertThat(errors(tokenOnly)).containsOnlyKeys("s3.session.token");
    Map<String, String> all = new HashMap<>(secretOnly);
    all.put("s3.access.key.id", "AKIA1");
    all.put("s3.session.token", "token-value");
    assertThat(errors(all)).isEmpty();
    assertThat(errors(base)).as("default credentials chain").isEmpty();
  }

  @Test
  void s3RegionMustLookLikeARegion() {
    assertThat(
            errors(props("currents.storage", "s3", "currents.bucket", "b", "s3.region",
                "us east 1")))
        .containsOnlyKeys("s3.region");
    assertThat(
            errors(props("currents.storage", "s3", "currents.bucket", "b", "s3.region",
                "eu-central-1")))
        .isEmpty();
  }

  @Test
  void gcsCredentialsMustBeAKeyFileOfAnAcceptedType() {
    Map<String, String> base = props("currents.storage", "gcs", "currents.bucket", "b");
    String key = TestKeys.serviceAccountJson("http://127.0.0.1:1/token");
    Map<String, String> good = new HashMap<>(base);
    good.put("gcs.credentials.json", key);
    assertThat(errors(good)).isEmpty();

    for (String bad :
        List.of(
            "{not json, \"private_key\": \"SECRET-PART\"",
            "[1,2]",
            "{\"client_email\":\"a@b\"}",
            "{\"type\":\"external_account\",\"audience\":\"x\"}",
            "{\"type\":\"service_account\",\"client_email\":\"a@b\",\"private_key\":\"SECRET-PART\"}",
            key.replace("-----BEGIN PRIVATE KEY-----", "-----BEGIN RSA KEY-----"),
            key.replace("MII", "SECRET-PARTMII"))) {
      Map<String, String> p = new HashMap<>(base);
      p.put("gcs.credentials.json", bad);
      List<String> messages = errors(p).get("gcs.credentials.json");
      assertThat(messages).as(bad).hasSize(1);
      assertThat(messages.get(0)).doesNotContain("SECRET-PART").doesNotContain("a@b");
    }
    Map<String, String> user = new HashMap<>(base);
    user.put(
        "gcs.credentials.json",
        "{\"type\":\"authorized_user\",\"client_id\":\"id\",\"client_secret\":\"s\","
            + "\"refresh_token\":\"r\"}");
    assertThat(errors(user)).isEmpty();
  }

  @Test
  void azureNeedsAConnectionStringOrAnAccountName() {
    Map<String, String> base = props("currents.storage", "azure", "currents.bucket", "currents");
    assertThat(errors(base)).containsOnlyKeys("azure.account.name");

    Map<String, String> keyOnly = new HashMap<>(base);
    keyOnly.put("azure.account.key", ACCOUNT_KEY);
    assertThat(errors(keyOnly)).containsOnlyKeys("azure.account.name");

    Map<String, String> named = new HashMap<>(keyOnly);
    named.put("azure.account.name", "devstoreaccount1");
    assertThat(errors(named)).isEmpty();

    Map<String, String> badName = new HashMap<>(named);
    badName.put("azure.account.name", "Dev_Account");
    assertThat(errors(badName)).containsOnlyKeys("azure.account.name");

    Map<String, String> badKey = new HashMap<>(named);
    badKey.put("azure.account.key", "not base64 !!");
    assertThat(errors(badKey)).containsOnlyKeys("azure.account.key");
    assertThat(errors(badKey).get("azure.account.key").get(0)).doesNotContain("!!");

    Map<String, String> both = new HashMap<>(named);
    both.put("azure.sas.token", "sv=2023&sig=abc");
    assertThat(errors(both)).containsOnlyKeys("azure.sas.token");

    Map<String, String> sas = new HashMap<>(base);
    sas.put("azure.account.name", "acct");
    sas.put("azure.sas.token", "?sv=2023-01-03&sp=rl&sig=abc%3D");
    assertThat(errors(sas)).isEmpty();
    sas.put("azure.sas.token", "sv=2023-01-03&sp=rl");
    assertThat(errors(sas)).containsOnlyKeys("azure.sas.token");

    Map<String, String> anonymous = new HashMap<>(base);
    anonymous.put("azure.account.name", "acct");
    assertThat(errors(anonymous)).isEmpty();
  }

  @Test
  void azureConnectionStringIsCheckedWithoutBeingQuoted() {
    Map<String, String> base = props("currents.storage", "azure", "currents.bucket", "currents");
    String good =
        "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=" + ACCOUNT_KEY
            + ";EndpointSuffix=core.windows.net";
    Map<String, String> p = new HashMap<>(base);
    p.put("azure.connection.string", good);
    assertThat(errors(p)).isEmpty();

    for (String bad :
        List.of(
            "garbage-SECRETX",
            "AccountName=acct;AccountKey=SECRETX!!",
            "AccountKey=" + ACCOUNT_KEY,
            "AccountName=acct;EndpointSuffix=core.windows.net",
            "BlobEndpoint=https://x.blob.core.windows.net")) {
      p.put("azure.connection.string", bad);
      List<String> messages = errors(p).get("azure.connection.string");
      assertThat(messages).as(bad).hasSize(1);
      assertThat(messages.get(0)).doesNotContain("SECRETX").doesNotContain(ACCOUNT_KEY);
    }
    p.put("azure.connection.string", "BlobEndpoint=https://x.blob.core.windows.net;"
        + "SharedAccessSignature=sv=2023&sig=abc");
    assertThat(errors(p)).isEmpty();
    p.put("azure.connection.string", "UseDevelopmentStorage=true");
    assertThat(errors(p)).isEmpty();

    p.put("azure.connection.string", good);
    p.put("azure.account.name", "acct");
    assertThat(errors(p)).containsOnlyKeys("azure.connection.string");
  }

  @Test
  void configProviderReferencesAreNotCheckedForShape() {
    Map<String, String> p =
        props("currents.storage", "azure", "currents.bucket", "currents",
            "azure.account.name", "acct", "azure.account.key", "${file:/secrets.properties:key}");
    assertThat(errors(p)).isEmpty();
  }

  @Test
  void tuningKeysAreRangeChecked() {
    Map<String, String> base =
        props("currents.storage", "local", "currents.local.root", "/data");
    for (String[] bad :
        new String[][] {
          {"currents.storage.list.page.size", "0"},
          {"currents.storage.list.page.size", "1001"},
          {"currents.storage.retries", "-1"},
          {"currents.storage.retries", "11"},
          {"currents.storage.request.timeout.ms", "99"}
        }) {
      Map<String, String> p = new HashMap<>(base);
      p.put(bad[0], bad[1]);
      assertThat(errors(p)).as(bad[0] + "=" + bad[1]).containsOnlyKeys(bad[0]);
    }
  }

  @Test
  void openBuildsTheConfiguredLocalStoreWithItsPageSize(@TempDir Path root) throws Exception {
    java.nio.file.Files.createDirectories(root.resolve("a"));
    java.nio.file.Files.createDirectories(root.resolve("b"));
    java.nio.file.Files.createDirectories(root.resolve("c"));
    AbstractConfig config =
        new AbstractConfig(
            DEF,
            props("currents.storage", "local", "currents.local.root", root.toString(),
                "currents.storage.list.page.size", "2"));
    try (CurrentsStorage s = StorageConfig.open(config)) {
      assertThat(s).isInstanceOf(LocalStorage.class);
      ListPage<String> first = s.listFolders("", null);
      assertThat(first.items()).containsExactly("a/", "b/");
      assertThat(s.listFolders("", first.nextPageToken()).items()).containsExactly("c/");
    }
  }

  @Test
  void openBuildsEachCloudStoreFromItsKeys() {
    AbstractConfig s3 =
        new AbstractConfig(
            DEF,
            props("currents.storage", "s3", "currents.bucket", "b", "s3.region", "eu-west-1",
                "s3.endpoint.url", "http://127.0.0.1:9/", "s3.path.style.access", "true",
                "s3.access.key.id", "AKIA1", "s3.secret.access.key", "secret-1"));
    try (CurrentsStorage s = StorageConfig.open(s3)) {
      assertThat(s).isInstanceOf(S3Storage.class);
      assertThat(s.describe())
          .isEqualTo("s3://b (region eu-west-1, endpoint http://127.0.0.1:9, path-style)");
    }
    AbstractConfig gcs =
        new AbstractConfig(
            DEF,
            props("currents.storage", "gcs", "currents.bucket", "b", "gcs.project.id", "p",
                "gcs.endpoint.url", "http://127.0.0.1:9"));
    try (CurrentsStorage s = StorageConfig.open(gcs)) {
      assertThat(s).isInstanceOf(GcsStorage.class);
      assertThat(s.describe()).isEqualTo("gs://b (endpoint http://127.0.0.1:9)");
    }
    AbstractConfig azure =
        new AbstractConfig(
            DEF,
            props("currents.storage", "azure", "currents.bucket", "c", "azure.account.name",
                "acct", "azure.account.key", ACCOUNT_KEY));
    try (CurrentsStorage s = StorageConfig.open(azure)) {
      assertThat(s).isInstanceOf(AzureBlobStorage.class);
      assertThat(s.describe()).isEqualTo("azure://acct/c");
    }
  }

  @Test
  void openRejectsAnEndpointThatValidateWouldReject() {
    AbstractConfig config =
        new AbstractConfig(
            DEF,
            props("currents.storage", "s3", "currents.bucket", "b", "s3.endpoint.url",
                "http://user:topsecret@host"));
    assertThatThrownBy(() -> StorageConfig.open(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("s3.endpoint.url")
        .hasMessageNotContaining("topsecret");
  }

  @Test
  void keysOfTheOtherStoresAreHiddenInUis() {
    Map<String, ConfigValue> results =
        DEF.validateAll(props("currents.storage", "gcs", "currents.bucket", "b")).values().stream()
            .collect(Collectors.toMap(ConfigValue::name, v -> v));
    assertThat(results.get("gcs.credentials.json").visible()).isTrue();
    assertThat(results.get("s3.region").visible()).isFalse();
    assertThat(results.get("azure.account.key").visible()).isFalse();
    assertThat(results.get("currents.local.root").visible()).isFalse();
  }
}
