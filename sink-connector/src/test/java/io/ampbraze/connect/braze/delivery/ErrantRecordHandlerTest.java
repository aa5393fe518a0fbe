package io.ampbraze.connect.braze.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import io.ampbraze.connect.braze.input.BadRecordException;
import io.ampbraze.connect.braze.input.BadRecordException.Reason;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class ErrantRecordHandlerTest {
  private final BrazeSinkTaskMetrics metrics = new BrazeSinkTaskMetrics(75);
  private final SinkRecord record = new SinkRecord("amplitude", 3, null, "key-value", null, "the-value", 1234);
  private final BadRecordException reason =
      new BadRecordException(Reason.RESERVED_NAME, "event_properties.time", "'time' is reserved by Braze");

  static final class Reporter implements ErrantRecordReporter {
    final List<Throwable> reported = new ArrayList<>();
    boolean tolerate = true;

    @Override
    public Future<Void> report(SinkRecord record, Throwable error) {
      reported.add(error);
      if (!tolerate) {
        throw new ConnectException("Tolerance exceeded in error handler", error);
      }
      return CompletableFuture.completedFuture(null);
    }
  }

  @Test
  void sendsToTheReporterWithTheReason() {
    Reporter reporter = new Reporter();
    new ErrantRecordHandler(reporter, false, metrics).report(record, reason);
    assertThat(reporter.reported).containsExactly(reason);
    assertThat(reason.getMessage()).isEqualTo("[RESERVED_NAME] field 'event_properties.time': 'time' is reserved by Braze");
    assertThat(metrics.getRecordsReported()).isEqualTo(1);
  }

  @Test
  void aReporterRefusalFailsTheTaskNamingTheRecord() {
    Reporter reporter = new Reporter();
    reporter.tolerate = false;
    assertThatThrownBy(() -> new ErrantRecordHandler(reporter, false, metrics).report(record, reason))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("topic 'amplitude', partition 3, offset 1234")
        .hasMessageContaining("field 'event_properties.time'")
        .hasMessageNotContaining("the-value")
        .hasMessageNotContaining("key-value");
  }

  @Test
  void withoutReporterToleranceNoneFailsTheTask() {
    assertThatThrownBy(() -> new ErrantRecordHandler(null, false, metrics).report(record, reason))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("topic 'amplitude', partition 3, offset 1234")
        .hasMessageContaining("RESERVED_NAME")
        .hasMessageContaining("errors.tolerance=all");
    assertThat(metrics.getRecordsReported()).isZero();
  }

  @Test
  void withoutReporterToleranceAllSkips() {
    new ErrantRecordHandler(null, true, metrics).report(record, reason);
    assertThat(metrics.getRecordsReported()).isEqualTo(1);
  }
}
