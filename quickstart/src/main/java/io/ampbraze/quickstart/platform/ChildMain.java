package io.ampbraze.quickstart.platform;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Optional;

/**
 * Entry point of every JVM the quickstart starts: runs a Kafka main class, but ties the child's
 * life to the launcher's.
 *
 * <ul>
 *   <li>Ctrl-C in the terminal reaches the whole process group. The child ignores SIGINT so the
 *       launcher can stop the worker before the broker, in order, with SIGTERM.
 *   <li>If the launcher dies without cleaning up (kill -9, a crashed IDE), the child notices and
 *       exits through its own shutdown hooks instead of living on as an orphan.
 * </ul>
 *
 * <p>Usage: {@code java -Dquickstart.launcher.pid=<pid> ChildMain <main class> [args...]}.
 */
public final class ChildMain {
  /** System property with the pid of the launcher whose exit ends this JVM. */
  static final String LAUNCHER_PID = "quickstart.launcher.pid";

  private ChildMain() {}

  public static void main(String[] args) throws Throwable {
    if (args.length == 0) {
      throw new IllegalArgumentException("usage: ChildMain <main class> [args...]");
    }
    ignoreInterrupts();

    // The launcher names itself: by the time this runs, a launcher killed during startup may
    // already have been replaced as parent by init.
    Optional<ProcessHandle> launcher =
        ProcessHandle.of(Long.parseLong(System.getProperty(LAUNCHER_PID)));
    if (launcher.isEmpty() || !launcher.get().isAlive()) {
      System.err.println("The quickstart launcher is gone; not starting " + args[0]);
      System.exit(1);
    }
    launcher
        .get()
        .onExit()
        .thenRun(
            () -> {
              System.err.println("The quickstart launcher exited; shutting down " + args[0]);
              System.exit(0);
            });

    Method main = Class.forName(args[0]).getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /**
   * Installs a Java-level handler for SIGINT that does nothing. Reached through reflection: {@code
   * sun.misc.Signal} is in the JDK's jdk.unsupported module, and a direct reference draws a
   * compiler warning that cannot be suppressed. Where it is missing, the child just gets the
   * terminal's SIGINT too, and still stops.
   */
  private static void ignoreInterrupts() {
    try {
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      Object ignore =
          Proxy.newProxyInstance(
              ChildMain.class.getClassLoader(),
              new Class<?>[] {handlerClass},
              (proxy, method, methodArgs) -> {
                switch (method.getName()) {
                  case "hashCode":
                    return System.identityHashCode(proxy);
                  case "equals":
                    return proxy == methodArgs[0];
                  case "toString":
                    return "ignore SIGINT";
                  default:
                    return null;
                }
              });
      Object interrupt = signalClass.getConstructor(String.class).newInstance("INT");
      signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, interrupt, ignore);
    } catch (ReflectiveOperationException | RuntimeException unavailable) {
      System.err.println("SIGINT cannot be ignored here: " + unavailable);
    }
  }
}
