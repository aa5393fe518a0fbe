package io.ampbraze.quickstart.doubles;

import java.net.URI;

/**
 * The Braze REST API that the quickstart's sink connectors send to: a local stand-in, so that
 * nothing leaves the machine, which reports what it accepted.
 */
public interface BrazeDouble extends AutoCloseable {
  /** The value the quickstart puts in {@code braze.rest.url}. */
  URI restUrl();

  /** Where a user can {@code curl} the same summary while the quickstart runs. */
  URI summaryUrl();

  BrazeSummary summary();

  @Override
  void close();
}
