package io.ampbraze.connect.currents.currents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.ampbraze.connect.currents.storage.StorageException;

/**
 * Backoff for a failing store: waits of 1 s doubling up to a maximum, for at most a total time,
 * after which the task fails with a message naming the store and the last error (so it shows in
 * the task's status). Any success resets it.
 */
final class StorageRetry {
  private static final Logger log = LoggerFactory.getLogger(StorageRetry.class);
  private static final Duration FIRST_WAIT = Duration.ofSeconds(1);

  private final String store;
  private final Optional<Duration> timeout;
  private final Duration maxWait;
  private final Clock clock;

  private Instant failingSince;
  private Instant nextAttempt;
  private Duration wait;
  private int failures;

  StorageRetry(String store, Optional<Duration> timeout, Duration maxWait, Clock clock) {
    this.store = store;
    this.timeout = timeout;
    this.maxWait = maxWait;
    this.clock = clock;
  }

  /** How long to wait before the next attempt; zero when not backing off. */
  Duration remainingWait() {
    if (nextAttempt == null) {
      return Duration.ZERO;
    }
    Duration d = Duration.between(clock.instant(), nextAttempt);
    return d.isNegative() ? Duration.ZERO : d;
  }

  boolean failing() {
    return failingSince != null;
  }

  void succeeded() {
    if (failingSince != null) {
      log.info("Storage {} works again after {} failed attempts", store, failures);
    }
    failingSince = null;
    nextAttempt = null;
    wait = null;
    failures = 0;
  }

  /**
   * Records a failure and schedules the next attempt; returns the exception that fails the task
   * when the failures have lasted longer than the timeout.
   */
  Optional<ConnectException> failed(StorageException e) {
    Instant now = clock.instant();
    if (failingSince == null) {
      failingSince = now;
    }
    failures++;
    wait = wait == null ? min(FIRST_WAIT, maxWait) : min(wait.multipliedBy(2), maxWait);
    nextAttempt = now.plus(wait);
    Duration failingFor = Duration.between(failingSince, now);
    if (timeout.isPresent() && failingFor.compareTo(timeout.get()) >= 0) {
      return Optional.of(
          new ConnectException(
              "Storage " + store + " has been failing for " + failingFor.toSeconds() + " s ("
                  + failures + " attempts, " + e.kind() + "), longer than"
                  + " currents.storage.retry.timeout.ms: " + e.getMessage()
                  + ". No offset moved past what was read; restart the task once the store is"
                  + " reachable.",
              e));
    }
    log.warn(
        "Storage {} failed ({}, attempt {}), retrying in {} ms: {}",
        store, e.kind(), failures, wait.toMillis(), e.getMessage());
    return Optional.empty();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
