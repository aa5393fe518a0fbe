package io.ampbraze.connect.braze.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.ampbraze.connect.braze.delivery.OffsetTracker.Progress;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {
  private static final TopicPartition P0 = new TopicPartition("events", 0);
  private static final TopicPartition P1 = new TopicPartition("events", 1);
  private final OffsetTracker tracker = new OffsetTracker();

  private static SinkRecord record(TopicPartition tp, long offset) {
    return new SinkRecord(tp.topic(), tp.partition(), null, null, null, "v", offset);
  }

  private Map<TopicPartition, OffsetAndMetadata> committable() {
    return tracker.committableOffsets();
  }

  @Test
  void commitsOnlyTheContiguousPrefixOfDoneRecords() {
    RecordEntry r10 = tracker.track(record(P0, 10), 1);
    RecordEntry r11 = tracker.track(record(P0, 11), 1);
    tracker.track(record(P0, 12), 0);
    assertThat(committable()).isEmpty();
    assertThat(tracker.objectFinished(r11, false)).isEqualTo(Progress.DELIVERED);
    assertThat(committable()).isEmpty();
    tracker.objectFinished(r10, false);
    assertThat(committable()).containsEntry(P0, new OffsetAndMetadata(13));
    assertThat(tracker.openRecords()).isZero();
  }

  @Test
  void releasesFinishedRecordsWhenTheyFinishNotWhenOffsetsAreRead() {
    RecordEntry r0 = tracker.track(record(P0, 0), 1);
    RecordEntry r1 = tracker.track(record(P0, 1), 2);
    tracker.track(record(P0, 2), 0);
    RecordEntry r3 = tracker.track(record(P0, 3), 1);
    assertThat(tracker.openRecords()).isEqualTo(4);
    tracker.objectFinished(r1, false);
    tracker.objectFinished(r1, true);
    assertThat(tracker.openRecords()).as("done or failed, but behind r0").isEqualTo(4);
    tracker.objectFinished(r0, false);
    assertThat(tracker.openRecords()).as("r0 released; r1 waits for its report").isEqualTo(3);
    tracker.reported(r1);
    assertThat(tracker.openRecords()).as("r1 and the skipped r2 released").isEqualTo(1);
    tracker.objectFinished(r3, false);
    assertThat(tracker.openRecords()).isZero();
    assertThat(committable()).containsEntry(P0, new OffsetAndMetadata(4));
  }

  @Test
  void aRecordWithNoObjectsIsDoneAtOnce() {
    tracker.track(record(P1, 5), 0);
    assertThat(committable()).containsEntry(P1, new OffsetAndMetadata(6));
  }

  @Test
  void aFannedOutRecordWaitsForEveryObject() {
    RecordEntry cohort = tracker.track(record(P0, 0), 3000);
    for (int i = 0; i < 2999; i++) {
      tracker.objectFinished(cohort, false);
    }
    assertThat(committable()).isEmpty();
    assertThat(tracker.objectFinished(cohort, false)).isEqualTo(Progress.DELIVERED);
    assertThat(committable()).containsEntry(P0, new OffsetAndMetadata(1));
  }

  @Test
  void aFailedRecordIsDoneOnlyWhenReportedAndAllObjectsEnded() {
    RecordEntry r = tracker.track(record(P0, 0), 3);
    assertThat(tracker.objectFinished(r, true)).isEqualTo(Progress.FIRST_FAILURE);
    assertThat(tracker.objectFinished(r, true)).isEqualTo(Progress.NONE);
    tracker.reported(r);
    assertThat(committable()).isEmpty();
    assertThat(tracker.objectFinished(r, false)).isEqualTo(Progress.NONE);
    assertThat(committable()).containsEntry(P0, new OffsetAndMetadata(1));
  }

  @Test
  void keepsPartitionsApart() {
    RecordEntry a = tracker.track(record(P0, 0), 1);
    tracker.track(record(P1, 7), 0);
    assertThat(committable()).containsOnlyKeys(P1);
    tracker.objectFinished(a, false);
    assertThat(committable()).containsEntry(P0, new OffsetAndMetadata(1)).containsEntry(P1, new OffsetAndMetadata(8));
  }

  @Test
  void usesTheOriginalCoordinatesOfTransformedRecords() {
    SinkRecord renamed =
        new SinkRecord("renamed", 9, null, null, null, "v", 100, null, null, List.of(), "events", 0, 40);
    tracker.track(renamed, 0);
    assertThat(committable()).containsEntry(P0, new OffsetAndMetadata(41));
  }

  @Test
  void closedPartitionsAreForgottenAndLateAnswersIgnored() {
    RecordEntry r = tracker.track(record(P0, 0), 1);
    tracker.track(record(P1, 0), 0);
    tracker.close(List.of(P0));
    assertThat(tracker.isAbandoned(r)).isTrue();
    assertThat(tracker.objectFinished(r, true)).isEqualTo(Progress.NONE);
    assertThat(committable()).containsOnlyKeys(P1);
    RecordEntry again = tracker.track(record(P0, 0), 0);
    assertThat(tracker.isAbandoned(again)).isFalse();
    assertThat(committable()).containsEntry(P0, new OffsetAndMetadata(1));
  }
}
