package io.ampbraze.connect.currents.storage;

import java.time.Duration;
import java.util.Map;

/**
 * The storage contract on GcsStorage built from its settings (the real google-cloud-storage
 * client over HTTP) against {@link FakeGcsServer}; requests are counted at the server.
 */
class GcsStorageContractTest extends RemoteStorageContract {
  static final String BUCKET = "currents-bucket";
  private FakeGcsServer server;

  @Override
  protected void startAndSeed(Map<String, byte[]> objects) throws Exception {
    server = new FakeGcsServer(BUCKET);
    objects.forEach(server::put);
  }

  @Override
  protected void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected CurrentsStorage storage(int pageSize) {
    return GcsStorage.create(
        new GcsStorage.Settings(
            BUCKET, "test-project", null, server.endpoint(), Duration.ofSeconds(10), 1, pageSize));
  }

  @Override
  protected long requests() {
    return server.http().requests().size();
  }
}
