package io.ampbraze.connect.currents.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** The storage contract on a local folder. */
class LocalStorageContractTest extends StorageContract {
  private Path root;

  @Override
  protected void startAndSeed(Map<String, byte[]> objects) throws Exception {
    root = Files.createTempDirectory("currents-local");
    for (Map.Entry<String, byte[]> e : objects.entrySet()) {
      Path p = root.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, e.getValue());
    }
  }

  @Override
  protected void stop() throws Exception {
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Override
  protected CurrentsStorage storage(int pageSize) {
    return new LocalStorage(root, pageSize);
  }

  @Override
  protected long requests() {
    return -1;
  }
}
