package io.ampbraze.quickstart.platform;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * A launcher in miniature: starts a {@link Sleeper} through {@link JavaProcess}, prints the child's
 * pid, then waits to be killed. Usage: {@code LauncherFixture <child classpath> <log>}.
 */
public final class LauncherFixture {
  private LauncherFixture() {}

  public static void main(String[] args) throws Exception {
    Path log = Paths.get(args[1]);
    JavaProcess child =
        JavaProcess.start(
            "sleeper",
            List.of(Paths.get(args[0])),
            List.of("-Xmx64m"),
            Sleeper.class.getName(),
            List.of(),
            log);
    System.out.println(child.pid());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
