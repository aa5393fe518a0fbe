package io.ampbraze.quickstart.connect;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A config-provider variable in a connector config, such as {@code
 * ${file:/etc/kafka-connect/secrets/braze.properties:braze.api.key}} (a key in a properties file)
 * or {@code ${directory:/etc/kafka-connect/secrets:gcs-credentials.json}} (a whole file). The
 * worker resolves these when it starts the connector; the REST API and the config topic only ever
 * hold the reference.
 */
public record SecretReference(String provider, String path, String key) {
  static final Pattern VARIABLE = Pattern.compile("\\$\\{(file|directory):([^:}]+):([^}]+)}");

  /** The provider variables in one config value. */
  public static List<SecretReference> in(String value) {
    List<SecretReference> found = new ArrayList<>();
    Matcher matcher = VARIABLE.matcher(value);
    while (matcher.find()) {
      found.add(new SecretReference(matcher.group(1), matcher.group(2), matcher.group(3)));
    }
    return found;
  }

  /**
   * The same reference with its file (for {@code file}) or directory (for {@code directory}) moved
   * into {@code secretsDir}, keeping the file name.
   */
  public SecretReference movedTo(Path secretsDir) {
    if ("directory".equals(provider)) {
      return new SecretReference(provider, secretsDir.toString(), key);
    }
    return new SecretReference(
        provider, secretsDir.resolve(Paths.get(path).getFileName()).toString(), key);
  }

  /** The file the worker reads for this reference. */
  public Path file() {
    return "directory".equals(provider) ? Paths.get(path, key) : Paths.get(path);
  }

  public String variable() {
    return "${" + provider + ":" + path + ":" + key + "}";
  }
}
