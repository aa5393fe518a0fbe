package io.ampbraze.connect.currents.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

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
  void readsThroughAGuardedStream() throws Exception {
    Files.writeString(root.resolve("f.avro"), "bytes");
    try (InputStream in = new LocalStorage(root).open("f.avro")) {
      assertThat(in).isInstanceOf(GuardedInputStream.class);
      assertThat(in.readAllBytes()).isEqualTo("bytes".getBytes());
    }
  }
}
