package io.ampbraze.connect.currents.currents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import io.ampbraze.connect.currents.storage.StorageException;
import io.ampbraze.testkit.currents.Codec;
import io.ampbraze.testkit.currents.CurrentsBucketGenerator;
import io.ampbraze.testkit.currents.CurrentsEventType;
import io.ampbraze.testkit.currents.Damage;
import io.ampbraze.testkit.currents.FileSpec;
import io.ampbraze.testkit.currents.GeneratedFile;
import io.ampbraze.testkit.currents.TimeType;

class AvroFileReaderTest {
  private static final Instant HOUR = Instant.parse("2024-03-05T07:00:00Z");

  private final FakeStorage store = new FakeStorage(1000);
  private final CurrentsBucketGenerator gen = CurrentsBucketGenerator.builder(store).seed(3).build();

  private static List<String> ids(AvroFileReader r) throws Exception {
    List<String> out = new ArrayList<>();
    while (r.hasNext()) {
      out.add(r.next().get("id").toString());
    }
    return out;
  }

  private static List<String> ids(GeneratedFile f) {
    return f.records().stream().map(r -> r.get("id").toString()).toList();
  }

  @ParameterizedTest
  @EnumSource(Codec.class)
  void readsEveryCodecWithTheFilesOwnSchema(Codec codec) throws Exception {
    GeneratedFile f =
        gen.write(FileSpec.of(CurrentsEventType.PURCHASE, HOUR).withCodec(codec).withRecords(55));
    try (AvroFileReader r = AvroFileReader.open(store, f.key(), 0)) {
      assertThat(r.codec()).isEqualTo(codec.avroName());
      assertThat(r.schema().getFullName()).isEqualTo("dataexport.S3.inner.users.behaviors.Purchase");
      assertThat(ids(r)).isEqualTo(ids(f));
      assertThat(r.position()).isEqualTo(55);
    }
  }

  @Test
  void timeMayBeIntOrLong() throws Exception {
    GeneratedFile asInt = gen.write(FileSpec.of(CurrentsEventType.CUSTOM_EVENT, HOUR));
    GeneratedFile asLong =
        gen.write(FileSpec.of(CurrentsEventType.CUSTOM_EVENT, HOUR).withTimeType(TimeType.LONG));
    try (AvroFileReader r = AvroFileReader.open(store, asInt.key(), 0)) {
      assertThat(r.next().get("time")).isInstanceOf(Integer.class);
    }
    try (AvroFileReader r = AvroFileReader.open(store, asLong.key(), 0)) {
      assertThat(r.next().get("time")).isInstanceOf(Long.class);
    }
  }

  @Test
  void filesOfTwoSchemaVersionsDecodeEachWithItsOwn() throws Exception {
    GeneratedFile base = gen.write(FileSpec.of(CurrentsEventType.EMAIL_SEND, HOUR));
    GeneratedFile ext =
        gen.write(FileSpec.of(CurrentsEventType.EMAIL_SEND, HOUR).withSchema(2, true));
    try (AvroFileReader a = AvroFileReader.open(store, base.key(), 0);
        AvroFileReader b = AvroFileReader.open(store, ext.key(), 0)) {
      assertThat(a.schema().getField("from_domain")).isNull();
      GenericRecord r = b.next();
      assertThat(r.getSchema().getField("from_domain")).isNotNull();
    }
  }

