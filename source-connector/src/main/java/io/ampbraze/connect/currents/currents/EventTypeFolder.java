package io.ampbraze.connect.currents.currents;

/**
 * One {@code event_type=} folder: the unit of discovery, task assignment and listing.
 *
 * @param folder the folder's key, ending in '/', e.g. {@code
 *     currents/dataexport.prod-01.S3.integration.abc/event_type=users.behaviors.CustomEvent/}
 * @param eventType the Currents event type
 */
public record EventTypeFolder(String folder, String eventType) {
  public EventTypeFolder {
    if (!folder.endsWith("/")) {
      throw new IllegalArgumentException("a folder key ends in '/': " + folder);
    }
  }

  /** The prefix of one hour folder. */
  public String hourFolder(UtcHour hour) {
    return folder + "date=" + hour + "/";
  }
}
