package io.ampbraze.quickstart;

import io.ampbraze.quickstart.doubles.BrazeDouble;
import io.ampbraze.quickstart.sample.AmplitudeSamples;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The commands the report ends with, to look at the running quickstart from a shell. */
final class LookFurther {
  /** Kafka's console consumer, in the kafka-tools jar of the runtime classpath. */
  static final String CONSOLE_CONSUMER = "org.apache.kafka.tools.consumer.ConsoleConsumer";

  private LookFurther() {}

  /**
   * @param kafkaClasspathFile the file listing Kafka's jars (the console consumer runs on them)
   * @param toolsLog4jConfig a quiet logging configuration for command-line tools
   */
  static List<String> commands(
      URI connectUrl,
      String sink,
      String source,
      BrazeDouble braze,
      String bootstrapServers,
      String sourceTopic,
      String deadLetterTopic,
      Path kafkaClasspathFile,
      Path toolsLog4jConfig,
      Path workerLog) {
    String connect = connectUrl.toString().replaceAll("/$", "");
    List<String> commands = new ArrayList<>();
    commands.add("# Connect: state of every connector, a config as stored, pause/resume, offsets");
    commands.add("curl -s " + connect + "/connectors?expand=status");
    commands.add("curl -s " + connect + "/connectors/" + sink + "/config");
    commands.add("curl -s -X PUT " + connect + "/connectors/" + sink + "/pause");
    commands.add("curl -s -X PUT " + connect + "/connectors/" + sink + "/resume");
    commands.add(
        "curl -s -X POST '"
            + connect
            + "/connectors/"
            + sink
            + "/restart?includeTasks=true&onlyFailed=true'");
    commands.add("curl -s " + connect + "/connectors/" + source + "/offsets");
    commands.add("# The Braze emulator: counters, accepted objects by kind or by user");
    commands.add("curl -s " + braze.summaryUrl());
    commands.add("curl -s '" + braze.objectsUrl("purchases", null, 3) + "'");
    commands.add(
        "curl -s '"
            + braze.objectsUrl(null, "external_id:" + AmplitudeSamples.userId(1), 20)
            + "'");
    commands.add(
        "# Kafka: what the source emitted (headers carry the Currents event type and file)");
    commands.add(
        consoleConsumer(kafkaClasspathFile, toolsLog4jConfig, bootstrapServers, sourceTopic));
    if (deadLetterTopic != null) {
      commands.add(
          "# the same with --topic " + deadLetterTopic + " shows records the events sink reported");
    }
    commands.add("# The worker's log (the connectors log under io.ampbraze)");
    commands.add("less " + workerLog);
    return commands;
  }

  /** Kafka's console consumer on the runtime's jars, reading a topic from the beginning. */
  static String consoleConsumer(
      Path kafkaClasspathFile, Path toolsLog4jConfig, String bootstrapServers, String topic) {
    return "java -cp \"$(cat "
        + kafkaClasspathFile
        + ")\" -Dlog4j2.configurationFile="
        + toolsLog4jConfig
        + " "
        + CONSOLE_CONSUMER
        + " --bootstrap-server "
        + bootstrapServers
        + " --topic "
        + topic
        + " --from-beginning --max-messages 3 --timeout-ms 10000"
        + " --formatter-property print.key=true --formatter-property print.headers=true";
  }
}
