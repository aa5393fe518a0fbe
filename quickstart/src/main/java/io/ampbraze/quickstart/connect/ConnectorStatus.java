package io.ampbraze.quickstart.connect;

import java.util.List;

/** The state of a connector and its tasks, as {@code GET /connectors/{name}/status} reports it. */
public record ConnectorStatus(String name, String type, String state, List<TaskStatus> tasks) {
  /** One task's state, with the worker's stack trace when it failed. */
  public record TaskStatus(int id, String state, String trace) {}

  /** The connector and every one of its tasks (at least one) are RUNNING. */
  public boolean fullyRunning() {
    return "RUNNING".equals(state)
        && !tasks.isEmpty()
        && tasks.stream().allMatch(t -> "RUNNING".equals(t.state()));
  }

  public boolean anyFailed() {
    return "FAILED".equals(state) || tasks.stream().anyMatch(t -> "FAILED".equals(t.state()));
  }

  /** For example {@code RUNNING, tasks 1/1 RUNNING}. */
  public String summary() {
    long running = tasks.stream().filter(t -> "RUNNING".equals(t.state())).count();
    return state + ", tasks " + running + "/" + tasks.size() + " RUNNING";
  }
}
