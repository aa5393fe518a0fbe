package io.ampbraze.connect.currents.mapping;

import io.ampbraze.connect.currents.config.CurrentsSourceConfig;
import io.ampbraze.connect.currents.config.OutputFormat;

/** The converter {@code output.format} asks for. */
public final class RecordConverters {
  private RecordConverters() {}

  public static RecordConverter forConfig(CurrentsSourceConfig config) {
    return config.outputFormat() == OutputFormat.CURRENTS
        ? new RawRecordConverter()
        : new AmplitudeMapper(new EventNames(config.eventTypePrefix(), config.eventNames()));
  }
}
