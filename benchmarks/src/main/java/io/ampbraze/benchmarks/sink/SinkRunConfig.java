package io.ampbraze.benchmarks.sink;

import java.util.Map;

/**
 * One sink measurement: the input, the connector configuration and how the simulated worker
 * drives it.
 *
 * @param tasks tasks.max (the connector shares the rate budget equally among them)
 * @param maxInFlight braze.max.in.flight.requests per task
 * @param extraProps further connector properties
 * @param commitIntervalMs the worker's offset.flush.interval.ms
 * @param probeIntervalMs how often acknowledgements are probed for latency (0: never)
 * @param offeredRecordsPerSecond 0: backlog (the topic is always ahead); otherwise a steady
 *     arrival rate over all tasks
 */
record SinkRunConfig(
    String label,
    InputShape shape,
    int tasks,
    int maxInFlight,
    Map<String, String> extraProps,
    long warmupMs,
    long measureMs,
    long commitIntervalMs,
    long probeIntervalMs,
    double offeredRecordsPerSecond) {}
