package io.ampbraze.benchmarks.source;

/**
 * What the source benchmarks run, for the full run or the --quick development run.
 *
 * @param hours hour folders of the throughput bucket (one file per event type and hour)
 * @param recordsPerFile records per file (Braze closes a file at 15,000 events)
 * @param smallBucketFiles, largeBucketFiles existing files of the two listing buckets
 */
public record SourcePlan(
    boolean quick,
    int runs,
    int hours,
    int recordsPerFile,
    int smallBucketFiles,
    int largeBucketFiles,
    int newFiles,
    int cycles,
    long pollIntervalMs) {

  public static SourcePlan forResults() {
    return new SourcePlan(false, 3, 28, 15_000, 2_000, 20_000, 10, 3, 5_000);
  }

  public static SourcePlan forDevelopment() {
    return new SourcePlan(true, 1, 4, 10_000, 200, 2_000, 10, 1, 3_000);
  }
}
