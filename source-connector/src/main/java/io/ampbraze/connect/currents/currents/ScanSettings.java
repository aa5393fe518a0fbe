package io.ampbraze.connect.currents.currents;

import java.time.Duration;
import java.util.Optional;

import io.ampbraze.connect.currents.config.CurrentsSourceConfig;

/**
 * When and how far a task lists.
 *
 * @param lookbackHours hours before the current one re-listed on every poll
 * @param sweepHorizonHours hours older than this are final once swept; 0 for never
 * @param pollInterval between two listings of the lookback window
 * @param sweepInterval between two sweeps of the older hours
 * @param discoveryInterval between two listings of the folders above the event types
 * @param startHour the first hour read, if not all
 */
public record ScanSettings(
    int lookbackHours,
    int sweepHorizonHours,
    Duration pollInterval,
    Duration sweepInterval,
    Duration discoveryInterval,
    Optional<UtcHour> startHour) {

  public static ScanSettings from(CurrentsSourceConfig c) {
    return new ScanSettings(
        c.lookbackHours(),
        c.sweepHorizonHours(),
        c.pollInterval(),
        c.sweepInterval(),
        c.discoveryInterval(),
        c.startHour());
  }
}
