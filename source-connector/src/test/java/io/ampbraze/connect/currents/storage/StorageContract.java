package io.ampbraze.connect.currents.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The behaviour every {@link CurrentsStorage} must show, run against each backend on a real
 * emulator (S3Mock, Azurite, LocalStorageHelper, a temp folder) seeded with the same bucket in
 * Braze Currents' key layout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StorageContract {
  static final String INTEGRATION = "currents/dataexport.prod-01.S3.integration.5f0c1a/";
  static final List<String> EVENT_TYPES =
      List.of(
          "users.messages.email.Send",
          "users.behaviors.CustomEvent",
          "users.behaviors.app.SessionStart",
          "users.messages.email.Open",
          "users.behaviors.Purchase");
  static final List<String> HOURS = List.of("2024-05-01-10", "2024-05-01-09");
  static final String BIG = "big/blob.bin";

  /** The seeded bucket: key to content, in no particular order. */
  static final Map<String, byte[]> OBJECTS = seedObjects();

  /** Starts the emulator (if any) and puts {@link #OBJECTS} into a fresh bucket. */
  protected abstract void startAndSeed(Map<String, byte[]> objects) throws Exception;

  /** Stops the emulator. */
  protected abstract void stop() throws Exception;

  /** A storage over the seeded bucket that lists {@code pageSize} entries per request. */
  protected abstract CurrentsStorage storage(int pageSize) throws Exception;

  /** Requests sent to the store so far, or -1 for a store without requests (local). */
  protected abstract long requests();

  /**
   * Whether the emulator applies the page size to folder (common-prefix) listings. Real S3, GCS
   * and Azure do; S3Mock returns every common prefix in one page.
   */
  protected boolean emulatorPagesFolders() {
    return true;
  }


  @BeforeAll
  void startStore() throws Exception {
    startAndSeed(OBJECTS);
  }

  @AfterAll
  void stopStore() throws Exception {
    stop();
  }

  private static Map<String, byte[]> seedObjects() {
    Map<String, byte[]> objects = new LinkedHashMap<>();
    int n = 0;
    for (String type : EVENT_TYPES) {
      for (String hour : HOURS) {
        for (int file = 0; file < 2; file++) {
          n++;
          String key =
              INTEGRATION
                  + "event_type="
                  + type
                  + "/date="
                  + hour
                  + "/"
                  + (file + 1)
                  + "/0/dataexport.prod-01.S3.integration.5f0c1a+"
                  + file
                  + "+00000"
                  + n
                  + ".avro";
          objects.put(key, ("content of " + key).repeat(n).getBytes(StandardCharsets.UTF_8));
        }
      }
    }
    objects.put("currents/readme.txt", "not Currents".getBytes(StandardCharsets.UTF_8));
    objects.put("currents-other/x.avro", "other".getBytes(StandardCharsets.UTF_8));
    objects.put("currentsfile.txt", "top".getBytes(StandardCharsets.UTF_8));
    byte[] big = new byte[5 * 1024 * 1024 + 123];
    new Random(42).nextBytes(big);
    objects.put(BIG, big);
    return objects;
  }

  static List<String> keysWhere(Predicate<String> p) {
    return OBJECTS.keySet().stream().filter(p).sorted(Prefixes.KEY_ORDER).toList();
  }

  @Test
  void topLevelFoldersComeInLexicographicOrder() throws Exception {
    try (CurrentsStorage s = storage(1000)) {
      ListPage<String> page = s.listFolders("", null);
      // '-' sorts before '/': "currents-other/" before "currents/".
      assertThat(page.items()).containsExactly("big/", "currents-other/", "currents/");
      assertThat(page.nextPageToken()).isNull();
      assertThat(page.hasMore()).isFalse();
    }
  }

  @Test
  void foldersAreFullPrefixesOneLevelDown() throws Exception {
    try (CurrentsStorage s = storage(1000)) {
      assertThat(s.listFolders("currents/", null).items()).containsExactly(INTEGRATION);
      List<String> expected =
          EVENT_TYPES.stream()
              .map(t -> INTEGRATION + "event_type=" + t + "/")
              .sorted(Prefixes.KEY_ORDER)
              .toList();
      assertThat(s.listFolders(INTEGRATION, null).items()).containsExactlyElementsOf(expected);
      String type = INTEGRATION + "event_type=users.behaviors.Purchase/";
      assertThat(s.listFolders(type, null).items())
          .containsExactly(type + "date=2024-05-01-09/", type + "date=2024-05-01-10/");
    }
  }

  @Test
  void folderListingPagesThroughEveryFolder() throws Exception {
    try (CurrentsStorage s = storage(2)) {
      long before = requests();
      List<String> all = new ArrayList<>();
      int calls = 0;
      String token = null;
      do {
        ListPage<String> page = s.listFolders(INTEGRATION, token);
        calls++;
        if (emulatorPagesFolders()) {
          assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
        }
        all.addAll(page.items());
        token = page.nextPageToken();
      } while (token != null);
      assertThat(all)
          .containsExactlyElementsOf(
              EVENT_TYPES.stream()
                  .map(t -> INTEGRATION + "event_type=" + t + "/")
                  .sorted(Prefixes.KEY_ORDER)
                  .toList());
      assertThat(calls).isGreaterThanOrEqualTo(emulatorPagesFolders() ? 3 : 1);
      if (before >= 0) {
        assertThat(requests() - before).as("one request per call").isEqualTo(calls);
      }
    }
  }

  @Test
  void fileListingIsRecursivePagedAndOrdered() throws Exception {
    try (CurrentsStorage s = storage(3)) {
      long before = requests();
      List<StorageObject> all = new ArrayList<>();
      int calls = 0;
      String token = null;
      do {
        ListPage<StorageObject> page = s.listFiles("currents/", token);
        calls++;
        assertThat(page.items()).hasSizeLessThanOrEqualTo(3);
        all.addAll(page.items());
        token = page.nextPageToken();
      } while (token != null);
      List<String> expected = keysWhere(k -> k.startsWith("currents/"));
      assertThat(all).extracting(StorageObject::key).containsExactlyElementsOf(expected);
      for (StorageObject o : all) {
        assertThat(o.size()).as(o.key()).isEqualTo(OBJECTS.get(o.key()).length);
        assertThat(o.lastModified()).isAfter(Instant.parse("2020-01-01T00:00:00Z"));
      }
      assertThat(calls).isEqualTo((expected.size() + 2) / 3);
      if (before >= 0) {
        assertThat(requests() - before).as("one request per call").isEqualTo(calls);
      }
    }
  }

  @Test
  void aFilePrefixNeedNotEndAtAFolder() throws Exception {
    try (CurrentsStorage s = storage(1000)) {
      assertThat(s.listFiles("currents", null).items())
          .extracting(StorageObject::key)
          .containsExactlyElementsOf(keysWhere(k -> k.startsWith("currents")))
          .contains("currents-other/x.avro", "currentsfile.txt", "currents/readme.txt");
      String emails = INTEGRATION + "event_type=users.messages.email.";
      assertThat(s.listFiles(emails, null).items())
          .extracting(StorageObject::key)
          .hasSize(8)
          .containsExactlyElementsOf(keysWhere(k -> k.startsWith(emails)));
      assertThat(s.listFiles("", null).items())
          .extracting(StorageObject::key)
          .containsExactlyElementsOf(keysWhere(k -> true));
    }
  }

  @Test
  void missingPrefixesListNothing() throws Exception {
    try (CurrentsStorage s = storage(1000)) {
      ListPage<StorageObject> files = s.listFiles("nothing/here/", null);
      assertThat(files.items()).isEmpty();
      assertThat(files.nextPageToken()).isNull();
      ListPage<String> folders = s.listFolders("nothing/", null);
      assertThat(folders.items()).isEmpty();
      assertThat(folders.nextPageToken()).isNull();
    }
  }

  @Test
  void openReadsTheExactBytes() throws Exception {
    try (CurrentsStorage s = storage(1000)) {
      for (String key : List.of(BIG, "currents/readme.txt", keysWhere(k -> k.endsWith(".avro"))
          .get(7))) {
        try (InputStream in = s.open(key)) {
          assertThat(Arrays.equals(in.readAllBytes(), OBJECTS.get(key))).as(key).isTrue();
        }
      }
    }
  }

  @Test
  void aStreamClosedEarlyReleasesTheObject() throws Exception {
    try (CurrentsStorage s = storage(1000)) {
      for (int i = 0; i < 3; i++) {
        try (InputStream in = s.open(BIG)) {
          assertThat(in.readNBytes(10)).isEqualTo(Arrays.copyOf(OBJECTS.get(BIG), 10));
        }
      }
      try (InputStream in = s.open("currents/readme.txt")) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("not Currents");
      }
    }
  }

  @Test
  void openingAMissingObjectIsNotFound() throws Exception {
    try (CurrentsStorage s = storage(1000)) {
      String key = INTEGRATION + "event_type=users.behaviors.Purchase/missing.avro";
      assertThatThrownBy(() -> s.open(key))
          .isInstanceOfSatisfying(
              StorageException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(StorageException.Kind.NOT_FOUND);
                assertThat(e.getMessage()).contains(key).contains(s.describe());
              });
    }
  }

  @Test
  void badArgumentsFailBeforeAnyRequest() throws Exception {
    try (CurrentsStorage s = storage(1000)) {
      long before = requests();
      assertThatThrownBy(() -> s.listFolders("currents", null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("end with '/'");
      assertThatThrownBy(() -> s.listFiles("/currents/", null))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> s.open("currents/")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> s.open("")).isInstanceOf(IllegalArgumentException.class);
      assertThat(requests()).isEqualTo(before);
    }
  }

  @Test
  void describeNamesTheStoreAndBucket() throws Exception {
    try (CurrentsStorage s = storage(1000)) {
      assertThat(s.describe()).isNotBlank().matches("^(s3|gs|azure|file)://.+");
    }
  }
}
