package io.ampbraze.connect.currents.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A local folder seen as a bucket: keys are paths relative to the root with '/' separators. A
 * listing is one page (the filesystem has no paging cost to show).
 */
public final class LocalStorage implements CurrentsStorage {
  private final Path root;

  public LocalStorage(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public ListPage<String> listFolders(String prefix, String pageToken) throws StorageException {
    Path dir = resolve(prefix);
    if (!Files.isDirectory(dir)) {
      return new ListPage<>(List.of(), null);
    }
    try (Stream<Path> children = Files.list(dir)) {
      List<String> folders = new ArrayList<>();
      children.filter(Files::isDirectory).forEach(p -> folders.add(keyOf(p) + "/"));
      folders.sort(null);
      return new ListPage<>(folders, null);
    } catch (IOException e) {
      throw failure("list " + prefix, e);
    }
  }

  @Override
  public ListPage<StorageObject> listFiles(String prefix, String pageToken)
      throws StorageException {
    // The prefix may end inside a name ("a/b" matches "a/bc/d"), as on object stores.
    int slash = prefix.lastIndexOf('/');
    Path base = resolve(slash < 0 ? "" : prefix.substring(0, slash + 1));
    if (!Files.isDirectory(base)) {
      return new ListPage<>(List.of(), null);
    }
    try (Stream<Path> files = Files.walk(base)) {
      List<StorageObject> found = new ArrayList<>();
      for (Path p : (Iterable<Path>) files::iterator) {
        BasicFileAttributes attrs = Files.readAttributes(p, BasicFileAttributes.class);
        String key = keyOf(p);
        if (attrs.isRegularFile() && key.startsWith(prefix)) {
          found.add(new StorageObject(key, attrs.size(), attrs.lastModifiedTime().toInstant()));
        }
      }
      found.sort((a, b) -> a.key().compareTo(b.key()));
      return new ListPage<>(found, null);
    } catch (IOException e) {
      throw failure("list " + prefix, e);
    }
  }

  @Override
  public InputStream open(String key) throws StorageException {
    try {
      return Files.newInputStream(resolve(key));
    } catch (IOException e) {
      throw failure("read " + key, e);
    }
  }

  @Override
  public String describe() {
    return "file://" + root;
  }

  @Override
  public void close() {}

  private Path resolve(String key) {
    Path p = root.resolve(key).normalize();
    if (!p.startsWith(root)) {
      throw new IllegalArgumentException("key escapes the storage root: " + key);
    }
    return p;
  }

  private String keyOf(Path p) {
    return root.relativize(p).toString().replace('\\', '/');
  }

  private static StorageException failure(String what, IOException e) {
    StorageException.Kind kind =
        e instanceof NoSuchFileException
            ? StorageException.Kind.NOT_FOUND
            : e instanceof AccessDeniedException
                ? StorageException.Kind.PERMISSION
                : StorageException.Kind.UNAVAILABLE;
    return new StorageException(kind, "local storage: cannot " + what + ": " + e, e);
  }
}
