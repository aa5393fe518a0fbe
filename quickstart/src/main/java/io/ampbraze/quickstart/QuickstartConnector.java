package io.ampbraze.quickstart;

import java.util.List;

/**
 * A connector the quickstart creates: its name, the example file its config comes from, and the
 * sample input it gets (for sinks).
 */
public record QuickstartConnector(String name, String exampleFile, Input input) {
  /** Which sample records a sink connector's topic receives. */
  public enum Input {
    EVENTS("events"),
    IDENTIFIES("identifies"),
    COHORT_CHANGES("cohort changes"),
    /** A source connector: its input is the Currents bucket. */
    CURRENTS_BUCKET("Currents files");

    private final String label;

    Input(String label) {
      this.label = label;
    }

    /** How the report names this input. */
    public String label() {
      return label;
    }
  }

  /** The events sink uses the DLQ example, so records Braze rejects stay visible in a topic. */
  public static final List<QuickstartConnector> ALL =
      List.of(
          new QuickstartConnector("braze-events", "sink-dlq.json", Input.EVENTS),
          new QuickstartConnector(
              "braze-user-properties", "sink-user-properties.json", Input.IDENTIFIES),
          new QuickstartConnector("braze-cohorts", "sink-cohorts.json", Input.COHORT_CHANGES),
          new QuickstartConnector("currents-local", "source-local.json", Input.CURRENTS_BUCKET));

  public boolean isSink() {
    return input != Input.CURRENTS_BUCKET;
  }

  /** The events sink: the one the report's commands use as the example sink. */
  public static QuickstartConnector eventsSink() {
    return ALL.stream().filter(c -> c.input() == Input.EVENTS).findFirst().orElseThrow();
  }

  /** The Currents source. */
  public static QuickstartConnector source() {
    return ALL.stream().filter(c -> !c.isSink()).findFirst().orElseThrow();
  }
}
