package io.ampbraze.connect.braze;

import java.util.Collection;
import java.util.Map;

import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/** Foundation placeholder: replaced by the sink issue's implementation. */
public class BrazeSinkTask extends SinkTask {
  @Override
  public String version() {
    return Version.get();
  }

  @Override
  public void start(Map<String, String> props) {}

  @Override
  public void put(Collection<SinkRecord> records) {}

  @Override
  public void stop() {}
}
