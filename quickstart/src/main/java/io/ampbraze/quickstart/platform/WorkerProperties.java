package io.ampbraze.quickstart.platform;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings of a distributed Connect worker as the quickstart runs it, and as the docs tell
 * users to set theirs up: plugins from {@code plugin.path}, secrets through the {@code file} and
 * {@code directory} config providers, and internal topics sized for the cluster at hand.
 */
public final class WorkerProperties {
  private WorkerProperties() {}

  /**
   * @param bootstrapServers the Kafka cluster
   * @param restHost host name and
   * @param restPort port the REST API listens on and advertises
   * @param pluginPath where the plugin archives are unzipped
   * @param secretsDir the only directory the config providers may read
   */
  public static Map<String, String> of(
      String bootstrapServers,
      String restHost,
      int restPort,
      String pluginPath,
      String secretsDir) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("bootstrap.servers", bootstrapServers);
    props.put("group.id", "ampbraze-quickstart");
    props.put("listeners", "http://" + restHost + ":" + restPort);
    props.put("rest.advertised.host.name", restHost);
    props.put("rest.advertised.port", Integer.toString(restPort));
    props.put("plugin.path", pluginPath);
    // Both archives ship META-INF/services manifests: discovery without scanning every jar.
    props.put("plugin.discovery", "service_load");

    props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");

    props.put("config.storage.topic", "connect-configs");
    props.put("offset.storage.topic", "connect-offsets");
    props.put("status.storage.topic", "connect-status");
    props.put("config.storage.replication.factor", "1");
    props.put("offset.storage.replication.factor", "1");
    props.put("status.storage.replication.factor", "1");
    // Commit sink offsets and flush source offsets every few seconds, so progress shows quickly.
    props.put("offset.flush.interval.ms", "5000");

    props.put("config.providers", "file,directory");
    props.put(
        "config.providers.file.class",
        "org.apache.kafka.common.config.provider.FileConfigProvider");
    props.put("config.providers.file.param.allowed.paths", secretsDir);
    props.put(
        "config.providers.directory.class",
        "org.apache.kafka.common.config.provider.DirectoryConfigProvider");
    props.put("config.providers.directory.param.allowed.paths", secretsDir);
    return props;
  }
}
