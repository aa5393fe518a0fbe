package io.ampbraze.connect.currents.storage;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.HttpPipelineSyncPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The storage contract on AzureBlobStorage against Azurite, authenticated with a connection
 * string; requests counted as HTTP attempts by a per-retry pipeline policy.
 */
class AzureBlobStorageContractIT extends RemoteStorageContract {
  static final String CONTAINER = "currents-container";
  private final AtomicLong requests = new AtomicLong();
  private AzuriteServer azurite;

  @Override
  protected void startAndSeed(Map<String, byte[]> objects) throws Exception {
    azurite = AzuriteServer.start();
    azurite.seed(CONTAINER, objects);
  }

  @Override
  protected void stop() throws Exception {
    if (azurite != null) {
      azurite.close();
    }
  }

  @Override
  protected CurrentsStorage storage(int pageSize) {
    return AzureBlobStorage.create(
        new AzureBlobStorage.Settings(
            CONTAINER,
            azurite.connectionString(),
            null,
            null,
            null,
            null,
            Duration.ofSeconds(10),
            1,
            pageSize),
        List.of(counter(requests)));
  }

  @Override
  protected long requests() {
    return requests.get();
  }

  /** Counts HTTP attempts, retries included. */
  static HttpPipelinePolicy counter(AtomicLong requests) {
    return new HttpPipelineSyncPolicy() {
      @Override
      protected void beforeSendingRequest(HttpPipelineCallContext context) {
        requests.incrementAndGet();
      }
    };
  }
}
