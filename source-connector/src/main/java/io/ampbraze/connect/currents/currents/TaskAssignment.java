package io.ampbraze.connect.currents.currents;

/**
 * Which event-type folders a task reads: those whose key hashes to the task's id modulo the
 * number of tasks. {@link String#hashCode()} is fixed by the Java specification, so every worker
 * agrees without talking to the others, and a folder keeps its task as long as the number of
 * tasks does not change.
 */
public record TaskAssignment(int taskId, int taskCount) {
  public TaskAssignment {
    if (taskCount < 1 || taskId < 0 || taskId >= taskCount) {
      throw new IllegalArgumentException("task " + taskId + " of " + taskCount);
    }
  }

  public boolean owns(String eventTypeFolder) {
    return Math.floorMod(eventTypeFolder.hashCode(), taskCount) == taskId;
  }
}
