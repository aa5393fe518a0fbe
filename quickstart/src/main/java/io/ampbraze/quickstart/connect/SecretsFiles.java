package io.ampbraze.quickstart.connect;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.Properties;
import java.util.function.Function;

/**
 * Writes the files that config-provider references point to: a key of a properties file for {@code
 * file}, a whole file for {@code directory}. Files are readable by their owner only.
 */
public final class SecretsFiles {
  private SecretsFiles() {}

  public static void write(
      Collection<SecretReference> references, Function<SecretReference, String> value)
      throws IOException {
    for (SecretReference reference : references) {
      Path file = reference.file();
      Files.createDirectories(file.getParent());
      if ("directory".equals(reference.provider())) {
        Files.writeString(file, value.apply(reference));
      } else {
        Properties props = new Properties();
        if (Files.exists(file)) {
          try (Reader in = Files.newBufferedReader(file)) {
            props.load(in);
          }
        }
        props.setProperty(reference.key(), value.apply(reference));
        try (Writer out = Files.newBufferedWriter(file)) {
          props.store(out, null);
        }
      }
      ownerOnly(file);
    }
  }

  private static void ownerOnly(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the file keeps the folder's ACLs.
    }
  }
}
