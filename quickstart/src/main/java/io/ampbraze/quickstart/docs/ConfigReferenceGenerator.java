package io.ampbraze.quickstart.docs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Writes {@code docs/sink-config.md} and {@code docs/source-config.md} from the connectors'
 * ConfigDefs, and the compact configuration tables between the marker comments of {@code
 * README.md}. Run it with {@value ConnectorDocs#REGENERATE} (the connectors are on the quickstart
 * module's test classpath only).
 *
 * <p>Usage: {@code ConfigReferenceGenerator <docs dir> <README.md>}.
 */
public final class ConfigReferenceGenerator {
  private ConfigReferenceGenerator() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: ConfigReferenceGenerator <docs dir> <README.md>");
    }
    Path docs = Paths.get(args[0]).toAbsolutePath().normalize();
    Path readmeFile = Paths.get(args[1]).toAbsolutePath().normalize();
    // Check the README's markers before writing anything, so a bad README changes no file.
    String readme = Files.readString(readmeFile);
    for (ConnectorDocs connector : ConnectorDocs.ALL) {
      readme = connector.readmeSection().splice(readme, connector.renderReadmeTable());
    }
    Files.createDirectories(docs);
    for (ConnectorDocs connector : ConnectorDocs.ALL) {
      write(docs.resolve(connector.fileName()), connector.render());
    }
    write(readmeFile, readme);
  }

  /** Writes only a changed file: an untouched mtime keeps quickstart.sh from rebuilding. */
  private static void write(Path file, String content) throws Exception {
    if (Files.exists(file) && Files.readString(file).equals(content)) {
      System.out.println("Up to date: " + file);
      return;
    }
    Files.writeString(file, content);
    System.out.println("Wrote " + file);
  }
}
