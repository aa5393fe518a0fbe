package io.ampbraze.benchmarks.source;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import com.adobe.testing.s3mock.S3MockApplication;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Adobe S3Mock in this JVM on a free port with its files in a temp folder, started as the
 * source connector's storage tests start it (Spring Boot's logging switched off).
 */
final class S3MockHandle implements AutoCloseable {
  static final String ACCESS_KEY = "bench-access-key";
  static final String SECRET_KEY = "bench-secret-key";

  private final S3MockApplication app;
  private final Path root;
  private final int port;

  @SuppressWarnings("removal")
  private S3MockHandle(S3MockApplication app, Path root) {
    this.app = app;
    this.root = root;
    this.port = app.getHttpPort(); // the only way to learn the random plain-HTTP port in S3Mock 4
  }

  static S3MockHandle start() throws IOException {
    System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
    Path root = Files.createTempDirectory("bench-s3mock");
    Map<String, Object> props = new HashMap<>();
    props.put(S3MockApplication.PROP_HTTP_PORT, 0);
    props.put(S3MockApplication.PROP_HTTPS_PORT, 0);
    props.put(S3MockApplication.PROP_ROOT_DIRECTORY, root.toString());
    props.put(S3MockApplication.PROP_SILENT, true);
    props.put("spring.main.banner-mode", "off");
    return new S3MockHandle(S3MockApplication.start(props), root);
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  S3Client client() {
    return S3Client.builder()
        .endpointOverride(endpoint())
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .build();
  }

  @Override
  public void close() throws IOException {
    app.stop();
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
