package io.ampbraze.quickstart.doubles;

import java.net.URI;
import java.util.List;

/**
 * The Braze REST API that the quickstart's sink connectors send to: a local stand-in, so that
 * nothing leaves the machine, which reports what it accepted.
 */
public interface BrazeDouble extends AutoCloseable {
  /** The value the quickstart puts in {@code braze.rest.url}. */
  URI restUrl();

  /** Where a user can {@code curl} the same summary while the quickstart runs. */
  URI summaryUrl();

  /**
   * Where a user can {@code curl} the accepted objects, e.g. {@code objectsUrl("events", null, 5)}.
   *
   * @param kind {@code attributes}, {@code events}, {@code purchases}, or null for all
   * @param user a user key such as {@code external_id:user-0001}, or null for all users
   */
  URI objectsUrl(String kind, String user, int limit);

  /** What the double enforces, in a few words (batch limit, rate limit, latency). */
  String limits();

  BrazeSummary summary();

  /** Every object accepted so far, in arrival order. */
  List<BrazeObject> accepted();

  @Override
  void close();
}
