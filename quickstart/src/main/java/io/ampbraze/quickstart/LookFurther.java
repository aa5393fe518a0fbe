package io.ampbraze.quickstart;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** The commands the report ends with, to look at the running quickstart from a shell. */
final class LookFurther {
  private LookFurther() {}

  static List<String> commands(
      URI connectUrl, String sink, String source, URI brazeSummary, Path workerLog) {
    String connect = connectUrl.toString().replaceAll("/$", "");
    return List.of(
        "curl -s " + connect + "/connectors?expand=status",
        "curl -s " + connect + "/connectors/" + sink + "/config",
        "curl -s -X PUT " + connect + "/connectors/" + sink + "/pause",
        "curl -s -X PUT " + connect + "/connectors/" + sink + "/resume",
        "curl -s -X POST '"
            + connect
            + "/connectors/"
            + sink
            + "/restart?includeTasks=true&onlyFailed=true'",
        "curl -s " + connect + "/connectors/" + source + "/offsets",
        "curl -s " + brazeSummary,
        "less " + workerLog);
  }
}
