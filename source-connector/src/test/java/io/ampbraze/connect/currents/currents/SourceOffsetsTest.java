package io.ampbraze.connect.currents.currents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.OffsetUtils;
import org.junit.jupiter.api.Test;

class SourceOffsetsTest {
  private static final String FOLDER = "c/i/event_type=users.behaviors.Purchase/";
  private static final HourKey KEY = new HourKey(FOLDER, UtcHour.parse("2024-03-05-07").orElseThrow());
  private static final String FILE = FOLDER + "date=2024-03-05-07/1/0/a.avro";

  @Test
  void partitionNamesFolderAndHour() {
    assertThat(SourceOffsets.partition(KEY))
        .containsExactly(Map.entry("folder", FOLDER), Map.entry("hour", "2024-03-05-07"));
    assertThat(SourceOffsets.parsePartition(SourceOffsets.partition(KEY))).isEqualTo(KEY);
  }

  @Test
  void partitionFindsAndIsFoundAsAMapKeyLikeTheWorkersOwnMaps() {
    Map<String, String> partition = SourceOffsets.partition(KEY);
    Map<String, String> connects = new LinkedHashMap<>();
    connects.put("folder", FOLDER);
    connects.put("hour", "2024-03-05-07");
    assertThat(partition).isEqualTo(connects);
    assertThat(connects).isEqualTo(partition);
    assertThat(partition.hashCode()).isEqualTo(connects.hashCode()).isEqualTo(partition.hashCode());
    Map<Map<String, String>, String> byPartition = new HashMap<>();
    byPartition.put(partition, "ours");
    assertThat(byPartition.get(connects)).isEqualTo("ours");
    byPartition.clear();
    byPartition.put(connects, "theirs");
    assertThat(byPartition.get(partition)).isEqualTo("theirs");
    assertThatThrownBy(() -> partition.put("hour", "x")).isInstanceOf(UnsupportedOperationException.class);
    OffsetUtils.validateFormat(partition);
  }

  @Test
  void stateRoundTripsThroughConnectsOffsetConverter() {
    HourState s = HourState.empty(KEY);
    s.markDone(FOLDER + "date=2024-03-05-07/1/0/z.avro");
    s.markDone(FOLDER + "date=2024-03-05-07/1/0/y.avro");
    s.advance(FILE, 42);
    Map<String, Object> offset = s.offset(UtcHour.parse("2024-02-27-00").orElseThrow());
    assertThat(offset).containsKeys("done", "file", "record", "sealed_before");

    // The worker stores offsets with a schemaless JsonConverter: numbers come back as Long.
    JsonConverter json = new JsonConverter();
    json.configure(Map.of("schemas.enable", "false"), false);
    byte[] bytes = json.fromConnectData("t", null, offset);
    @SuppressWarnings("unchecked")
    Map<String, Object> back = (Map<String, Object>) json.toConnectData("t", bytes).value();

    HourState r = SourceOffsets.parseOffset(KEY, back);
    assertThat(r.isDone(FOLDER + "date=2024-03-05-07/1/0/z.avro")).isTrue();
    assertThat(r.isDone(FOLDER + "date=2024-03-05-07/1/0/y.avro")).isTrue();
    assertThat(r.isDone(FILE)).isFalse();
    assertThat(r.file()).isEqualTo(FILE);
    assertThat(r.position()).isEqualTo(42);
    assertThat(r.startPosition(FILE)).isEqualTo(42);
    assertThat(r.startPosition(FOLDER + "date=2024-03-05-07/1/0/other.avro")).isZero();
    assertThat(r.loadedSealedBefore().toString()).isEqualTo("2024-02-27-00");
    assertThat(r.loadedFromOffsets()).isTrue();
  }

  @Test
  void offsetIsAnOrderedUnmodifiableMapEqualToItsLinkedHashMap() {
    HourState s = HourState.empty(KEY);
    s.markDone(FOLDER + "date=2024-03-05-07/1/0/z.avro");
    s.advance(FILE, 42);
    Map<String, Object> offset = s.offset(UtcHour.parse("2024-02-27-00").orElseThrow());
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("done", FileId.of(FOLDER + "date=2024-03-05-07/1/0/z.avro"));
    expected.put("file", FILE);
    expected.put("record", 42L);
    expected.put("sealed_before", "2024-02-27-00");
    assertThat(offset).containsExactlyEntriesOf(expected);
    assertThat(offset).isEqualTo(expected);
    assertThat(expected).isEqualTo(offset);
    assertThat(offset.hashCode()).isEqualTo(expected.hashCode());
    assertThat(offset.toString()).isEqualTo(expected.toString());
    assertThat(offset.get("record")).isEqualTo(42L);
    assertThat(offset.get("other")).isNull();
    assertThat(offset.containsKey("file")).isTrue();
    assertThat(offset.containsKey("other")).isFalse();
    assertThatThrownBy(() -> offset.put("record", 43L)).isInstanceOf(UnsupportedOperationException.class);
    // What the worker checks of every offset before it stores it.
    OffsetUtils.validateFormat(offset);

    s.markDone(FILE);
    assertThat(s.offset(null)).containsExactly(Map.entry("done", s.doneEncoded()));
  }

