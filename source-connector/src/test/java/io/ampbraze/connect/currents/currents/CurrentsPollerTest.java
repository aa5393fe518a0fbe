package io.ampbraze.connect.currents.currents;

import static io.ampbraze.connect.currents.currents.PollerHarness.NOW;
import static io.ampbraze.connect.currents.currents.PollerHarness.amplitudeIds;
import static io.ampbraze.connect.currents.currents.PollerHarness.insertIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.ampbraze.connect.currents.storage.StorageException;
import io.ampbraze.testkit.currents.Codec;
import io.ampbraze.testkit.currents.CurrentsEventType;
import io.ampbraze.testkit.currents.Damage;
import io.ampbraze.testkit.currents.FileSpec;
import io.ampbraze.testkit.currents.GeneratedFile;
import io.ampbraze.testkit.currents.IdMix;
import io.ampbraze.testkit.currents.TimeType;

class CurrentsPollerTest {
  private final PollerHarness h = new PollerHarness();

  private static Instant hoursAgo(int n) {
    return NOW.truncatedTo(ChronoUnit.HOURS).minus(n, ChronoUnit.HOURS);
  }

  /** A bucket with several types, hours (in and before the window), schema ids, codecs, times. */
  private List<GeneratedFile> mixedBucket() {
    List<GeneratedFile> files = new ArrayList<>();
    files.add(h.gen.write(FileSpec.of(CurrentsEventType.CUSTOM_EVENT, hoursAgo(2)).withRecords(60)));
    files.add(h.gen.write(FileSpec.of(CurrentsEventType.CUSTOM_EVENT, hoursAgo(2)).withCodec(Codec.SNAPPY)));
    files.add(h.gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(1)).withCodec(Codec.DEFLATE)));
    files.add(h.gen.write(FileSpec.of(CurrentsEventType.SESSION_START, hoursAgo(0)).withSchema(2, true)));
    files.add(h.gen.write(FileSpec.of(CurrentsEventType.EMAIL_SEND, hoursAgo(70)).withSchema(3, false)));
    files.add(h.gen.write(FileSpec.of(CurrentsEventType.PROFILE_UPDATE, hoursAgo(5))));
    files.add(h.gen.write(FileSpec.of(CurrentsEventType.WHATSAPP_SEND, hoursAgo(3))));
    files.add(h.gen.write(FileSpec.of(CurrentsEventType.AGENT_EXECUTED, hoursAgo(400))));
    files.add(h.gen.write(FileSpec.of(CurrentsEventType.CUSTOM_EVENT, hoursAgo(30)).withTimeType(TimeType.LONG)));
    return files;
  }

  @Test
  void readsEveryGoodRecordOnceWithItsTopicKeyAndHeaders() throws Exception {
    List<GeneratedFile> files = mixedBucket();
    List<SourceRecord> out = h.drain(h.poller());
    assertThat(insertIds(out)).containsExactlyInAnyOrderElementsOf(amplitudeIds(files));
    for (SourceRecord r : out) {
      Map<?, ?> v = (Map<?, ?>) r.value();
      String type = r.headers().lastWithName(CurrentsPoller.HEADER_EVENT_TYPE).value().toString();
      assertThat(r.topic()).isEqualTo("braze." + type);
      assertThat(r.key()).isEqualTo(v.containsKey("user_id") ? v.get("user_id") : v.get("device_id"));
      assertThat(r.headers().lastWithName(CurrentsPoller.HEADER_FILE).value().toString())
          .contains("event_type=" + type + "/");
      assertThat(r.valueSchema()).isNull();
    }
    int noId = files.stream().mapToInt(GeneratedFile::readableWithoutId).sum();
    assertThat(h.metrics.getRecordsSkippedNoId()).isEqualTo(noId).isPositive();
    assertThat(h.metrics.getRecordsEmitted()).isEqualTo(out.size());
    assertThat(h.metrics.getFilesRead()).isEqualTo(files.size());
    assertThat(h.metrics.getRecordsRead()).isEqualTo(out.size() + noId);
    assertThat(h.metrics.getBytesRead()).isZero(); // counted by the metered store, not used here
    assertThat(h.metrics.getEventTypeFolders()).isEqualTo(7);
    assertThat(h.metrics.getPendingFiles()).isZero();
  }

  @Test
  void readsOldestHourFirst() throws Exception {
    GeneratedFile recent = h.gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(1)));
    GeneratedFile old = h.gen.write(FileSpec.of(CurrentsEventType.CUSTOM_EVENT, hoursAgo(100)));
    GeneratedFile middle = h.gen.write(FileSpec.of(CurrentsEventType.EMAIL_SEND, hoursAgo(10)));
    List<SourceRecord> out = h.drain(h.poller());
    List<String> files = new ArrayList<>();
    for (SourceRecord r : out) {
      String f = r.headers().lastWithName(CurrentsPoller.HEADER_FILE).value().toString();
      if (files.isEmpty() || !files.get(files.size() - 1).equals(f)) {
        files.add(f);
      }
    }
    assertThat(files).containsExactly(old.key(), middle.key(), recent.key());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5, 8, 13})
  void aRestartResumesAtTheExactRecord(int pollsBeforeRestart) throws Exception {
    h.props.put("currents.batch.size", "7");
    List<GeneratedFile> files = new ArrayList<>();
    files.add(h.gen.write(FileSpec.of(CurrentsEventType.CUSTOM_EVENT, hoursAgo(3)).withRecords(30)));
    files.add(h.gen.write(FileSpec.of(CurrentsEventType.CUSTOM_EVENT, hoursAgo(3)).withRecords(25)));
    files.add(h.gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(2)).withRecords(20)));
    List<SourceRecord> before = h.pollTimes(h.poller(), pollsBeforeRestart);
    // the first task is gone; a new one starts from the committed offsets
    List<SourceRecord> after = h.drain(h.poller());
    List<String> all = new ArrayList<>(insertIds(before));
    all.addAll(insertIds(after));
    assertThat(all).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(amplitudeIds(files));
  }

  @Test
  void uncommittedRecordsAreReadAgainAfterARestart() throws Exception {
    List<GeneratedFile> files =
        List.of(h.gen.write(FileSpec.of(CurrentsEventType.CUSTOM_EVENT, hoursAgo(3)).withRecords(100)));
    CurrentsPoller first = h.poller();
    List<SourceRecord> committed = first.poll();
    h.offsets.commit(committed);
    first.poll(); // emitted but never committed: the worker died
    List<SourceRecord> after = h.drain(h.poller());
    List<String> all = new ArrayList<>(insertIds(committed));
    all.addAll(insertIds(after));
    assertThat(all).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(amplitudeIds(files));
  }

  @Test
  void finishedFilesAreNeverReadAgain() throws Exception {
    List<GeneratedFile> files = mixedBucket();
    h.drain(h.poller());
    int opens = h.store.totalOpens();
    assertThat(opens).isEqualTo(files.size());
    List<SourceRecord> again = h.drain(h.poller());
    assertThat(again).isEmpty();
    assertThat(h.store.totalOpens()).isEqualTo(opens);
  }

  @Test
  void aFileWhoseLastRecordsHaveNoIdIsStillFinishedByItsLastEmittedRecord() throws Exception {
    // 1 identified record, then records nobody can be keyed by: the file must be marked done.
    GeneratedFile f =
        h.gen.write(FileSpec.of(CurrentsEventType.EMAIL_SEND, hoursAgo(2)).withRecords(1).withIdMix(IdMix.ALL_IDENTIFIED));
    GeneratedFile tail =
        h.gen.write(FileSpec.of(CurrentsEventType.EMAIL_SEND, hoursAgo(2)).withRecords(30).withIdMix(new IdMix(0.1, 0)));
    h.drain(h.poller());
    int opens = h.store.totalOpens();
    h.drain(h.poller());
    assertThat(h.store.totalOpens()).isEqualTo(opens);
    assertThat(h.store.opens(f.key()) + h.store.opens(tail.key())).isEqualTo(2);
  }

  @Test
  void aLateFileInAnHourAlreadyReadIsFoundAtTheNextPollInterval() throws Exception {
    h.gen.write(FileSpec.of(CurrentsEventType.CUSTOM_EVENT, hoursAgo(5)));
    CurrentsPoller p = h.poller();
    h.drain(p);
    GeneratedFile late = h.gen.write(FileSpec.of(CurrentsEventType.CUSTOM_EVENT, hoursAgo(5)));
    assertThat(h.drain(p)).isEmpty(); // not listed again before the poll interval
    h.clock.advance(Duration.ofSeconds(61));
    assertThat(insertIds(h.drain(p))).containsExactlyInAnyOrderElementsOf(amplitudeIds(List.of(late)));
  }

  @Test
  void aLateFileOlderThanTheWindowIsFoundByTheSweep() throws Exception {
    h.gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(80)));
    CurrentsPoller p = h.poller();
    h.drain(p);
    GeneratedFile late = h.gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(80)));
    h.clock.advance(Duration.ofMinutes(30));
    assertThat(h.drain(p)).isEmpty(); // the window does not reach it
    h.clock.advance(Duration.ofHours(6));
    assertThat(insertIds(h.drain(p))).containsExactlyInAnyOrderElementsOf(amplitudeIds(List.of(late)));
  }

  @Test
  void aLateFileInANewHourFolderIsFound() throws Exception {
    h.gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(4)));
    CurrentsPoller p = h.poller();
    h.drain(p);
    h.clock.advance(Duration.ofHours(1));
    GeneratedFile next = h.gen.write(FileSpec.of(CurrentsEventType.PURCHASE, NOW.plus(1, ChronoUnit.HOURS)));
    assertThat(insertIds(h.drain(p))).containsExactlyInAnyOrderElementsOf(amplitudeIds(List.of(next)));
  }

  @Test
  void newEventTypesAreFoundByTheNextDiscovery() throws Exception {
    h.gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(4)));
    CurrentsPoller p = h.poller();
    h.drain(p);
    GeneratedFile other = h.gen.write(FileSpec.of(CurrentsEventType.SESSION_START, hoursAgo(4)));
    h.clock.advance(Duration.ofMinutes(2));
    assertThat(h.drain(p)).isEmpty();
    h.clock.advance(Duration.ofMinutes(9));
    assertThat(insertIds(h.drain(p))).containsExactlyInAnyOrderElementsOf(amplitudeIds(List.of(other)));
  }

  /** A poll's listing calls once the backlog is read, for a bucket holding {@code days} of files. */
  private static int[] steadyStateCalls(int days) throws Exception {
    PollerHarness x = new PollerHarness(100);
    x.gen.writeHours(
        List.of(CurrentsEventType.CUSTOM_EVENT, CurrentsEventType.EMAIL_SEND),
        hoursAgo(days * 24), days * 24, 2, 3, Codec.NULL);
    CurrentsPoller p = x.poller();
    x.drain(p);
    // one poll interval later: the window only
    x.clock.advance(Duration.ofSeconds(61));
    x.gen.write(FileSpec.of(CurrentsEventType.CUSTOM_EVENT, x.clock.now).withRecords(3));
    int before = x.store.listCalls();
    x.drain(p);
    int window = x.store.listCalls() - before;
    // a sweep later (sealed by now): window + the hours between the seal and the window
    x.clock.advance(Duration.ofHours(6));
    before = x.store.listCalls();
    x.drain(p);
    int sweep = x.store.listCalls() - before;
    // and a restart from the stored offsets
    before = x.store.listCalls();
    x.drain(x.poller());
    int restart = x.store.listCalls() - before;
    return new int[] {window, sweep, restart};
  }

  @Test
  void steadyStateListingCostDoesNotGrowWithTheBucketsAge() throws Exception {
    int[] young = steadyStateCalls(9);
    int[] old = steadyStateCalls(60);
    assertThat(old).containsExactly(young);
    // two event types: at most 5 prefixes each for the 50-hour window
    assertThat(young[0]).isBetween(2 * 3, 2 * 5);
    // the sweep: the window plus at most 6 day prefixes per type (168 h horizon - 48 h window)
    assertThat(young[1]).isLessThanOrEqualTo(young[0] + 2 * 7);
  }

  @Test
  void aRestartAfterSealingDoesNotListTheWholeHistory() throws Exception {
    h.gen.writeHours(List.of(CurrentsEventType.PURCHASE), hoursAgo(40 * 24), 40 * 24, 1, 2, Codec.NULL);
    CurrentsPoller p = h.poller();
    h.drain(p);
    h.clock.advance(Duration.ofHours(6).plusMinutes(1));
    h.drain(p); // the sweep after which hours older than 7 days are sealed
    assertThat(h.offsets.stored.values()).anySatisfy(o -> assertThat(o).containsKey("sealed_before"));
    h.store.listedPrefixes.clear();
    h.drain(h.poller());
    assertThat(h.store.listedPrefixes)
        .isNotEmpty()
        .noneMatch(prefix -> prefix.endsWith("event_type=users.behaviors.Purchase/"));
  }

  @Test
  void aQuietEventTypeFindsItsSealInOlderOffsets() throws Exception {
    // data from 40 days to 3 days ago only: the window holds no offsets of this type
    h.gen.writeHours(List.of(CurrentsEventType.PURCHASE), hoursAgo(40 * 24), 37 * 24, 1, 2, Codec.NULL);
    CurrentsPoller p = h.poller();
    h.drain(p);
    h.clock.advance(Duration.ofHours(6).plusMinutes(1));
    h.gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(100))); // a late file
    h.drain(p); // the sweep reads it; its offset carries the seal
    h.store.listedPrefixes.clear();
    h.drain(h.poller());
    assertThat(h.store.listedPrefixes)
        .isNotEmpty()
        .noneMatch(prefix -> prefix.endsWith("event_type=users.behaviors.Purchase/"));
  }

  @Test
  void hoursOlderThanTheHorizonAreNotListedAgain() throws Exception {
    h.gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(300)));
    CurrentsPoller p = h.poller();
    h.drain(p);
    GeneratedFile tooLate = h.gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(300)));
    h.clock.advance(Duration.ofHours(6).plusMinutes(1));
    h.drain(p);
    h.clock.advance(Duration.ofHours(6).plusMinutes(1));
    assertThat(h.drain(p)).isEmpty(); // 300 h > the 168 h horizon: final
    assertThat(h.store.opens(tooLate.key())).isZero();
  }

  @Test
  void withoutAHorizonEveryHourIsSweptForever() throws Exception {
    h.props.put("currents.sweep.horizon.hours", "0");
    h.gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(300)));
    CurrentsPoller p = h.poller();
    h.drain(p);
    GeneratedFile late = h.gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(300)));
    h.clock.advance(Duration.ofHours(6).plusMinutes(1));
    assertThat(insertIds(h.drain(p))).containsExactlyInAnyOrderElementsOf(amplitudeIds(List.of(late)));
  }

  @Test
  void lookbackWindowSizeIsConfigurable() throws Exception {
    h.props.put("currents.lookback.hours", "2");
    h.gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(10)));
    CurrentsPoller p = h.poller();
    h.drain(p);
    h.gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(10)));
    h.clock.advance(Duration.ofMinutes(2));
    assertThat(h.drain(p)).isEmpty(); // 10 h ago is outside a 2 h window
    h.gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(1)));
    h.clock.advance(Duration.ofMinutes(2));
    assertThat(h.drain(p)).isNotEmpty();
  }

  @Test
  void corruptFilesAreSkippedAfterTheirGoodRecordsAndReported() throws Exception {
    GeneratedFile good = h.gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(3)));
    GeneratedFile truncated =
        h.gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(3)).withRecords(80).withDamage(Damage.TRUNCATED));
    GeneratedFile corrupt =
        h.gen.write(FileSpec.of(CurrentsEventType.CUSTOM_EVENT, hoursAgo(2)).withRecords(80).withCodec(Codec.DEFLATE).withDamage(Damage.CORRUPT_SYNC));
    GeneratedFile junk =
        h.gen.write(FileSpec.of(CurrentsEventType.CUSTOM_EVENT, hoursAgo(2)).withDamage(Damage.NOT_AVRO));
    GeneratedFile foreign =
        h.gen.write(FileSpec.of(CurrentsEventType.SESSION_START, hoursAgo(1)).withDamage(Damage.FOREIGN_SCHEMA));
    GeneratedFile after = h.gen.write(FileSpec.of(CurrentsEventType.SESSION_START, hoursAgo(1)));
    List<SourceRecord> out = h.drain(h.poller());
    assertThat(insertIds(out))
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(amplitudeIds(List.of(good, truncated, corrupt, after)));
    assertThat(h.metrics.getFilesSkipped()).isEqualTo(4);
    assertThat(h.metrics.getFilesRead()).isEqualTo(2);
    assertThat(h.metrics.getLastCorruptFile()).isNotEmpty();
    // and they are not read again by a restarted task (their last good record finished them)
    int opens = h.store.opens(truncated.key()) + h.store.opens(corrupt.key());
    h.drain(h.poller());
    assertThat(h.store.opens(truncated.key()) + h.store.opens(corrupt.key())).isEqualTo(opens);
    assertThat(junk.readableRecords() + foreign.readableRecords()).isZero();
  }

  @Test
  void failPolicyEmitsTheGoodRecordsThenFailsNamingTheFileEvenAfterARestart() throws Exception {
    h.props.put("currents.on.corrupt.file", "fail");
    h.props.put("currents.batch.size", "1000");
    GeneratedFile truncated =
        h.gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(3)).withRecords(80).withDamage(Damage.TRUNCATED));
    GeneratedFile later = h.gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(2)));
    CurrentsPoller p = h.poller();
    List<SourceRecord> first = p.poll();
    h.offsets.commit(first);
    assertThat(insertIds(first)).containsExactlyInAnyOrderElementsOf(amplitudeIds(List.of(truncated)));
    assertThatThrownBy(p::poll)
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining(truncated.key())
        .hasMessageContaining("currents.on.corrupt.file=skip");
    // a restarted task resumes after the good records and fails again; nothing is duplicated
    CurrentsPoller again = h.poller();
    assertThatThrownBy(() -> h.drain(again)).isInstanceOf(ConnectException.class);
    assertThat(h.store.opens(later.key())).isZero();
  }

  @Test
  void failPolicyRejectsAFileWithAForeignSchema() throws Exception {
    h.props.put("currents.on.corrupt.file", "fail");
    GeneratedFile foreign =
        h.gen.write(FileSpec.of(CurrentsEventType.SESSION_START, hoursAgo(1)).withDamage(Damage.FOREIGN_SCHEMA));
    assertThatThrownBy(() -> h.drain(h.poller()))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining(foreign.key())
        .hasMessageContaining("no string field 'id'");
  }

  private String writeRecordsWithNullTime(int good, int bad) throws Exception {
    Schema s =
        SchemaBuilder.record("Send").namespace("dataexport.S3.inner.users.messages.email").fields()
            .requiredString("id").requiredString("user_id").optionalString("external_user_id")
            .optionalInt("time").endRecord();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataFileWriter<GenericRecord> w = new DataFileWriter<>(new GenericDatumWriter<>(s))) {
      w.create(s, bytes);
      for (int i = 0; i < good + bad; i++) {
        GenericRecord r = new GenericData.Record(s);
        r.put("id", "rec-" + i);
        r.put("user_id", "b");
        r.put("external_user_id", "u" + i);
        r.put("time", i % 2 == 1 && i / 2 < bad ? null : 1_700_000_000);
        w.append(r);
      }
    }
    String key = h.gen.hourFolder(CurrentsEventType.EMAIL_SEND, hoursAgo(2)) + "9/0/hand-made.avro";
    h.store.put(key, bytes.toByteArray());
    return key;
  }

  @Test
  void unmappableRecordsAreSkippedAndCounted() throws Exception {
    writeRecordsWithNullTime(6, 3);
    List<SourceRecord> out = h.drain(h.poller());
    assertThat(insertIds(out)).containsExactly("rec-0", "rec-2", "rec-4", "rec-6", "rec-7", "rec-8");
    assertThat(h.metrics.getRecordsInvalid()).isEqualTo(3);
  }

  @Test
  void unmappableRecordsFailTheTaskWithFailPolicy() throws Exception {
    h.props.put("currents.on.corrupt.file", "fail");
    String key = writeRecordsWithNullTime(6, 3);
    CurrentsPoller p = h.poller();
    List<SourceRecord> first = p.poll();
    assertThat(insertIds(first)).containsExactly("rec-0");
    assertThatThrownBy(p::poll)
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("record 1 of Currents file " + key)
        .hasMessageContaining("field 'time'");
  }

  @Test
  void aStorageOutageIsRetriedAndMovesNoOffset() throws Exception {
    List<GeneratedFile> files = List.of(h.gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(3))));
    h.store.failNext = 3;
    h.store.failKind = StorageException.Kind.PERMISSION;
    CurrentsPoller p = h.poller();
    for (int i = 0; i < 3; i++) {
      assertThat(p.poll()).isNull();
      h.clock.advance(Duration.ofMinutes(2)); // past the backoff
    }
    assertThat(h.offsets.stored).isEmpty();
    assertThat(h.metrics.getStorageErrors()).isZero(); // counted by the metered store
    assertThat(insertIds(h.drain(p))).containsExactlyInAnyOrderElementsOf(amplitudeIds(files));
  }

  @Test
  void aDroppedConnectionMidFileResumesAtTheRecordItReached() throws Exception {
    h.props.put("currents.batch.size", "1000");
    GeneratedFile f = h.gen.write(FileSpec.of(CurrentsEventType.CUSTOM_EVENT, hoursAgo(3)).withRecords(300).withIdMix(IdMix.ALL_IDENTIFIED));
    h.store.breakKey = f.key();
    h.store.breakAfterBytes = (int) (f.sizeBytes() / 2);
    CurrentsPoller p = h.poller();
    List<SourceRecord> first = p.poll();
    h.offsets.commit(first);
    assertThat(first).isNotEmpty().hasSizeLessThan(300);
    h.clock.advance(Duration.ofSeconds(2));
    List<SourceRecord> rest = h.drain(p);
    List<String> all = new ArrayList<>(insertIds(first));
    all.addAll(insertIds(rest));
    assertThat(all).containsExactlyElementsOf(amplitudeIds(List.of(f)));
    assertThat(h.store.opens(f.key())).isEqualTo(2);
  }

  @Test
  void aStoreFailingLongerThanTheTimeoutFailsTheTaskNamingTheStore() throws Exception {
    h.props.put("currents.storage.retry.timeout.ms", "60000");
    h.gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(3)));
    h.store.failNext = Integer.MAX_VALUE;
    CurrentsPoller p = h.poller();
    ConnectException failure = null;
    for (int i = 0; i < 100 && failure == null; i++) {
      try {
        assertThat(p.poll()).isNull();
      } catch (ConnectException e) {
        failure = e;
      }
      h.clock.advance(Duration.ofSeconds(10));
    }
    assertThat(failure).isNotNull();
    assertThat(failure.getMessage())
        .contains("fake://bucket")
        .contains("currents.storage.retry.timeout.ms")
        .contains("fake store refuses");
    assertThat(h.offsets.stored).isEmpty();
  }

  @Test
  void aFileDeletedBeforeItIsReadIsSkipped() throws Exception {
    GeneratedFile a = h.gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(3)));
    GeneratedFile b = h.gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(3)));
    h.props.put("currents.batch.size", "1");
    CurrentsPoller p = h.poller();
    List<SourceRecord> first = p.poll(); // lists both files, starts reading one of them
    h.offsets.commit(first);
    String reading = first.get(0).headers().lastWithName(CurrentsPoller.HEADER_FILE).value().toString();
    String other = reading.equals(a.key()) ? b.key() : a.key();
    h.store.delete(other);
    List<SourceRecord> rest = h.drain(p);
    assertThat(rest).allSatisfy(
        r -> assertThat(r.headers().lastWithName(CurrentsPoller.HEADER_FILE).value()).isEqualTo(reading));
    assertThat(h.metrics.getFilesSkipped()).isEqualTo(1);
    assertThat(h.metrics.getLastCorruptFile()).contains(other).contains("deleted");
  }

  @Test
  void unexpectedNamesAreIgnoredAndCountedOnce() throws Exception {
    GeneratedFile real = h.gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(3)));
    String hour = h.gen.hourFolder(CurrentsEventType.PURCHASE, hoursAgo(3));
    h.store.put(hour + "_SUCCESS", new byte[0]);
    h.store.put(hour + "1/0/notes.json", "{}".getBytes());
    h.store.put(h.gen.eventTypeFolder(CurrentsEventType.PURCHASE) + "README.txt", "hi".getBytes());
    h.store.put(h.gen.eventTypeFolder(CurrentsEventType.PURCHASE) + "date=garbage/1/0/x.avro", new byte[3]);
    CurrentsPoller p = h.poller();
    List<SourceRecord> out = h.drain(p);
    assertThat(insertIds(out)).containsExactlyInAnyOrderElementsOf(amplitudeIds(List.of(real)));
    assertThat(h.metrics.getFilesIgnored()).isEqualTo(4);
    h.clock.advance(Duration.ofMinutes(2));
    h.drain(p);
    assertThat(h.metrics.getFilesIgnored()).isEqualTo(4);
  }

  @Test
  void tasksSplitTheEventTypesBetweenThem() throws Exception {
    List<GeneratedFile> files = mixedBucket();
    List<String> all = new ArrayList<>();
    Map<String, Set<Integer>> tasksPerTopic = new java.util.HashMap<>();
    for (int task = 0; task < 3; task++) {
      h.props.put("currents.task.id", Integer.toString(task));
      h.props.put("currents.task.count", "3");
      List<SourceRecord> out = h.drain(h.poller());
      for (SourceRecord r : out) {
        tasksPerTopic.computeIfAbsent(r.topic(), t -> new HashSet<>()).add(task);
      }
      all.addAll(insertIds(out));
    }
    assertThat(all).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(amplitudeIds(files));
    assertThat(tasksPerTopic).hasSize(7).allSatisfy((topic, tasks) -> assertThat(tasks).hasSize(1));
    assertThat(tasksPerTopic.values().stream().flatMap(Set::stream).distinct().count())
        .isGreaterThan(1);
  }

  @Test
  void includeAndExcludeChooseTheEventTypes() throws Exception {
    mixedBucket();
    h.props.put("currents.event.types.include", "users\\.behaviors\\..*");
    h.props.put("currents.event.types.exclude", ".*Purchase");
    Set<String> types = new HashSet<>();
    for (SourceRecord r : h.drain(h.poller())) {
      types.add(r.headers().lastWithName(CurrentsPoller.HEADER_EVENT_TYPE).value().toString());
    }
    assertThat(types).containsExactlyInAnyOrder("users.behaviors.CustomEvent", "users.behaviors.app.SessionStart");
  }

  @Test
  void startHourIgnoresOlderHours() throws Exception {
    h.gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(30)));
    GeneratedFile kept = h.gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(20)));
    h.props.put("currents.start.hour", CurrentsBucketGeneratorHours.format(hoursAgo(25)));
    assertThat(insertIds(h.drain(h.poller()))).containsExactlyInAnyOrderElementsOf(amplitudeIds(List.of(kept)));
  }

  @Test
  void oneTopicForAllTypesWithoutThePlaceholder() throws Exception {
    mixedBucket();
    h.props.put("topic", "currents-all");
    assertThat(h.drain(h.poller())).allSatisfy(r -> assertThat(r.topic()).isEqualTo("currents-all"));
  }

  @Test
  void currentsOutputEmitsTheRawRecordsWithoutSkipping() throws Exception {
    GeneratedFile f = h.gen.write(FileSpec.of(CurrentsEventType.EMAIL_SEND, hoursAgo(3)));
    h.props.put("output.format", "currents");
    List<SourceRecord> out = h.drain(h.poller());
    assertThat(out).hasSize(f.readableRecords());
    @SuppressWarnings("unchecked")
    Map<String, Object> first = (Map<String, Object>) out.get(0).value();
    assertThat(first.get("id")).isEqualTo(f.records().get(0).get("id").toString());
    assertThat(first).containsKey("email_address").doesNotContainKey("event_type");
    assertThat(first.get("time")).isInstanceOf(Integer.class);
  }

  @Test
  void prefixAndNameOverridesAreUsed() throws Exception {
    h.gen.write(FileSpec.of(CurrentsEventType.SESSION_START, hoursAgo(3)));
    h.props.put("amplitude.event.type.prefix", "Braze: ");
    h.props.put("amplitude.event.names", "users.behaviors.app.SessionStart=Session Began");
    assertThat(h.drain(h.poller()))
        .allSatisfy(r -> assertThat(((Map<?, ?>) r.value()).get("event_type")).isEqualTo((Object) "Braze: Session Began"));
  }

  @Test
  void aPartlyReadFileIsResumedBeforeAnythingElse() throws Exception {
    h.props.put("currents.batch.size", "5");
    GeneratedFile recent = h.gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(1)).withRecords(40).withIdMix(IdMix.ALL_IDENTIFIED));
    h.pollTimes(h.poller(), 2); // reading recent, mid-file
    GeneratedFile older = h.gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(20)));
    List<SourceRecord> after = h.drain(h.poller());
    String firstFile = after.get(0).headers().lastWithName(CurrentsPoller.HEADER_FILE).value().toString();
    assertThat(firstFile).isEqualTo(recent.key());
    assertThat(insertIds(after)).containsAll(amplitudeIds(List.of(older)));
  }

  @Test
  void idleHoursLeaveMemoryOnceCommitted() throws Exception {
    h.gen.writeHours(List.of(CurrentsEventType.PURCHASE), hoursAgo(200), 100, 1, 3, Codec.NULL);
    CurrentsPoller p = h.poller();
    List<SourceRecord> out = h.drain(p);
    int loaded = p.hoursInMemory();
    assertThat(loaded).isGreaterThan(100);
    out.forEach(p::acked);
    p.committed();
    p.committed();
    h.clock.advance(Duration.ofSeconds(61));
    h.drain(p);
    assertThat(p.hoursInMemory()).isLessThan(60); // about the 50 hours of the window
  }

  @Test
  void unackedHoursStayInMemory() throws Exception {
    h.gen.writeHours(List.of(CurrentsEventType.PURCHASE), hoursAgo(200), 100, 1, 3, Codec.NULL);
    CurrentsPoller p = h.poller();
    h.drain(p);
    p.committed();
    p.committed();
    int loaded = p.hoursInMemory();
    h.clock.advance(Duration.ofSeconds(61));
    h.drain(p);
    assertThat(p.hoursInMemory()).isGreaterThanOrEqualTo(loaded - 60).isGreaterThan(90);
  }

  @Test
  void aPollNeverReturnsMoreThanTheBatchSize() throws Exception {
    h.props.put("currents.batch.size", "7");
    h.gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(3)).withRecords(50).withIdMix(IdMix.ALL_IDENTIFIED));
    CurrentsPoller p = h.poller();
    int total = 0;
    for (List<SourceRecord> batch = p.poll(); batch != null; batch = p.poll()) {
      assertThat(batch).hasSizeLessThanOrEqualTo(7).isNotEmpty();
      total += batch.size();
    }
    assertThat(total).isEqualTo(50);
  }

  @Test
  void onlyTheConfiguredPrefixIsRead() throws Exception {
    GeneratedFile mine = h.gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(3)));
    io.ampbraze.testkit.currents.CurrentsBucketGenerator elsewhere =
        io.ampbraze.testkit.currents.CurrentsBucketGenerator.builder(h.store).prefix("archive").seed(5).build();
    elsewhere.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(3)));
    assertThat(insertIds(h.drain(h.poller()))).containsExactlyInAnyOrderElementsOf(amplitudeIds(List.of(mine)));
  }

  @Test
  void thePrefixMayBeAnIntegrationFolder() throws Exception {
    GeneratedFile mine = h.gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(3)));
    io.ampbraze.testkit.currents.CurrentsBucketGenerator other =
        io.ampbraze.testkit.currents.CurrentsBucketGenerator.builder(h.store).integrationId("other").seed(5).build();
    other.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(3)));
    String folder = h.gen.integrationFolder();
    h.props.put("currents.prefix", folder.substring(0, folder.length() - 1));
    assertThat(insertIds(h.drain(h.poller()))).containsExactlyInAnyOrderElementsOf(amplitudeIds(List.of(mine)));
  }

  @Test
  void theSweepIntervalIsConfigurable() throws Exception {
    h.props.put("currents.sweep.interval.ms", "3600000");
    h.gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(80)));
    CurrentsPoller p = h.poller();
    h.drain(p);
    GeneratedFile late = h.gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(80)));
    h.clock.advance(Duration.ofMinutes(59));
    assertThat(h.drain(p)).isEmpty();
    h.clock.advance(Duration.ofMinutes(2));
    assertThat(insertIds(h.drain(p))).containsExactlyInAnyOrderElementsOf(amplitudeIds(List.of(late)));
  }

  @Test
  void theDiscoveryIntervalIsConfigurable() throws Exception {
    h.props.put("currents.discovery.interval.ms", "120000");
    h.gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(4)));
    CurrentsPoller p = h.poller();
    h.drain(p);
    GeneratedFile other = h.gen.write(FileSpec.of(CurrentsEventType.SESSION_START, hoursAgo(4)));
    h.clock.advance(Duration.ofSeconds(119));
    assertThat(h.drain(p)).isEmpty();
    h.clock.advance(Duration.ofSeconds(2));
    assertThat(insertIds(h.drain(p))).containsExactlyInAnyOrderElementsOf(amplitudeIds(List.of(other)));
  }

  @Test
  void backoffDoublesUpToTheConfiguredMaximumAndNeverWaitsLongInOnePoll() throws Exception {
    h.props.put("currents.storage.retry.backoff.max.ms", "3000");
    h.gen.write(FileSpec.of(CurrentsEventType.PURCHASE, hoursAgo(3)));
    h.store.failNext = 4;
    CurrentsPoller p = h.poller();
    List<Duration> gaps = new ArrayList<>();
    Instant failedAt = null;
    while (true) {
      int before = h.store.listCalls();
      List<SourceRecord> out = p.poll();
      if (out != null) {
        break;
      }
      if (h.store.listCalls() > before) {
        if (failedAt != null) {
          gaps.add(Duration.between(failedAt, h.clock.now));
        }
        failedAt = h.clock.now;
      }
      h.clock.advance(Duration.ofMillis(250));
    }
    // waits of 1 s, 2 s, then 3 s (the maximum), measured between attempts on the clock
    assertThat(gaps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3));
    assertThat(h.sleeps).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(1)));
  }

  @Test
  void anIdleTaskWaitsForTheNextListingButAtMostOneSecond() throws Exception {
    CurrentsPoller p = h.poller();
    assertThat(p.poll()).isNull();
    assertThat(h.sleeps).isNotEmpty().allSatisfy(
        d -> assertThat(d).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1)));
  }
}
