package io.ampbraze.quickstart.platform;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Prints what the quickstart is doing, one line per step with its duration. */
public final class Progress {
  private final PrintStream out;

  public Progress(PrintStream out) {
    this.out = out;
  }

  /** Runs {@code work}, printing the step's title before and its outcome after. */
  public <T> T step(String title, Callable<T> work) throws Exception {
    out.println("▶ " + title + " ...");
    long start = System.nanoTime();
    try {
      T result = work.call();
      out.println("  done in " + seconds(start));
      return result;
    } catch (Exception | Error e) {
      out.println("  FAILED after " + seconds(start) + ": " + e.getMessage());
      throw e;
    }
  }

  /** A detail line under the current step. */
  public void detail(String line) {
    out.println("  " + line);
  }

  public void line(String line) {
    out.println(line);
  }

  private static String seconds(long startNanos) {
    return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
  }
}
