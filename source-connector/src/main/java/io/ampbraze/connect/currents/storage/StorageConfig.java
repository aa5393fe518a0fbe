package io.ampbraze.connect.currents.storage;

import java.nio.file.Path;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;

/**
 * The storage part of the source connector's configuration: which store, where, and how to
 * authenticate. The connector's config calls {@link #define} to add these keys to its ConfigDef,
 * {@link #validate} from {@code Connector.validate()}, and {@link #open} in each task.
 */
public final class StorageConfig {
  public static final String GROUP = "Storage";

  public static final String STORAGE = "currents.storage";
  public static final String BUCKET = "currents.bucket";
  public static final String LOCAL_ROOT = "currents.local.root";

  private StorageConfig() {}

  /** Adds the storage keys to {@code def} and returns it. */
  public static ConfigDef define(ConfigDef def) {
    return def.define(
            STORAGE,
            ConfigDef.Type.STRING,
            ConfigDef.NO_DEFAULT_VALUE,
            ConfigDef.ValidString.in("s3", "gcs", "azure", "local"),
            ConfigDef.Importance.HIGH,
            "Where Braze Currents writes: s3, gcs, azure or local.",
            GROUP,
            1,
            ConfigDef.Width.SHORT,
            "Storage")
        .define(
            BUCKET,
            ConfigDef.Type.STRING,
            "",
            ConfigDef.Importance.HIGH,
            "S3 or GCS bucket, or Azure container. Required unless currents.storage=local.",
            GROUP,
            2,
            ConfigDef.Width.MEDIUM,
            "Bucket or container")
        .define(
            LOCAL_ROOT,
            ConfigDef.Type.STRING,
            "",
            ConfigDef.Importance.MEDIUM,
            "Root directory when currents.storage=local.",
            GROUP,
            3,
            ConfigDef.Width.LONG,
            "Local root");
  }

  /** Cross-key checks; adds error messages to the offending keys in {@code results}. */
  public static void validate(Map<String, String> props, Map<String, ConfigValue> results) {
    String storage = props.get(STORAGE);
    if ("local".equals(storage) && blank(props.get(LOCAL_ROOT))) {
      addError(results, LOCAL_ROOT, LOCAL_ROOT + " is required when " + STORAGE + "=local");
    }
    if (storage != null && !"local".equals(storage) && blank(props.get(BUCKET))) {
      addError(results, BUCKET, BUCKET + " is required when " + STORAGE + "=" + storage);
    }
  }

  /** Opens the configured store. */
  public static CurrentsStorage open(AbstractConfig config) {
    String storage = config.getString(STORAGE);
    if ("local".equals(storage)) {
      return new LocalStorage(Path.of(config.getString(LOCAL_ROOT)));
    }
    throw new ConfigException(STORAGE, storage, "storage not available yet in this build");
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static void addError(Map<String, ConfigValue> results, String key, String message) {
    results.computeIfAbsent(key, ConfigValue::new).addErrorMessage(message);
  }
}
