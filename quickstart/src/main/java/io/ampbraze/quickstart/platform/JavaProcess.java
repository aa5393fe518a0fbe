package io.ampbraze.quickstart.platform;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A child JVM (broker, worker, storage tool) started through {@link ChildMain}, with its output in
 * a log file. Stopping it sends SIGTERM first, so Kafka's shutdown hooks run, and then kills what
 * is left of its process tree.
 */
public final class JavaProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private JavaProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code mainClass} in a new JVM.
   *
   * @param classpath Kafka's runtime jars; the launcher's own code location is added for {@link
   *     ChildMain}
   */
  public static JavaProcess start(
      String name,
      List<Path> classpath,
      List<String> jvmOptions,
      String mainClass,
      List<String> args,
      Path log)
      throws IOException {
    List<Path> fullClasspath = new ArrayList<>(classpath);
    fullClasspath.add(ownCodeLocation());

    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-D" + ChildMain.LAUNCHER_PID + "=" + ProcessHandle.current().pid());
    command.add("-cp");
    command.add(
        fullClasspath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
    command.add(ChildMain.class.getName());
    command.add(mainClass);
    command.addAll(args);

    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Process process = builder.start();
    process.getOutputStream().close(); // the child reads nothing from the launcher
    return new JavaProcess(name, process, log);
  }

  private static Path ownCodeLocation() {
    try {
      return Paths.get(ChildMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException("Cannot locate the quickstart's own classes", e);
    }
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return log;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the process to end by itself; returns its exit code. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      stop(Duration.ZERO);
      throw new IllegalStateException(
          name + " did not finish within " + timeout.toSeconds() + " s; see " + log);
    }
    return process.exitValue();
  }

  /** Asks the JVM to shut down (SIGTERM), waits up to {@code grace}, then kills its tree. */
  public void stop(Duration grace) {
    List<ProcessHandle> descendants = process.descendants().collect(Collectors.toList());
    if (process.isAlive()) {
      process.destroy();
      try {
        process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (process.isAlive()) {
      process.destroyForcibly();
    }
    descendants.forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(30));
  }
}
