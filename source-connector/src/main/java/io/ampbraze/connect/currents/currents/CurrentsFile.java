package io.ampbraze.connect.currents.currents;

import java.time.Instant;

/**
 * A file to read.
 *
 * @param key the object key
 * @param folder its event-type folder
 * @param hour its hour folder
 * @param lastModified when the store last saw it written; null when unknown (a file resumed from
 *     a stored offset before any listing)
 */
public record CurrentsFile(String key, EventTypeFolder folder, UtcHour hour, Instant lastModified) {
  public HourKey hourKey() {
    return new HourKey(folder.folder(), hour);
  }
}
