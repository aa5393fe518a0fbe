package io.ampbraze.benchmarks.sink;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Record-to-acknowledgement latency: when each record was handed to put(), and when preCommit
 * first covered its offset. One instance per task thread for the put side; the histogram
 * (1 ms buckets up to 120 s) is shared by the tasks of a run.
 */
final class AckLatency {
  /** Latencies of many tasks, in 1 ms buckets. */
  static final class Histogram {
    private static final int BUCKETS = 120_001;
    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    void add(long nanos) {
      int ms = (int) Math.min(BUCKETS - 1, nanos / 1_000_000);
      counts.incrementAndGet(ms);
    }

    long count() {
      long n = 0;
      for (int i = 0; i < BUCKETS; i++) {
        n += counts.get(i);
      }
      return n;
    }

    /** The q-quantile in milliseconds (upper edge of its bucket), or NaN when empty. */
    double quantileMs(double q) {
      long n = count();
      if (n == 0) {
        return Double.NaN;
      }
      long rank = (long) Math.ceil(q * n);
      long seen = 0;
      for (int i = 0; i < BUCKETS; i++) {
        seen += counts.get(i);
        if (seen >= rank) {
          return i + 1;
        }
      }
      return BUCKETS;
    }
  }

  /** Put times of one partition's consumed, not yet acknowledged offsets (contiguous). */
  private static final class Ring {
    long[] putNanos = new long[1 << 12];
    long first; // offset of the oldest entry
    long next; // one past the newest offset
  }

  private final Ring[] rings;
  private final Histogram histogram;
  private volatile long measureFromNanos = Long.MAX_VALUE;
  private volatile long measureUntilNanos = Long.MAX_VALUE;

  AckLatency(int partitions, Histogram histogram) {
    this.rings = new Ring[partitions];
    for (int i = 0; i < partitions; i++) {
      rings[i] = new Ring();
    }
    this.histogram = histogram;
  }

  /** Records put (or acknowledged) outside [from, until) are not counted. */
  void window(long fromNanos, long untilNanos) {
    measureFromNanos = fromNanos;
    measureUntilNanos = untilNanos;
  }

  /** A record of a partition starting at offset {@code first} (the first ever seen) was put. */
  void put(int partition, long offset, long nowNanos) {
    Ring r = rings[partition];
    if (r.next == 0 && r.first == 0) {
      r.first = offset;
      r.next = offset;
    }
    if (offset != r.next) {
      throw new IllegalStateException("offsets must be contiguous per partition");
    }
    if (r.next - r.first >= r.putNanos.length) {
      grow(r);
    }
    r.putNanos[(int) (r.next % r.putNanos.length)] = nowNanos;
    r.next++;
  }

  /** preCommit says every offset below {@code committed} of the partition is acknowledged. */
  void acknowledged(int partition, long committed, long nowNanos) {
    Ring r = rings[partition];
    boolean counting = nowNanos < measureUntilNanos;
    while (r.first < committed && r.first < r.next) {
      long put = r.putNanos[(int) (r.first % r.putNanos.length)];
      if (counting && put >= measureFromNanos) {
        histogram.add(nowNanos - put);
      }
      r.first++;
    }
  }

  private static void grow(Ring r) {
    long[] bigger = new long[r.putNanos.length * 2];
    for (long o = r.first; o < r.next; o++) {
      bigger[(int) (o % bigger.length)] = r.putNanos[(int) (o % r.putNanos.length)];
    }
    r.putNanos = bigger;
  }
}
