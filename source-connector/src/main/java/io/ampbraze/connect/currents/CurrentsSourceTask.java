package io.ampbraze.connect.currents;

import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/** Foundation placeholder: replaced by the source issue's implementation. */
public class CurrentsSourceTask extends SourceTask {
  @Override
  public String version() {
    return Version.get();
  }

  @Override
  public void start(Map<String, String> props) {}

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    Thread.sleep(1000);
    return null;
  }

  @Override
  public void stop() {}
}
