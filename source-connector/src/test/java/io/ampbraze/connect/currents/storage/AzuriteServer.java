package io.ampbraze.connect.currents.storage;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Azurite emulator (Azure Blob only) as a subprocess on a free port, in memory, without
 * telemetry. The build installs it from npm into {@code target/azurite} (exec-maven-plugin,
 * pre-integration-test) and passes its folder as the system property {@code azurite.home}.
 */
public final class AzuriteServer implements AutoCloseable {
  /** Azurite's well-known development account and key (public, documented by Microsoft). */
  public static final String ACCOUNT = "devstoreaccount1";

  public static final String KEY =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

  private static final Pattern LISTENING =
      Pattern.compile("successfully listens on http://127\\.0\\.0\\.1:(\\d+)");

  private final Process process;
  private final int port;

  private AzuriteServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static AzuriteServer start() throws Exception {
    Path home = Path.of(System.getProperty("azurite.home", "target/azurite"));
    Path main = home.resolve("node_modules/azurite/dist/src/blob/main.js");
    if (!Files.exists(main)) {
      throw new IllegalStateException(
          "Azurite is not installed under " + home.toAbsolutePath()
              + ": run the tests through `mvn verify`, which installs it from npm");
    }
    String wanted = System.getProperty("azurite.version");
    String installed = Files.readString(home.resolve("node_modules/azurite/package.json"));
    if (wanted != null && !installed.contains("\"version\": \"" + wanted + "\"")) {
      throw new IllegalStateException(
          "Azurite under " + home + " is not version " + wanted + ": run `mvn clean verify`");
    }
    Path work = Files.createTempDirectory("azurite");
    Process p =
        new ProcessBuilder(
                "node",
                main.toString(),
                "--blobHost", "127.0.0.1",
                "--blobPort", "0",
                "--inMemoryPersistence",
                "--extentMemoryLimit", "256",
                "--skipApiVersionCheck",
                "--loose",
                "--silent",
                "--disableTelemetry")
            .directory(work.toFile())
            .redirectErrorStream(true)
            .start();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    StringBuilder output = new StringBuilder();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                  synchronized (output) {
                    output.append(line).append('\n');
                  }
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
              port.completeExceptionally(new IllegalStateException("Azurite exited"));
            },
            "azurite-output");
    reader.setDaemon(true);
    reader.start();
    try {
      return new AzuriteServer(p, port.get(60, TimeUnit.SECONDS));
    } catch (Exception e) {
      p.destroyForcibly();
      synchronized (output) {
        throw new IllegalStateException("Azurite did not start:\n" + output, e);
      }
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port + "/" + ACCOUNT);
  }

  public String connectionString() {
    return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY
        + ";BlobEndpoint=" + endpoint() + ";";
  }

  public BlobContainerClient container(String name) {
    return new BlobContainerClientBuilder()
        .connectionString(connectionString())
        .containerName(name)
        .buildClient();
  }

  public void seed(String container, Map<String, byte[]> objects) {
    BlobContainerClient c = container(container);
    c.create();
    objects.forEach((k, v) -> c.getBlobClient(k).upload(BinaryData.fromBytes(v), true));
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
