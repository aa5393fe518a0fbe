package io.ampbraze.quickstart;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./quickstart.sh}: runs the quickstart, prints its report, then keeps everything running
 * until Ctrl-C (or stops right away with {@code --exit}). Exit code 0 on success, 1 when a step
 * failed, 2 for a bad command line.
 */
public final class Quickstart {
  private Quickstart() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out));
  }

  /** Runs the quickstart as {@link #main} does, without exiting the JVM; returns the exit code. */
  public static int run(String[] args, PrintStream out) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (Options.HelpRequested help) {
      out.println(Options.USAGE);
      return 0;
    } catch (IllegalArgumentException e) {
      out.println(e.getMessage());
      out.println(Options.USAGE);
      return 2;
    }

    QuickstartRun run = new QuickstartRun(options, out);
    // Ctrl-C or a kill: stop the worker and the broker before the JVM goes.
    Thread cleanup = new Thread(run::close, "quickstart-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      QuickstartReport report = run.execute();
      out.print(report.render());
      if (options.exit()) {
        out.println("--exit: stopping now. The run folder stays: " + report.runFolder());
      } else {
        out.println("Everything keeps running: try the commands above. Press Ctrl-C to stop.");
        out.println("The run folder stays after it stops: " + report.runFolder());
        new CountDownLatch(1).await();
      }
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } catch (Exception e) {
      out.println();
      out.println("The quickstart failed: " + e);
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        out.println("  caused by: " + cause);
      }
      out.println("The logs of the broker and the worker are in the run folder's logs/.");
      return 1;
    } finally {
      run.close();
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException shuttingDown) {
        // Already in shutdown: the hook is running or has run close() itself.
      }
    }
  }
}
