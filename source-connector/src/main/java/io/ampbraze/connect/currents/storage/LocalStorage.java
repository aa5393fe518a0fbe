package io.ampbraze.connect.currents.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A local folder seen as a bucket: keys are paths relative to the root with '/' separators.
 * Listings are paged like an object store's (the page token is the last key returned), so callers
 * behave the same on every store; each call walks the directory tree again.
 */
public final class LocalStorage implements CurrentsStorage {
  public static final int DEFAULT_PAGE_SIZE = 1000;

  private final Path root;
  private final int pageSize;

  public LocalStorage(Path root) {
    this(root, DEFAULT_PAGE_SIZE);
  }

  public LocalStorage(Path root, int pageSize) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("page size must be at least 1: " + pageSize);
    }
    this.root = root.toAbsolutePath().normalize();
    this.pageSize = pageSize;
  }

  @Override
  public ListPage<String> listFolders(String prefix, String pageToken) throws StorageException {
    Prefixes.requireFolder(prefix);
    requireRoot();
    Path dir = resolve(prefix);
    if (!Files.isDirectory(dir)) {
      return new ListPage<>(List.of(), null);
    }
    List<String> folders = new ArrayList<>();
    try (Stream<Path> children = Files.list(dir)) {
      children.filter(Files::isDirectory).forEach(p -> folders.add(keyOf(p) + "/"));
    } catch (IOException | UncheckedIOException e) {
      throw failure("list folders under '" + prefix + "'", e);
    }
    folders.sort(Prefixes.KEY_ORDER);
    return page(folders, pageToken, s -> s);
  }

  @Override
  public ListPage<StorageObject> listFiles(String prefix, String pageToken)
      throws StorageException {
    Prefixes.requireValid(prefix);
    requireRoot();
    // The prefix may end inside a name ("a/b" matches "a/bc/d"), as on object stores.
    int slash = prefix.lastIndexOf('/');
    Path base = resolve(slash < 0 ? "" : prefix.substring(0, slash + 1));
    if (!Files.isDirectory(base)) {
      return new ListPage<>(List.of(), null);
    }
    List<StorageObject> found = new ArrayList<>();
    FileVisitor<Path> collect =
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path p, BasicFileAttributes attrs) {
            String key = keyOf(p);
            if (attrs.isRegularFile()
                && key.startsWith(prefix)
                && (pageToken == null || Prefixes.compareCodePoints(key, pageToken) > 0)) {
              found.add(new StorageObject(key, attrs.size(), attrs.lastModifiedTime().toInstant()));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path p, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE; // deleted while we walked: gone, not an error
            }
            throw e;
          }
        };
    String namePart = prefix.substring(slash + 1);
    try {
      if (namePart.isEmpty()) {
        Files.walkFileTree(base, collect);
      } else {
        // Only the entries whose name starts with the rest of the prefix can hold matching keys;
        // their names are read without looking at the others. A day prefix
        // ".../date=2024-03-05-" walks that day's hour folders, not every hour of the event type.
        try (DirectoryStream<Path> entries =
            Files.newDirectoryStream(base, p -> p.getFileName().toString().startsWith(namePart))) {
          for (Path p : entries) {
            Files.walkFileTree(p, collect);
          }
        } catch (NoSuchFileException e) {
          // the folder was deleted after the check above: nothing to list, as for a walk
        }
      }
    } catch (IOException | UncheckedIOException | DirectoryIteratorException e) {
      throw failure("list files under '" + prefix + "'", e);
    }
    found.sort(Prefixes.OBJECT_ORDER);
    return page(found, null, StorageObject::key);
  }

  /** Cuts one page after {@code pageToken} (the last key of the previous page). */
  private <T> ListPage<T> page(
      List<T> sorted, String pageToken, Function<T, String> key) {
    int from = 0;
    if (pageToken != null) {
      while (from < sorted.size()
          && Prefixes.compareCodePoints(key.apply(sorted.get(from)), pageToken) <= 0) {
        from++;
      }
    }
    int to = Math.min(sorted.size(), from + pageSize);
    List<T> items = sorted.subList(from, to);
    String next = to < sorted.size() ? key.apply(sorted.get(to - 1)) : null;
    return new ListPage<>(items, next);
  }

  @Override
  public InputStream open(String key) throws StorageException {
    Prefixes.requireKey(key);
    Path p = resolve(key);
    if (Files.isDirectory(p)) {
      throw new StorageException(
          StorageException.Kind.NOT_FOUND,
          describe() + ": cannot read '" + key + "': it is a folder",
          null);
    }
    try {
      return new GuardedInputStream(
          Files.newInputStream(p), e -> failure("read '" + key + "'", e), null);
    } catch (IOException e) {
      throw failure("read '" + key + "'", e);
    }
  }

  @Override
  public String describe() {
    return "file://" + root;
  }

  @Override
  public void close() {}

  /** A missing root is a missing bucket, not an empty one: say so instead of listing nothing. */
  private void requireRoot() throws StorageException {
    if (!Files.isDirectory(root)) {
      throw new StorageException(
          StorageException.Kind.NOT_FOUND,
          describe() + ": the root folder does not exist (" + StorageConfig.LOCAL_ROOT + ")",
          null);
    }
  }

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

  private StorageException failure(String what, Exception e) {
    Throwable cause =
        e instanceof UncheckedIOException u
            ? u.getCause()
            : e instanceof DirectoryIteratorException d ? d.getCause() : e;
    StorageException.Kind kind =
        cause instanceof NoSuchFileException || cause instanceof NotDirectoryException
            ? StorageException.Kind.NOT_FOUND
            : cause instanceof AccessDeniedException
                ? StorageException.Kind.PERMISSION
                : StorageException.Kind.UNAVAILABLE;
    return new StorageException(kind, describe() + ": cannot " + what + ": " + cause, e);
  }
}
