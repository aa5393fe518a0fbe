package io.ampbraze.connect.currents.storage;

import com.adobe.testing.s3mock.S3MockApplication;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Adobe S3Mock started in this JVM on a free port, with its files in a temp folder.
 *
 * <p>S3Mock is a Spring Boot application. The Logback starter is excluded in the pom, and Spring
 * Boot's logging system is switched off here, so that it neither fights the log4j2 that Kafka's
 * test runtime brings nor reconfigures the tests' logging.
 */
public final class S3MockServer implements AutoCloseable {
  private final S3MockApplication app;
  private final Path root;
  private final int port;

  // S3Mock 4 marks getHttpPort() for removal (its next major serves one port); until then it is
  // the only way to learn the plain-HTTP port chosen at random.
  @SuppressWarnings("removal")
  private S3MockServer(S3MockApplication app, Path root) {
    this.app = app;
    this.root = root;
    this.port = app.getHttpPort();
  }

  public static S3MockServer start() throws Exception {
    System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
    Path root = Files.createTempDirectory("s3mock");
    Map<String, Object> props = new HashMap<>();
    props.put(S3MockApplication.PROP_HTTP_PORT, 0);
    props.put(S3MockApplication.PROP_HTTPS_PORT, 0);
    props.put(S3MockApplication.PROP_ROOT_DIRECTORY, root.toString());
    props.put(S3MockApplication.PROP_SILENT, true);
    props.put("spring.main.banner-mode", "off");
    return new S3MockServer(S3MockApplication.start(props), root);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** A plain client for seeding buckets (S3Mock takes any credentials). */
  public S3Client client() {
    return S3Client.builder()
        .endpointOverride(endpoint())
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("seed", "seed-secret")))
        .build();
  }

  public void seed(String bucket, Map<String, byte[]> objects) {
    try (S3Client s3 = client()) {
      s3.createBucket(b -> b.bucket(bucket));
      objects.forEach((k, v) -> s3.putObject(r -> r.bucket(bucket).key(k), RequestBody.fromBytes(v)));
    }
  }

  @Override
  public void close() throws IOException {
    app.stop();
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
