package io.ampbraze.testkit.braze;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/**
 * The emulator's fault script. Thread-safe; changes apply to the next requests. For each
 * /users/track request, in this order: a running 429 storm, then the scripted faults of
 * {@link #next}, then the random faults of {@link #randomly} (first that fires) decide its
 * fate. Item rules ({@link #rejectObjects}) apply to every processed request.
 */
public final class Faults {
  private record RandomFault(double probability, Fault fault) {}

  /** A rule naming objects Braze should reject in errors[]. */
  private record ItemRule(Predicate<SubmittedObject> match, String type) {}

  private final Deque<Fault> scripted = new ArrayDeque<>();
  private final List<RandomFault> random = new ArrayList<>();
  private final List<ItemRule> itemRules = new ArrayList<>();
  private final Random rng;
  private final Clock clock;
  private long stormUntilMs;

  Faults(long seed, Clock clock) {
    this.rng = new Random(seed);
    this.clock = clock;
  }

  /** The next {@code count} requests get {@code fault}, after any already scripted. */
  public synchronized Faults next(int count, Fault fault) {
    for (int i = 0; i < count; i++) {
      scripted.addLast(fault);
    }
    return this;
  }

  /** Every request independently gets {@code fault} with {@code probability} (seeded). */
  public synchronized Faults randomly(double probability, Fault fault) {
    random.add(new RandomFault(probability, fault));
    return this;
  }

  /** Every request gets 429, with x-ratelimit-reset at the storm's end, for {@code duration}. */
  public synchronized Faults rateLimitStorm(Duration duration) {
    stormUntilMs = clock.millis() + duration.toMillis();
    return this;
  }

  /**
   * Objects matching {@code match} are answered in the errors[] of a 2xx answer (with
   * {@code input_array} and {@code index}) and not recorded, as Braze does for bad items.
   */
  public synchronized Faults rejectObjects(Predicate<SubmittedObject> match, String type) {
    itemRules.add(new ItemRule(match, type));
    return this;
  }

  /** Removes every fault, storm and item rule. */
  public synchronized Faults clear() {
    scripted.clear();
    random.clear();
    itemRules.clear();
    stormUntilMs = 0;
    return this;
  }

  /** The end of a running storm (epoch ms), or 0. */
  synchronized long stormUntil(long nowMs) {
    return nowMs < stormUntilMs ? stormUntilMs : 0;
  }

  /** The fault for the next request, or null. */
  synchronized Fault take() {
    Fault f = scripted.pollFirst();
    if (f != null) {
      return f;
    }
    for (RandomFault r : random) {
      if (rng.nextDouble() < r.probability()) {
        return r.fault();
      }
    }
    return null;
  }

  /** The error type for an object, or null when no rule matches. */
  synchronized String itemError(SubmittedObject object) {
    for (ItemRule rule : itemRules) {
      if (rule.match().test(object)) {
        return rule.type();
      }
    }
    return null;
  }

  /** A random delay between min and max. */
  synchronized long between(long minMs, long maxMs) {
    return maxMs <= minMs ? minMs : minMs + (long) (rng.nextDouble() * (maxMs - minMs + 1));
  }
}
