package io.ampbraze.quickstart.docs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Writes {@code docs/sink-config.md} and {@code docs/source-config.md} from the connectors'
 * ConfigDefs. Run it with {@value ConnectorDocs#REGENERATE} (the connectors are on the quickstart
 * module's test classpath only).
 *
 * <p>Usage: {@code ConfigReferenceGenerator <docs dir>}.
 */
public final class ConfigReferenceGenerator {
  private ConfigReferenceGenerator() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ConfigReferenceGenerator <docs dir>");
    }
    Path docs = Paths.get(args[0]).toAbsolutePath().normalize();
    Files.createDirectories(docs);
    for (ConnectorDocs connector : ConnectorDocs.ALL) {
      Path file = docs.resolve(connector.fileName());
      Files.writeString(file, connector.render());
      System.out.println("Wrote " + file);
    }
  }
}
