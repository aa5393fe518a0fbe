package io.ampbraze.connect.currents.currents;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * Decodes Currents records with their writer schema, strings as {@link String}s.
 *
 * <p>Avro's default gives each string a {@code Utf8} (its own byte array) that the converters
 * then turn into a String anyway: every field goes into the output. Marked {@code
 * avro.java.string: String}, Avro decodes the text straight into a String through one reused
 * buffer. Same characters either way (both decode UTF-8 the same way), a third less garbage.
 * The mark is put on the file's own parsed writer schema, so no schema resolution is needed;
 * a string schema that already names a Java string type keeps it.
 */
public final class CurrentsDatumReader extends GenericDatumReader<GenericRecord> {

  @Override
  public void setSchema(Schema writer) {
    markJavaStrings(writer, Collections.newSetFromMap(new IdentityHashMap<>()));
    super.setSchema(writer);
  }

  private static void markJavaStrings(Schema s, Set<Schema> seen) {
    if (!seen.add(s)) {
      return; // a named schema used again, or a recursive one
    }
    switch (s.getType()) {
      case STRING -> mark(s);
      case MAP -> {
        mark(s); // the keys
        markJavaStrings(s.getValueType(), seen);
      }
      case ARRAY -> markJavaStrings(s.getElementType(), seen);
      case UNION -> s.getTypes().forEach(t -> markJavaStrings(t, seen));
      case RECORD -> s.getFields().forEach(f -> markJavaStrings(f.schema(), seen));
      default -> {
        // no strings inside
      }
    }
  }

  private static void mark(Schema s) {
    if (s.getProp(GenericData.STRING_PROP) == null) {
      s.addProp(GenericData.STRING_PROP, GenericData.StringType.String.name());
    }
  }
}
