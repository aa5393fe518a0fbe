package io.ampbraze.connect.currents.storage;

import java.util.Comparator;

/** The key and prefix rules shared by every store, checked before any request is sent. */
final class Prefixes {
  /**
   * Binary order of the keys' UTF-8 bytes, which is the order S3, GCS and Azure list in. It equals
   * code-point order, and {@link String#compareTo} for keys without supplementary characters.
   */
  static final Comparator<String> KEY_ORDER = Prefixes::compareCodePoints;

  static final Comparator<StorageObject> OBJECT_ORDER =
      Comparator.comparing(StorageObject::key, KEY_ORDER);

  private Prefixes() {}

  /** A folder prefix is "" (the top) or ends with '/'. */
  static void requireFolder(String prefix) {
    requireValid(prefix);
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      throw new IllegalArgumentException(
          "a folder prefix must be empty or end with '/': '" + prefix + "'");
    }
  }

  /** Any prefix, as object stores take it ("a/b" matches "a/bc/d"), but relative to the top. */
  static void requireValid(String prefix) {
    if (prefix == null) {
      throw new IllegalArgumentException("prefix must not be null (use \"\" for the top)");
    }
    if (prefix.startsWith("/")) {
      throw new IllegalArgumentException("prefix must not start with '/': '" + prefix + "'");
    }
  }

  /** An object key: not empty, not starting or ending with '/'. */
  static void requireKey(String key) {
    if (key == null || key.isEmpty() || key.startsWith("/") || key.endsWith("/")) {
      throw new IllegalArgumentException("not an object key: '" + key + "'");
    }
  }

  /** Zero-byte "folder" objects that consoles and tools create; they are never files. */
  static boolean isFolderMarker(String key) {
    return key.endsWith("/");
  }

  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
