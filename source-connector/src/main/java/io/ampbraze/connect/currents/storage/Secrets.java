package io.ampbraze.connect.currents.storage;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The secret values of one store's configuration, and the means to keep them out of text: every
 * message a storage class builds and every exception it hands on passes through here, so that a
 * secret echoed by an SDK (a connection string in a parse error, a SAS signature in a URL) never
 * reaches a log line or the task status.
 */
final class Secrets {
  static final String MASK = "[hidden]";
  static final Secrets NONE = new Secrets(List.of());

  /** Shorter values are not masked: they would blank out ordinary words. */
  private static final int MIN_LENGTH = 4;

  /** A SAS signature in a URL is secret whatever produced it. */
  private static final Pattern SAS_SIGNATURE =
      Pattern.compile("(?i)([?&]sig=)[^&\\s\"'<>]+");

  private final List<String> values;

  private Secrets(Collection<String> secrets) {
    Set<String> all = new LinkedHashSet<>();
    for (String s : secrets) {
      if (s != null && s.length() >= MIN_LENGTH) {
        all.add(s);
        all.add(URLEncoder.encode(s, StandardCharsets.UTF_8));
        all.add(URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
      }
    }
    // Longest first, so that a secret containing another is masked whole.
    this.values =
        all.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
  }

  static Secrets of(Collection<String> secrets) {
    return new Secrets(secrets);
  }

  /** Returns {@code text} with every secret (plain or URL-encoded) replaced by {@link #MASK}. */
  String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String v : values) {
      if (out.contains(v)) {
        out = out.replace(v, MASK);
      }
    }
    return SAS_SIGNATURE.matcher(out).replaceAll("$1" + MASK);
  }

  boolean leaksInto(String text) {
    return text != null && !redact(text).equals(text);
  }

  /**
   * Returns {@code error} itself when no message in its cause chain holds a secret, else a copy of
   * the chain whose messages are redacted (class names and stack traces kept).
   */
  Throwable scrub(Throwable error) {
    if (error == null || !leaks(error, 0)) {
      return error;
    }
    return copy(error, 0);
  }

  private boolean leaks(Throwable t, int depth) {
    if (t == null || depth > 20) {
      return false;
    }
    if (leaksInto(t.getMessage()) || leaksInto(t.toString())) {
      return true;
    }
    for (Throwable s : t.getSuppressed()) {
      if (leaks(s, depth + 1)) {
        return true;
      }
    }
    return leaks(t.getCause(), depth + 1);
  }

  private Throwable copy(Throwable t, int depth) {
    Throwable cause = t.getCause() == null || depth > 20 ? null : copy(t.getCause(), depth + 1);
    RedactedException r =
        new RedactedException(t.getClass().getName() + ": " + redact(t.getMessage()), cause);
    r.setStackTrace(t.getStackTrace());
    for (Throwable s : t.getSuppressed()) {
      r.addSuppressed(copy(s, depth + 1));
    }
    return r;
  }

  /** Stands in for an SDK exception whose message held a secret. */
  static final class RedactedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RedactedException(String message, Throwable cause) {
      super(message, cause);
    }

    @Override
    public String toString() {
      return getMessage();
    }
  }
}
