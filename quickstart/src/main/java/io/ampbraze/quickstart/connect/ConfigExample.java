package io.ampbraze.quickstart.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * One file of {@code config-examples/}: a flat JSON object of string values, the body of {@code PUT
 * /connectors/{name}/config}. The connector's name is not in the file; it comes from the URL.
 */
public final class ConfigExample {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String fileName;
  private final Map<String, String> config;

  private ConfigExample(String fileName, Map<String, String> config) {
    this.fileName = fileName;
    this.config = Collections.unmodifiableMap(config);
  }

  /** Reads every {@code *.json} of {@code dir}, sorted by file name. */
  public static List<ConfigExample> loadAll(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> json = Files.newDirectoryStream(dir, "*.json")) {
      json.forEach(files::add);
    }
    Collections.sort(files);
    List<ConfigExample> examples = new ArrayList<>();
    for (Path file : files) {
      examples.add(load(file));
    }
    return examples;
  }

  /**
   * Reads one example, rejecting anything that {@code PUT /connectors/{name}/config} would not take
   * as is.
   */
  public static ConfigExample load(Path file) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(file + ": expected one JSON object of config keys");
    }
    Map<String, String> config = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      if (!field.getValue().isTextual()) {
        throw new IllegalArgumentException(
            file + ": the value of " + field.getKey() + " must be a JSON string");
      }
      config.put(field.getKey(), field.getValue().asText());
    }
    if (!config.containsKey("connector.class")) {
      throw new IllegalArgumentException(file + ": connector.class is missing");
    }
    return new ConfigExample(file.getFileName().toString(), config);
  }

  /** For example {@code sink-events.json}. */
  public String fileName() {
    return fileName;
  }

  /** The file name without {@code .json}, for example {@code sink-events}. */
  public String baseName() {
    return fileName.substring(0, fileName.length() - ".json".length());
  }

  public String connectorClass() {
    return config.get("connector.class");
  }

  public Map<String, String> config() {
    return config;
  }

  /** Every config-provider variable in the example. */
  public List<SecretReference> secretReferences() {
    List<SecretReference> references = new ArrayList<>();
    config.values().forEach(value -> references.addAll(SecretReference.in(value)));
    return references;
  }

  /** The example with every secret file it references moved into {@code secretsDir}. */
  public ConfigExample withSecretsIn(Path secretsDir) {
    Map<String, String> moved = new LinkedHashMap<>();
    config.forEach(
        (key, value) -> {
          Matcher matcher = SecretReference.VARIABLE.matcher(value);
          StringBuilder result = new StringBuilder();
          while (matcher.find()) {
            SecretReference reference =
                new SecretReference(matcher.group(1), matcher.group(2), matcher.group(3));
            matcher.appendReplacement(
                result, Matcher.quoteReplacement(reference.movedTo(secretsDir).variable()));
          }
          matcher.appendTail(result);
          moved.put(key, result.toString());
        });
    return new ConfigExample(fileName, moved);
  }

  /** The example with these settings replaced or added (the endpoint and paths of a run). */
  public ConfigExample with(Map<String, String> overrides) {
    Map<String, String> changed = new LinkedHashMap<>(config);
    changed.putAll(overrides);
    return new ConfigExample(fileName, changed);
  }

  /** The example's config with the connector's name added, as the validate endpoint wants it. */
  public Map<String, String> configNamed(String connectorName) {
    Map<String, String> named = new LinkedHashMap<>(config);
    named.put("name", connectorName);
    return named;
  }

  /**
   * The topics this example's connector reads (sink {@code topics}) or writes (source {@code
   * topic}).
   */
  public List<String> topics() {
    List<String> topics = new ArrayList<>();
    for (String key : List.of("topics", "topic")) {
      String value = config.get(key);
      if (value != null) {
        for (String topic : value.split(",")) {
          if (!topic.isBlank()) {
            topics.add(topic.trim());
          }
        }
      }
    }
    return topics;
  }

  /** The dead letter queue topic, if the example sets one. */
  public String deadLetterQueueTopic() {
    return config.get("errors.deadletterqueue.topic.name");
  }

  public String toJson() {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