  @Test
  void finishingTheFileInProgressClearsIt() {
    HourState s = HourState.empty(KEY);
    s.advance(FILE, 10);
    s.markDone(FILE);
    Map<String, Object> offset = s.offset(null);
    assertThat(offset).containsOnlyKeys("done");
    assertThat((String) offset.get("done")).isEqualTo(FileId.of(FILE));
  }

  @Test
  void doneIdsAreSortedSoOffsetsAreStable() {
    HourState a = HourState.empty(KEY);
    HourState b = HourState.empty(KEY);
    a.markDone("k1");
    a.markDone("k2");
    b.markDone("k2");
    b.markDone("k1");
    assertThat(a.offset(null)).isEqualTo(b.offset(null));
  }

  @Test
  void nullOffsetIsAFreshHour() {
    HourState s = SourceOffsets.parseOffset(KEY, null);
    assertThat(s.doneCount()).isZero();
    assertThat(s.file()).isNull();
    assertThat(s.loadedFromOffsets()).isFalse();
  }

  @Test
  void fileIdsAreShortAndStable() {
    assertThat(FileId.of(FILE)).hasSize(12).isEqualTo(FileId.of(FILE));
    assertThat(FileId.of(FILE)).isNotEqualTo(FileId.of(FILE + "x"));
    assertThat(FileId.isValid(FileId.of(FILE))).isTrue();
    assertThat(FileId.isValid("short")).isFalse();
  }

  @Test
  void rejectsMalformedPartitions() {
    assertThatThrownBy(() -> SourceOffsets.parsePartition(Map.of("folder", FOLDER)))
        .hasMessageContaining("'hour'");
    assertThatThrownBy(() -> SourceOffsets.parsePartition(Map.of("folder", "x", "hour", "2024-01-01-00")))
        .hasMessageContaining("'folder'");
    assertThatThrownBy(
            () -> SourceOffsets.parsePartition(Map.of("folder", "a/b/", "hour", "2024-01-01-00")))
        .hasMessageContaining("event_type=");
    assertThatThrownBy(
            () -> SourceOffsets.parsePartition(Map.of("folder", FOLDER, "hour", "yesterday")))
        .hasMessageContaining("'hour'");
    assertThatThrownBy(
            () ->
                SourceOffsets.parsePartition(
                    Map.of("folder", FOLDER, "hour", "2024-01-01-00", "extra", 1)))
        .hasMessageContaining("other than");
    assertThatThrownBy(() -> SourceOffsets.parsePartition(null)).hasMessageContaining("null");
  }

  @Test
  void rejectsMalformedOffsets() {
    assertThatThrownBy(() -> SourceOffsets.parseOffset(KEY, Map.of("done", 5)))
        .hasMessageContaining("'done'");
    assertThatThrownBy(() -> SourceOffsets.parseOffset(KEY, Map.of("done", "nope")))
        .hasMessageContaining("not a file id");
    assertThatThrownBy(() -> SourceOffsets.parseOffset(KEY, Map.of("file", FILE)))
        .hasMessageContaining("'record'");
    assertThatThrownBy(() -> SourceOffsets.parseOffset(KEY, Map.of("file", FILE, "record", -1)))
        .hasMessageContaining("'record'");
    assertThatThrownBy(() -> SourceOffsets.parseOffset(KEY, Map.of("record", 3)))
        .hasMessageContaining("needs 'file'");
    assertThatThrownBy(
            () -> SourceOffsets.parseOffset(KEY, Map.of("file", FOLDER + "date=2024-03-05-08/a.avro", "record", 1)))
        .hasMessageContaining("hour folder");
    assertThatThrownBy(() -> SourceOffsets.parseOffset(KEY, Map.of("sealed_before", "soon")))
        .hasMessageContaining("'sealed_before'");
    Map<String, Object> unknown = new HashMap<>();
    unknown.put("position", 3);
    assertThatThrownBy(() -> SourceOffsets.parseOffset(KEY, unknown))
        .hasMessageContaining("unknown key 'position'");
  }

  @Test
  void acknowledgementsTellWhenAStateIsCommitted() {
    HourState s = HourState.empty(KEY);
    assertThat(s.committed(0)).isTrue(); // nothing emitted
    s.emitted();
    s.emitted();
    s.acked(5);
    assertThat(s.committed(10)).isFalse(); // one record not in Kafka yet
    s.acked(5);
    assertThat(s.committed(6)).isFalse(); // acked after the commit before the last
    assertThat(s.committed(7)).isTrue();
  }
}