  @Test
  void resumesAfterTheGivenNumberOfRecords() throws Exception {
    GeneratedFile f =
        gen.write(FileSpec.of(CurrentsEventType.SESSION_START, HOUR).withRecords(90).withCodec(Codec.DEFLATE));
    try (AvroFileReader r = AvroFileReader.open(store, f.key(), 37)) {
      assertThat(r.position()).isEqualTo(37);
      assertThat(ids(r)).isEqualTo(ids(f).subList(37, 90));
    }
    try (AvroFileReader r = AvroFileReader.open(store, f.key(), 500)) {
      assertThat(r.position()).isEqualTo(90); // the caller sees it is shorter than asked
      assertThat(r.hasNext()).isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(Codec.class)
  void truncatedFileGivesItsGoodRecordsThenFails(Codec codec) throws Exception {
    GeneratedFile f =
        gen.write(
            FileSpec.of(CurrentsEventType.PURCHASE, HOUR)
                .withRecords(70)
                .withCodec(codec)
                .withDamage(Damage.TRUNCATED));
    AvroFileReader r = AvroFileReader.open(store, f.key(), 0);
    List<String> got = new ArrayList<>();
    CorruptFileException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            CorruptFileException.class,
            () -> {
              while (r.hasNext()) {
                got.add(r.next().get("id").toString());
              }
            });
    assertThat(got).isEqualTo(ids(f));
    assertThat(e.goodRecords()).isEqualTo(f.readableRecords());
    assertThat(e.key()).isEqualTo(f.key());
    assertThat(e.reason()).contains("truncated");
    r.close();
  }

  @Test
  void corruptSyncMarkerFailsAfterTheBlocksBeforeIt() throws Exception {
    GeneratedFile f =
        gen.write(
            FileSpec.of(CurrentsEventType.CUSTOM_EVENT, HOUR)
                .withRecords(100)
                .withCodec(Codec.SNAPPY)
                .withDamage(Damage.CORRUPT_SYNC));
    AvroFileReader r = AvroFileReader.open(store, f.key(), 0);
    List<String> got = new ArrayList<>();
    assertThatThrownBy(
            () -> {
              while (r.hasNext()) {
                got.add(r.next().get("id").toString());
              }
            })
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining(f.key());
    assertThat(got).isEqualTo(ids(f));
  }

  @Test
  void notAvroFailsAtOpen() {
    GeneratedFile f =
        gen.write(FileSpec.of(CurrentsEventType.CUSTOM_EVENT, HOUR).withDamage(Damage.NOT_AVRO));
    assertThatThrownBy(() -> AvroFileReader.open(store, f.key(), 0))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("not an Avro");
  }

  @Test
  void damageInsideTheSkippedRecordsIsReportedAtOpen() {
    GeneratedFile f =
        gen.write(
            FileSpec.of(CurrentsEventType.PURCHASE, HOUR)
                .withRecords(70)
                .withDamage(Damage.TRUNCATED));
    assertThatThrownBy(() -> AvroFileReader.open(store, f.key(), 65))
        .isInstanceOf(CorruptFileException.class);
  }

  @Test
  void aDroppedConnectionIsAStorageFailureNotACorruptFile() throws Exception {
    GeneratedFile f =
        gen.write(FileSpec.of(CurrentsEventType.CUSTOM_EVENT, HOUR).withRecords(200));
    store.breakKey = f.key();
    store.breakAfterBytes = (int) (f.sizeBytes() / 2);
    AvroFileReader r = AvroFileReader.open(store, f.key(), 0);
    assertThatThrownBy(
            () -> {
              while (r.hasNext()) {
                r.next();
              }
            })
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(StorageException.Kind.UNAVAILABLE);
              assertThat(e.getMessage()).contains("connection reset");
            });
  }

  @Test
  void aDroppedConnectionWhileReadingTheHeaderIsAStorageFailure() {
    GeneratedFile f = gen.write(FileSpec.of(CurrentsEventType.CUSTOM_EVENT, HOUR));
    store.breakKey = f.key();
    store.breakAfterBytes = 10;
    assertThatThrownBy(() -> AvroFileReader.open(store, f.key(), 0))
        .isInstanceOf(StorageException.class);
  }

  @Test
  void missingObjectIsNotFound() {
    assertThatThrownBy(() -> AvroFileReader.open(store, "no/such.avro", 0))
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.NOT_FOUND));
  }
}
