package io.ampbraze.quickstart.it;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The processes alive below a process: for a test JVM or a launcher, exactly the JVMs the
 * quickstart started (storage tool, broker, worker), since nothing else starts processes there.
 */
final class ChildJvms {
  private ChildJvms() {}

  static List<ProcessHandle> of(ProcessHandle parent) {
    return parent.descendants().filter(ProcessHandle::isAlive).collect(Collectors.toList());
  }
}
