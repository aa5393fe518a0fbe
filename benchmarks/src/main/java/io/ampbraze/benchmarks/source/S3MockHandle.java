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
 * source connector's storage tests start it (Spring Boot's logging switched off); it can be
 * stopped and started again on the same folder.
 */
final class S3MockHandle implements AutoCloseable {
  static final String ACCESS_KEY = "bench-access-key";
  static final String SECRET_KEY = "bench-secret-key";

  private static final String RETAIN_FILES = "com.adobe.testing.s3mock.store.retainFilesOnExit";
  /**
   * Tomcat warns at every stop that S3Mock left a worker thread running (harmless here): kept
   * quiet, and held so java.util.logging does not forget the level.
   */
  private static final java.util.logging.Logger TOMCAT_LOADER =
      java.util.logging.Logger.getLogger("org.apache.catalina.loader.WebappClassLoaderBase");

  private final Path root;
  private S3MockApplication app;
  private int port;

  private S3MockHandle(Path root) {
    this.root = root;
  }

  static S3MockHandle start() throws IOException {
    System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
    S3MockHandle h = new S3MockHandle(Files.createTempDirectory("bench-s3mock"));
    h.launch();
    return h;
  }

  @SuppressWarnings("removal")
  private void launch() {
    Map<String, Object> props = new HashMap<>();
    props.put(S3MockApplication.PROP_HTTP_PORT, 0);
    props.put(S3MockApplication.PROP_HTTPS_PORT, 0);
    props.put(S3MockApplication.PROP_ROOT_DIRECTORY, root.toString());
    props.put(RETAIN_FILES, true); // close() deletes the folder; restart() needs it kept
    props.put(S3MockApplication.PROP_SILENT, true);
    props.put("spring.main.banner-mode", "off");
    app = S3MockApplication.start(props);
    port = app.getHttpPort(); // the only way to learn the random plain-HTTP port in S3Mock 4
  }

  /** Stops S3Mock; {@link #startAgain} starts it on the same folder. */
  void stop() {
    TOMCAT_LOADER.setLevel(java.util.logging.Level.SEVERE);
    app.stop();
    app = null;
  }

  /**
   * Starts S3Mock again on its folder: it loads the buckets and objects it finds there. On a new
   * port: clients made before do not reach it.
   */
  void startAgain() {
    launch();
  }

  /** The folder S3Mock stores its buckets in. */
  Path root() {
    return root;
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
    if (app != null) {
      app.stop();
    }
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
