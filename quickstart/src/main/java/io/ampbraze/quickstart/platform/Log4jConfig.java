package io.ampbraze.quickstart.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A log4j2 configuration for the child JVMs: everything to stdout, which goes to its log file. */
final class Log4jConfig {
  private Log4jConfig() {}

  static Path write(Path dir) throws IOException {
    Path file = dir.resolve("log4j2.xml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<Configuration status=\"WARN\">",
            "  <Appenders>",
            "    <Console name=\"stdout\" target=\"SYSTEM_OUT\">",
            "      <PatternLayout pattern=\"[%d] %p %m (%c)%n\"/>",
            "    </Console>",
            "  </Appenders>",
            "  <Loggers>",
            "    <Logger name=\"kafka.request.logger\" level=\"WARN\"/>",
            "    <Logger name=\"org.apache.kafka.clients\" level=\"WARN\"/>",
            "    <Logger name=\"org.apache.kafka.common.config\" level=\"WARN\"/>",
            "    <Logger name=\"org.reflections\" level=\"ERROR\"/>",
            "    <Root level=\"INFO\">",
            "      <AppenderRef ref=\"stdout\"/>",
            "    </Root>",
            "  </Loggers>",
            "</Configuration>",
            ""));
    return file;
  }

  /** The JVM options every child gets: small heaps (the machine is shared), this logging. */
  static java.util.List<String> jvmOptions(Path log4jConfig, String heap) {
    return java.util.List.of(
        "-Xms64m",
        "-Xmx" + heap,
        "-XX:+UseSerialGC",
        "-Djava.awt.headless=true",
        "-Dlog4j2.configurationFile=" + log4jConfig.toUri());
  }
}
