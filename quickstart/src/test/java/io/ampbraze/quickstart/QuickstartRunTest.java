package io.ampbraze.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.ampbraze.quickstart.connect.ConfigExample;
import io.ampbraze.quickstart.doubles.LocalCurrentsBucket;
import io.ampbraze.quickstart.platform.Log4jConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickstartRunTest {
  @TempDir Path dir;

  private ConfigExample source(String topic) throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("source.json"),
            "{\"connector.class\":\""
                + QuickstartRun.CURRENTS_SOURCE
                + "\",\"topic\":\""
                + topic
                + "\"}");
    return ConfigExample.load(file);
  }

  @Test
  void theSourceWritesToItsTopicOrOneTopicPerEventTypeOfTheBucket() throws Exception {
    LocalCurrentsBucket bucket =
        LocalCurrentsBucket.generate(dir.resolve("bucket"), Instant.parse("2026-01-15T12:00:00Z"));
    assertThat(QuickstartRun.sourceTopics(source("braze-currents"), bucket))
        .containsExactly("braze-currents");
    assertThat(QuickstartRun.sourceTopics(source("braze.${event_type}"), bucket))
        .hasSize(LocalCurrentsBucket.EVENT_TYPES.size())
        .contains("braze.users.behaviors.Purchase", "braze.users.profile.Update");
  }

  @Test
  void theConsoleConsumerCommandReadsTheTopicOnKafkasJarsQuietly() throws Exception {
    Path tools = Log4jConfig.writeForTools(dir);
    assertThat(Files.readString(tools)).contains("target=\"SYSTEM_ERR\"", "<Root level=\"WARN\">");
    assertThat(
            LookFurther.consoleConsumer(
                Path.of("/p/kafka-runtime.classpath"), tools, "127.0.0.1:9092", "braze-currents"))
        .isEqualTo(
            "java -cp \"$(cat /p/kafka-runtime.classpath)\" -Dlog4j2.configurationFile="
                + tools
                + " org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server"
                + " 127.0.0.1:9092 --topic braze-currents --from-beginning --max-messages 3"
                + " --timeout-ms 10000 --formatter-property print.key=true --formatter-property"
                + " print.headers=true");
  }
}
