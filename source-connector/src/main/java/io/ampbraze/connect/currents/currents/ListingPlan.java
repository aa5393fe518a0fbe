package io.ampbraze.connect.currents.currents;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a range of hours of one event-type folder into as few listing prefixes as sensible.
 * Hour folders are named {@code date=YYYY-MM-DD-HH}, so the prefix {@code date=YYYY-MM-DD-}
 * lists a whole day in one call; days of which the range covers only a few hours are listed hour
 * by hour instead, so that a small window does not pull a whole day of keys.
 */
public final class ListingPlan {
  /** From this many hours of one day on, one day prefix is used instead of hour prefixes. */
  static final int DAY_PREFIX_MIN_HOURS = 4;
  /** Ranges longer than this are listed as the whole folder (one key listing, paged). */
  static final int WHOLE_FOLDER_MIN_DAYS = 32;

  private ListingPlan() {}

  /**
   * The prefixes that cover the hours {@code from}..{@code to} (inclusive) of {@code folder}.
   * Listings of these prefixes may return keys of hours outside the range: callers filter.
   *
   * @param from the first hour, or null for "from the beginning" (lists the whole folder)
   */
  public static List<String> prefixes(EventTypeFolder folder, UtcHour from, UtcHour to) {
    if (from == null || to.epochHour() - from.epochHour() + 1 >= WHOLE_FOLDER_MIN_DAYS * 24L) {
      return List.of(folder.folder());
    }
    List<String> out = new ArrayList<>();
    if (from.isAfter(to)) {
      return out;
    }
    UtcHour h = from;
    while (!h.isAfter(to)) {
      LocalDate day = h.day();
      UtcHour dayEnd = h.plusHours(23L - h.hourOfDay());
      UtcHour last = UtcHour.min(dayEnd, to);
      long covered = last.epochHour() - h.epochHour() + 1;
      if (covered >= DAY_PREFIX_MIN_HOURS) {
        out.add(folder.folder() + "date=" + day + "-");
      } else {
        for (UtcHour x = h; !x.isAfter(last); x = x.plusHours(1)) {
          out.add(folder.hourFolder(x));
        }
      }
      h = last.plusHours(1);
    }
    return out;
  }
}
