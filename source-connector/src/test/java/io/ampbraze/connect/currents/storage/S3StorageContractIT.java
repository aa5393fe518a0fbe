package io.ampbraze.connect.currents.storage;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The storage contract on S3Storage against S3Mock, reached through the endpoint override with
 * path-style access; requests counted as HTTP attempts by an SDK interceptor.
 */
class S3StorageContractIT extends RemoteStorageContract {
  static final String BUCKET = "currents-bucket";
  private final AtomicLong requests = new AtomicLong();
  private S3MockServer s3mock;

  @Override
  protected void startAndSeed(Map<String, byte[]> objects) throws Exception {
    s3mock = S3MockServer.start();
    s3mock.seed(BUCKET, objects);
  }

  @Override
  protected void stop() throws Exception {
    if (s3mock != null) {
      s3mock.close();
    }
  }

  @Override
  protected CurrentsStorage storage(int pageSize) {
    return S3Storage.create(settings(s3mock, BUCKET, pageSize), List.of(counter(requests)));
  }

  @Override
  protected boolean emulatorPagesFolders() {
    return false; // S3Mock applies max-keys to objects only, not to common prefixes
  }

  @Override
  protected long requests() {
    return requests.get();
  }

  static S3Storage.Settings settings(S3MockServer s3mock, String bucket, int pageSize) {
    return new S3Storage.Settings(
        bucket,
        "us-east-1",
        s3mock.endpoint(),
        true,
        "AKIATESTKEYID",
        "test-secret-access-key",
        null,
        Duration.ofSeconds(10),
        1,
        pageSize);
  }

  /** Counts HTTP attempts, retries included. */
  static ExecutionInterceptor counter(AtomicLong requests) {
    return new ExecutionInterceptor() {
      @Override
      public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes a) {
        requests.incrementAndGet();
      }
    };
  }
}
