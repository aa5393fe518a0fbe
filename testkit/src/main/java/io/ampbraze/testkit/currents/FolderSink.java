package io.ampbraze.testkit.currents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A {@link BucketSink} over a local folder: key {@code a/b/c.avro} becomes the file
 * {@code <root>/a/b/c.avro}. Each object is written to a hidden temporary file and moved into
 * place, so a connector listing the folder never sees a half-written file.
 */
public final class FolderSink implements BucketSink {
  private final Path root;

  public FolderSink(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The folder this sink writes into. */
  public Path root() {
    return root;
  }

  @Override
  public void put(String key, byte[] bytes) throws IOException {
    Path target = root.resolve(key).normalize();
    if (!target.startsWith(root) || key.startsWith("/")) {
      throw new IOException("key escapes the sink's root: " + key);
    }
    Files.createDirectories(target.getParent());
    // The temporary name lives outside the target folder so a recursive listing cannot catch it.
    Path tmp = Files.createTempFile(root, ".put-", ".tmp");
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
