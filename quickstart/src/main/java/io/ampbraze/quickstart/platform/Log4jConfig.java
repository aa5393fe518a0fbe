package io.ampbraze.quickstart.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The log4j2 configurations of the JVMs the quickstart starts (everything to stdout, which goes to
 * their log files) and of the command-line tools its report suggests.
 */
public final class Log4jConfig {
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

  /**
   * A configuration for Kafka's command-line tools (the console consumer the report shows):
   * warnings and errors only, on stderr, so that stdout holds just the tool's output.
   */
  public static Path writeForTools(Path dir) throws IOException {
    Path file = dir.resolve("tools-log4j2.xml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<Configuration status=\"WARN\">",
            "  <Appenders>",
            "    <Console name=\"stderr\" target=\"SYSTEM_ERR\">",
            "      <PatternLayout pattern=\"[%d] %p %m (%c)%n\"/>",
            "    </Console>",
            "  </Appenders>",
            "  <Loggers>",
            "    <Root level=\"WARN\">",
            "      <AppenderRef ref=\"stderr\"/>",
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
