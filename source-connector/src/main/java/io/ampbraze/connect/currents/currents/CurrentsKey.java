package io.ampbraze.connect.currents.currents;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An object key parsed against the Currents layout
 *
 * <pre>
 * &lt;prefix&gt;/dataexport.&lt;cluster&gt;.&lt;conn&gt;.integration.&lt;id&gt;/event_type=&lt;type&gt;/date=&lt;YYYY-MM-DD-HH&gt;/&lt;schema-id&gt;/&lt;zone&gt;/&lt;name&gt;.avro
 * </pre>
 *
 * Only the {@code event_type=} and {@code date=} folders are relied on (Braze says file naming
 * may change): the integration folder name, schema id, zone and file name are parsed when they
 * look as documented and left empty otherwise.
 *
 * @param key the whole key
 * @param integrationFolder everything before {@code event_type=}, ending in '/' (or "")
 * @param eventType the Currents event type, e.g. {@code users.behaviors.CustomEvent}
 * @param hour the {@code date=} hour
 * @param schemaId the schema-id folder right under the hour, if it is a number
 * @param fileName the last segment of the key
 * @param integration the parts of the integration folder's name, if it has Braze's form
 */
public record CurrentsKey(
    String key,
    String integrationFolder,
    String eventType,
    UtcHour hour,
    Optional<Integer> schemaId,
    String fileName,
    Optional<Integration> integration) {

  private static final String EVENT_TYPE = "event_type=";
  private static final String DATE = "date=";
  private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*");
  private static final Pattern INTEGRATION =
      Pattern.compile("dataexport\\.([^.]+)\\.([^.]+)\\.integration\\.(.+)");

  /** The parts of a {@code dataexport.<cluster>.<conn>.integration.<id>} folder name. */
  public record Integration(String cluster, String connectionType, String integrationId) {}

  /** The event-type folder this key is in, ending in '/'. */
  public String eventTypeFolder() {
    return integrationFolder + EVENT_TYPE + eventType + "/";
  }

  /**
   * Whether this looks like a Currents data file: an {@code .avro} name that is not hidden or a
   * marker ({@code .name}, {@code _name}). Anything else under an hour folder is ignored.
   */
  public boolean isDataFile() {
    return fileName.toLowerCase(Locale.ROOT).endsWith(".avro")
        && !fileName.startsWith(".")
        && !fileName.startsWith("_");
  }

  /** Parses a key; empty when it has no {@code event_type=<type>/date=<hour>/<...>} part. */
  public static Optional<CurrentsKey> parse(String key) {
    if (key == null || key.isEmpty() || key.endsWith("/")) {
      return Optional.empty();
    }
    String[] seg = key.split("/", -1);
    for (int i = 0; i + 2 < seg.length; i++) {
      if (!seg[i].startsWith(EVENT_TYPE) || !seg[i + 1].startsWith(DATE)) {
        continue;
      }
      String type = seg[i].substring(EVENT_TYPE.length());
      Optional<UtcHour> hour = UtcHour.parse(seg[i + 1].substring(DATE.length()));
      String name = seg[seg.length - 1];
      if (!TYPE.matcher(type).matches() || hour.isEmpty() || name.isEmpty()) {
        return Optional.empty();
      }
      StringBuilder folder = new StringBuilder();
      for (int j = 0; j < i; j++) {
        folder.append(seg[j]).append('/');
      }
      Optional<Integer> schemaId =
          seg.length - (i + 2) >= 2 ? number(seg[i + 2]) : Optional.empty();
      Optional<Integration> integration = Optional.empty();
      if (i > 0) {
        Matcher m = INTEGRATION.matcher(seg[i - 1]);
        if (m.matches()) {
          integration = Optional.of(new Integration(m.group(1), m.group(2), m.group(3)));
        }
      }
      return Optional.of(
          new CurrentsKey(key, folder.toString(), type, hour.get(), schemaId, name, integration));
    }
    return Optional.empty();
  }

  /** Whether a folder name (last segment, with or without '/') is an event-type folder. */
  static Optional<String> eventTypeOfFolder(String folderKey) {
    String f = folderKey.endsWith("/") ? folderKey.substring(0, folderKey.length() - 1) : folderKey;
    String last = f.substring(f.lastIndexOf('/') + 1);
    if (!last.startsWith(EVENT_TYPE)) {
      return Optional.empty();
    }
    String type = last.substring(EVENT_TYPE.length());
    return TYPE.matcher(type).matches() ? Optional.of(type) : Optional.empty();
  }

  private static Optional<Integer> number(String s) {
    if (s.isEmpty() || s.length() > 9) {
      return Optional.empty();
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return Optional.empty();
      }
    }
    return Optional.of(Integer.parseInt(s));
  }
}
