package io.ampbraze.connect.currents.currents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ListingPlanTest {
  private static final EventTypeFolder F =
      new EventTypeFolder("c/i/event_type=users.behaviors.CustomEvent/", "users.behaviors.CustomEvent");

  private static UtcHour h(String s) {
    return UtcHour.parse(s).orElseThrow();
  }

  @Test
  void aFullDayIsOneDayPrefix() {
    assertThat(ListingPlan.prefixes(F, h("2024-03-05-00"), h("2024-03-05-23")))
        .containsExactly(F.folder() + "date=2024-03-05-");
  }

  @Test
  void fewHoursOfADayAreListedHourByHour() {
    assertThat(ListingPlan.prefixes(F, h("2024-03-05-22"), h("2024-03-06-01")))
        .containsExactly(
            F.folder() + "date=2024-03-05-22/",
            F.folder() + "date=2024-03-05-23/",
            F.folder() + "date=2024-03-06-00/",
            F.folder() + "date=2024-03-06-01/");
  }

  @Test
  void theDefaultWindowCostsAtMostFiveCalls() {
    // 48 lookback hours + the current + the next: 50 hours, however they fall on days.
    for (int start = 0; start < 24; start++) {
      UtcHour from = h("2024-03-05-00").plusHours(start);
      int calls = ListingPlan.prefixes(F, from, from.plusHours(49)).size();
      assertThat(calls).as("window starting at hour %d", start).isBetween(3, 5);
    }
  }

  @Test
  void longRangesAndOpenStartsListTheWholeFolder() {
    assertThat(ListingPlan.prefixes(F, null, h("2024-03-05-00"))).containsExactly(F.folder());
    assertThat(ListingPlan.prefixes(F, h("2024-01-01-00"), h("2024-03-05-00")))
        .containsExactly(F.folder());
  }

  @Test
  void emptyRangeListsNothing() {
    assertThat(ListingPlan.prefixes(F, h("2024-03-05-10"), h("2024-03-05-09"))).isEmpty();
  }

  @Test
  void aWeekIsEightOrFewerCalls() {
    assertThat(ListingPlan.prefixes(F, h("2024-03-01-05"), h("2024-03-07-20")))
        .containsExactly(
            F.folder() + "date=2024-03-01-",
            F.folder() + "date=2024-03-02-",
            F.folder() + "date=2024-03-03-",
            F.folder() + "date=2024-03-04-",
            F.folder() + "date=2024-03-05-",
            F.folder() + "date=2024-03-06-",
            F.folder() + "date=2024-03-07-");
  }
}
