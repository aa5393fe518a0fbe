package io.ampbraze.connect.currents.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LocalStorage beyond the contract: the root, keys outside it, folders, late files. */
class LocalStorageTest {
  @TempDir Path root;

  @Test
  void aMissingRootIsNotFoundRatherThanEmpty() {
    LocalStorage s = new LocalStorage(root.resolve("missing"));
    for (ThrowingCall call :
        new ThrowingCall[] {() -> s.listFolders("", null), () -> s.listFiles("", null)}) {
      assertThatThrownBy(call::run)
          .isInstanceOfSatisfying(
              StorageException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(StorageException.Kind.NOT_FOUND);
                assertThat(e.getMessage()).contains("currents.local.root");
              });
    }
  }

  private interface ThrowingCall {
    void run() throws Exception;
  }

  @Test
  void keysCannotEscapeTheRoot() throws Exception {
    Files.writeString(root.resolveSibling("outside.txt"), "no");
    LocalStorage s = new LocalStorage(root);
    assertThatThrownBy(() -> s.open("../outside.txt")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.listFiles("../", null)).isInstanceOf(IllegalArgumentException.class);
    Files.delete(root.resolveSibling("outside.txt"));
  }

  @Test
  void openingAFolderIsNotFound() throws Exception {
    Files.createDirectories(root.resolve("a/b"));
    LocalStorage s = new LocalStorage(root);
    assertThatThrownBy(() -> s.open("a/b"))
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.NOT_FOUND));
  }

  @Test
  void theFilePageTokenIsTheLastKeySoAFileLandingBehindItIsNotRepeated() throws Exception {
    Files.createDirectories(root.resolve("d"));
    for (String name : new String[] {"a", "c", "e"}) {
      Files.writeString(root.resolve("d/" + name), name);
    }
    LocalStorage s = new LocalStorage(root, 2);
    ListPage<StorageObject> first = s.listFiles("d/", null);
    assertThat(first.items()).extracting(StorageObject::key).containsExactly("d/a", "d/c");
    assertThat(first.nextPageToken()).isEqualTo("d/c");
    Files.writeString(root.resolve("d/b"), "late");
    Files.writeString(root.resolve("d/d"), "late");
    ListPage<StorageObject> second = s.listFiles("d/", first.nextPageToken());
    assertThat(second.items()).extracting(StorageObject::key).containsExactly("d/d", "d/e");
    assertThat(second.nextPageToken()).isNull();
  }

  @Test
  void aPrefixEndingInsideANameListsExactlyTheMatchingKeys() throws Exception {
    List<String> keys =
        List.of(
            "c/event_type=x/date=2024-03-05-07/1/0/a.avro",
            "c/event_type=x/date=2024-03-05-07/1/0/b.avro",
            "c/event_type=x/date=2024-03-05-23/2/0/c.avro",
            "c/event_type=x/date=2024-03-06-00/1/0/d.avro",
            "c/event_type=x/date=2024-03-06-00/e.avro",
            "c/event_type=x/date=2024-03-05-notes.txt",
            "c/event_type=x/date=2023-12-31-23/1/0/f.avro",
            "c/event_type=xy/date=2024-03-05-07/1/0/g.avro",
            "c/event_type=x/dates/h.avro",
            "c/readme");
    for (String k : keys) {
      Path p = root.resolve(k);
      Files.createDirectories(p.getParent());
      Files.writeString(p, k);
    }
    Files.createDirectories(root.resolve("c/event_type=x/date=2024-03-07-00/empty"));
    LocalStorage s = new LocalStorage(root);
    // every cut of every key, and a few prefixes matching nothing
    Set<String> prefixes = new TreeSet<>(List.of("", "z", "c/event_type=x/date=2025-", "c/none/"));
    for (String k : keys) {
      for (int i = 0; i <= k.length(); i++) {
        prefixes.add(k.substring(0, i));
      }
    }
    for (String prefix : prefixes) {
      assertThat(s.listFiles(prefix, null).items())
          .as("prefix '%s'", prefix)
          .extracting(StorageObject::key)
          .containsExactlyElementsOf(keys.stream().filter(k -> k.startsWith(prefix)).sorted().toList());
    }
    assertThat(s.listFiles("c/event_type=x/date=2024-03-05-", null).items())
        .extracting(StorageObject::key)
        .containsExactly(
            "c/event_type=x/date=2024-03-05-07/1/0/a.avro",
            "c/event_type=x/date=2024-03-05-07/1/0/b.avro",
            "c/event_type=x/date=2024-03-05-23/2/0/c.avro",
            "c/event_type=x/date=2024-03-05-notes.txt");
  }

  @Test
  void readsThroughAGuardedStream() throws Exception {
    Files.writeString(root.resolve("f.avro"), "bytes");
    try (InputStream in = new LocalStorage(root).open("f.avro")) {
      assertThat(in).isInstanceOf(GuardedInputStream.class);
      assertThat(in.readAllBytes()).isEqualTo("bytes".getBytes());
    }
  }
}
