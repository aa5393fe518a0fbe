package io.ampbraze.benchmarks.sink;

/** Samples the tasks' gauges (paused, buffered objects, requests in flight) every 50 ms. */
final class GaugeSampler implements AutoCloseable {
  private final TaskMetrics metrics;
  private final Thread thread;
  private volatile boolean running = true;
  private long samples;
  private long pausedTaskSamples;
  private long bufferedSum;
  private long inFlightSum;
  private final int tasks;

  GaugeSampler(TaskMetrics metrics) {
    this.metrics = metrics;
    this.tasks = Math.max(1, metricsTasks(metrics));
    this.thread = new Thread(this::loop, "bench-gauge-sampler");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  private static int metricsTasks(TaskMetrics m) {
    return m.taskCount();
  }

  private void loop() {
    while (running) {
      TaskMetrics.Snapshot s = metrics.read();
      synchronized (this) {
        samples++;
        pausedTaskSamples += s.pausedTasks();
        bufferedSum += s.bufferedObjects();
        inFlightSum += s.inFlight();
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Share of the time (over tasks) that partitions were paused because a buffer was full. */
  synchronized double pausedFraction() {
    return samples == 0 ? 0 : (double) pausedTaskSamples / samples / tasks;
  }

  synchronized double avgBuffered() {
    return samples == 0 ? 0 : (double) bufferedSum / samples;
  }

  synchronized double avgInFlight() {
    return samples == 0 ? 0 : (double) inFlightSum / samples;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(5000);
  }
}
