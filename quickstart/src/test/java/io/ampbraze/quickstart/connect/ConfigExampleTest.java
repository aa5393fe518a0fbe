package io.ampbraze.quickstart.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigExampleTest {
  @TempDir Path dir;

  private ConfigExample write(String name, String json) throws Exception {
    return ConfigExample.load(Files.writeString(dir.resolve(name), json));
  }

  @Test
  void readsAFlatMapOfStringsInFileOrder() throws Exception {
    ConfigExample example =
        write(
            "sink-x.json",
            "{\"connector.class\":\"a.B\",\"topics\":\"t1, t2\",\"tasks.max\":\"2\"}");
    assertThat(example.baseName()).isEqualTo("sink-x");
    assertThat(example.connectorClass()).isEqualTo("a.B");
    assertThat(example.config().keySet()).containsExactly("connector.class", "topics", "tasks.max");
    assertThat(example.topics()).containsExactly("t1", "t2");
    assertThat(example.configNamed("x")).containsEntry("name", "x").hasSize(4);
  }

  @Test
  void rejectsWhatTheRestApiWouldNotTakeAsIs() throws Exception {
    assertThatThrownBy(() -> write("a.json", "{\"connector.class\":\"a.B\",\"tasks.max\":2}"))
        .hasMessageContaining("tasks.max must be a JSON string");
    assertThatThrownBy(() -> write("b.json", "{\"topics\":\"t\"}"))
        .hasMessageContaining("connector.class is missing");
    assertThatThrownBy(() -> write("c.json", "[{\"connector.class\":\"a.B\"}]"))
        .hasMessageContaining("expected one JSON object");
  }

  @Test
  void movesSecretFilesKeepingTheirNamesAndKeys() throws Exception {
    ConfigExample example =
        write(
            "e.json",
            "{\"connector.class\":\"a.B\","
                + "\"k\":\"${file:/etc/kafka-connect/secrets/braze.properties:braze.api.key}\","
                + "\"g\":\"${directory:/etc/kafka-connect/secrets:gcs-credentials.json}\","
                + "\"plain\":\"${event_type}\"}");
    Path secrets = dir.resolve("run/secrets");
    ConfigExample moved = example.withSecretsIn(secrets);
    assertThat(moved.config())
        .containsEntry("k", "${file:" + secrets.resolve("braze.properties") + ":braze.api.key}")
        .containsEntry("g", "${directory:" + secrets + ":gcs-credentials.json}")
        .containsEntry("plain", "${event_type}");
    assertThat(moved.secretReferences())
        .extracting(SecretReference::file)
        .containsExactly(
            secrets.resolve("braze.properties"), secrets.resolve("gcs-credentials.json"));
  }

  @Test
  void overridesOnlyTheGivenSettings() throws Exception {
    ConfigExample example =
        write("o.json", "{\"connector.class\":\"a.B\",\"braze.rest.url\":\"https://x\"}");
    assertThat(
            example
                .with(Map.of("braze.rest.url", "http://127.0.0.1:1", "braze.allow.http", "true"))
                .config())
        .containsExactly(
            Map.entry("connector.class", "a.B"),
            Map.entry("braze.rest.url", "http://127.0.0.1:1"),
            Map.entry("braze.allow.http", "true"));
    assertThat(example.config()).containsEntry("braze.rest.url", "https://x");
  }

  @Test
  void findsEveryProviderVariableInAValue() {
    assertThat(SecretReference.in("${file:/a/b.properties:k1}-${directory:/c:d.json}"))
        .containsExactly(
            new SecretReference("file", "/a/b.properties", "k1"),
            new SecretReference("directory", "/c", "d.json"));
    assertThat(SecretReference.in("${event_type} and ${env:HOME}")).isEmpty();
  }
}
