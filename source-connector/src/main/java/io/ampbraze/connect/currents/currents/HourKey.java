package io.ampbraze.connect.currents.currents;

/** One hour folder of one event-type folder: the unit of progress (one source partition). */
public record HourKey(String folder, UtcHour hour) implements Comparable<HourKey> {
  @Override
  public int compareTo(HourKey o) {
    int c = hour.compareTo(o.hour);
    return c != 0 ? c : folder.compareTo(o.folder);
  }
}
