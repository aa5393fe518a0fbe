package io.ampbraze.connect.currents.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GcsStorage over an injected client: google-cloud-nio's in-memory LocalStorageHelper. That fake
 * lists in hash order and does not page (it echoes the page token back), so ordering and paging
 * are covered by {@link GcsStorageContractTest} over HTTP; here: folders, files, reads, errors,
 * and that a call never follows pages by itself.
 */
class GcsStorageLocalHelperTest {
  private static final String BUCKET = "bucket";
  private final AtomicLong requests = new AtomicLong();
  private Storage service;
  private GcsStorage storage;

  @BeforeEach
  void seed() {
    service = LocalStorageHelper.getOptions().getService();
    for (String key :
        new String[] {
          "currents/a/event_type=x/date=2024-01-01-00/1/0/f+0+1.avro",
          "currents/a/event_type=x/date=2024-01-01-01/1/0/f+0+2.avro",
          "currents/a/event_type=y/date=2024-01-01-00/1/0/f+0+3.avro",
          "currents/readme.txt"
        }) {
      service.create(
          BlobInfo.newBuilder(BlobId.of(BUCKET, key)).build(),
          key.getBytes(StandardCharsets.UTF_8));
    }
    storage = new GcsStorage(CountingGcsClient.wrap(service, requests), BUCKET, 1000);
  }

  @Test
  void listsFoldersWithTheDelimiterAndFilesRecursively() throws Exception {
    assertThat(storage.listFolders("currents/a/", null).items())
        .containsExactly("currents/a/event_type=x/", "currents/a/event_type=y/");
    assertThat(storage.listFolders("", null).items()).containsExactly("currents/");
    assertThat(storage.listFiles("currents/a/event_type=x/", null).items())
        .extracting(StorageObject::key)
        .containsExactly(
            "currents/a/event_type=x/date=2024-01-01-00/1/0/f+0+1.avro",
            "currents/a/event_type=x/date=2024-01-01-01/1/0/f+0+2.avro");
    assertThat(storage.listFiles("currents/", null).items())
        .extracting(StorageObject::size)
        .allMatch(size -> size > 0);
    assertThat(requests.get()).as("one list call each, no page following").isEqualTo(4);
  }

  @Test
  void readsAnObjectAndReportsAMissingOne() throws Exception {
    try (InputStream in = storage.open("currents/readme.txt")) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("currents/readme.txt");
    }
    assertThatThrownBy(() -> storage.open("currents/missing.avro"))
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(StorageException.Kind.NOT_FOUND);
              assertThat(e.getMessage()).startsWith("gs://bucket: cannot read 'currents/missing.avro'");
            });
  }

  @Test
  void describesTheBucket() {
    assertThat(storage.describe()).isEqualTo("gs://bucket");
  }
}
