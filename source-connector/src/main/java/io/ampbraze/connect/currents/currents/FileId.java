package io.ampbraze.connect.currents.currents;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The compact id a finished file is remembered by in a source offset: the first 9 bytes of the
 * SHA-256 of its key, base64url without padding (12 characters). Collisions among the few
 * hundred files of one hour folder are out of reach (72 bits).
 */
public final class FileId {
  private FileId() {}

  public static String of(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 9));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** Whether {@code s} has the shape of an id. */
  public static boolean isValid(String s) {
    return s.length() == 12 && s.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_');
  }
}
