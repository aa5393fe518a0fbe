package io.ampbraze.testkit.currents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurrentsBucketGeneratorTest {
  private static final Instant HOUR = Instant.parse("2024-03-05T07:00:00Z");

  private final Map<String, byte[]> bucket = new HashMap<>();

  private CurrentsBucketGenerator generator(long seed) {
    return CurrentsBucketGenerator.builder(bucket::put).seed(seed).build();
  }

  @Test
  void keysFollowBrazesLayout() {
    GeneratedFile f =
        generator(1).write(FileSpec.of(CurrentsEventType.CUSTOM_EVENT, HOUR).withSchema(7, false));
    assertThat(f.key())
        .matches(
            "currents/dataexport\\.prod-01\\.S3\\.integration\\.5f0c1e2d3a4b5c6d7e8f9a0b/"
                + "event_type=users\\.behaviors\\.CustomEvent/date=2024-03-05-07/7/0/"
                + "dataexport\\.prod-01\\.S3\\.integration\\.5f0c1e2d3a4b5c6d7e8f9a0b"
                + "\\+[0-3]\\+\\d{10}\\.avro");
    assertThat(bucket).containsKey(f.key());
  }

  @Test
  void emptyPrefixAndOtherConnectionType() {
    CurrentsBucketGenerator g =
        CurrentsBucketGenerator.builder(bucket::put)
            .prefix("")
            .connectionType("GCS")
            .cluster("prod-03")
            .integrationId("abc")
            .build();
    GeneratedFile f = g.write(FileSpec.of(CurrentsEventType.EMAIL_SEND, HOUR));
    assertThat(f.key()).startsWith("dataexport.prod-03.GCS.integration.abc/event_type=");
    Schema s = read(bucket.get(f.key())).schema;
    assertThat(s.getNamespace()).isEqualTo("dataexport.GCS.inner.users.messages.email");
    assertThat(s.getName()).isEqualTo("Send");
  }

  @Test
  void sameSeedSameBytes() {
    Map<String, byte[]> other = new HashMap<>();
    FileSpec spec = FileSpec.of(CurrentsEventType.PURCHASE, HOUR).withCodec(Codec.DEFLATE);
    GeneratedFile a = generator(9).write(spec);
    GeneratedFile b = CurrentsBucketGenerator.builder(other::put).seed(9).build().write(spec);
    assertThat(a.key()).isEqualTo(b.key());
    assertThat(other.get(b.key())).isEqualTo(bucket.get(a.key()));
    GeneratedFile c = generator(10).write(spec);
    assertThat(bucket.get(c.key())).isNotEqualTo(bucket.get(a.key()));
  }

  @Test
  void codecsAreWrittenAsAsked() {
    CurrentsBucketGenerator g = generator(2);
    for (Codec codec : Codec.values()) {
      GeneratedFile f =
          g.write(FileSpec.of(CurrentsEventType.SESSION_START, HOUR).withCodec(codec));
      Read r = read(bucket.get(f.key()));
      String meta = r.codec == null ? "null" : r.codec;
      assertThat(meta).isEqualTo(codec.avroName());
      assertThat(r.records).hasSize(50);
      assertThat(r.error).isNull();
      byte[] bytes = bucket.get(f.key());
      assertThat(Arrays.copyOfRange(bytes, bytes.length - 16, bytes.length)).isEqualTo(r.sync);
    }
  }

  @Test
  void timeIsIntOrLongAsTheTypeSays() {
    CurrentsBucketGenerator g = generator(3);
    GeneratedFile whatsapp = g.write(FileSpec.of(CurrentsEventType.WHATSAPP_SEND, HOUR));
    GeneratedFile agent = g.write(FileSpec.of(CurrentsEventType.AGENT_EXECUTED, HOUR));
    GeneratedFile custom = g.write(FileSpec.of(CurrentsEventType.CUSTOM_EVENT, HOUR));
    GeneratedFile forced =
        g.write(FileSpec.of(CurrentsEventType.CUSTOM_EVENT, HOUR).withTimeType(TimeType.LONG));
    assertThat(timeType(whatsapp)).isEqualTo(Schema.Type.LONG);
    assertThat(timeType(agent)).isEqualTo(Schema.Type.LONG);
    assertThat(timeType(custom)).isEqualTo(Schema.Type.INT);
    assertThat(timeType(forced)).isEqualTo(Schema.Type.LONG);
    for (GenericRecord r : read(bucket.get(custom.key())).records) {
      long t = ((Number) r.get("time")).longValue();
      assertThat(t).isBetween(HOUR.getEpochSecond(), HOUR.getEpochSecond() + 3599);
    }
  }

  @Test
  void optionalFieldsAreNullUnionsAndExtendedSchemaAddsFields() {
    CurrentsBucketGenerator g = generator(4);
    GeneratedFile base = g.write(FileSpec.of(CurrentsEventType.EMAIL_SEND, HOUR));
    GeneratedFile ext =
        g.write(FileSpec.of(CurrentsEventType.EMAIL_SEND, HOUR).withSchema(2, true));
    Schema b = read(bucket.get(base.key())).schema;
    Schema e = read(bucket.get(ext.key())).schema;
    assertThat(b.getField("from_domain")).isNull();
    Schema.Field added = e.getField("from_domain");
    assertThat(added.schema().getType()).isEqualTo(Schema.Type.UNION);
    assertThat(added.schema().getTypes().get(0).getType()).isEqualTo(Schema.Type.NULL);
    assertThat(added.defaultVal()).isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
    assertThat(e.getField("email_address").schema().getType()).isEqualTo(Schema.Type.STRING);
    assertThat(ext.key()).contains("/2/0/");
  }

  @Test
  void profileUpdatesCarryTimeMsAndCustomAttributes() {
    GeneratedFile f = generator(5).write(FileSpec.of(CurrentsEventType.PROFILE_UPDATE, HOUR));
    for (GenericRecord r : read(bucket.get(f.key())).records) {
      long seconds = ((Number) r.get("time")).longValue();
      long ms = (Long) r.get("time_ms");
      assertThat(ms / 1000).isEqualTo(seconds);
      assertThat(r.get("custom_attributes").toString()).startsWith("{\"favorite_color\"");
    }
  }

  @Test
  void idMixIsHonouredAndReported() {
    CurrentsBucketGenerator g = generator(6);
    GeneratedFile all =
        g.write(
            FileSpec.of(CurrentsEventType.CUSTOM_EVENT, HOUR)
                .withRecords(200)
                .withIdMix(IdMix.ALL_IDENTIFIED));
    assertThat(all.readableWithExternalId()).isEqualTo(200);
    GeneratedFile none =
        g.write(
            FileSpec.of(CurrentsEventType.CUSTOM_EVENT, HOUR)
                .withRecords(100)
                .withIdMix(new IdMix(0, 0)));
    assertThat(none.readableWithoutId()).isEqualTo(100);
    GeneratedFile mixed =
        g.write(FileSpec.of(CurrentsEventType.CUSTOM_EVENT, HOUR).withRecords(400));
    int ext = 0;
    int dev = 0;
    for (GenericRecord r : read(bucket.get(mixed.key())).records) {
      if (r.get("external_user_id") != null) {
        ext++;
      } else if (r.get("device_id") != null) {
        dev++;
      }
    }
    assertThat(mixed.readableWithExternalId()).isEqualTo(ext).isBetween(240, 360);
    assertThat(mixed.readableDeviceOnly()).isEqualTo(dev).isPositive();
    assertThat(mixed.readableWithoutId()).isPositive();
    // email.Send has no device_id field: device-only users carry no id at all.
    GeneratedFile email =
        g.write(
            FileSpec.of(CurrentsEventType.EMAIL_SEND, HOUR)
                .withRecords(100)
                .withIdMix(new IdMix(0, 1)));
    assertThat(email.readableWithoutId()).isEqualTo(100);
  }

  @Test
  void truncatedFileKeepsEveryBlockButTheLast() {
    GeneratedFile f =
        generator(7)
            .write(
                FileSpec.of(CurrentsEventType.PURCHASE, HOUR)
                    .withRecords(70)
                    .withRecordsPerBlock(20)
                    .withCodec(Codec.SNAPPY)
                    .withDamage(Damage.TRUNCATED));
    byte[] bytes = bucket.get(f.key());
    Read r = read(bytes);
    assertThat(f.readableRecords()).isEqualTo(60);
    assertThat(r.records).hasSize(60);
    // DataFileStream ends quietly at the cut; the missing trailing sync marker gives it away.
    assertThat(Arrays.copyOfRange(bytes, bytes.length - 16, bytes.length)).isNotEqualTo(r.sync);
    assertThat(f.records()).hasSize(60);
    assertThat(f.records().get(59).get("id").toString())
        .isEqualTo(r.records.get(59).get("id").toString());
  }

  @Test
  void corruptSyncLosesTheMiddleBlockOnwards() {
    GeneratedFile f =
        generator(8)
            .write(
                FileSpec.of(CurrentsEventType.SESSION_START, HOUR)
                    .withRecords(100)
                    .withRecordsPerBlock(20)
                    .withCodec(Codec.DEFLATE)
                    .withDamage(Damage.CORRUPT_SYNC));
    Read r = read(bucket.get(f.key()));
    assertThat(f.readableRecords()).isEqualTo(40);
    assertThat(r.records).hasSize(40);
    assertThat(r.error).isNotNull();
  }

  @Test
  void notAvroAndForeignSchemaHaveNothingReadable() {
    CurrentsBucketGenerator g = generator(9);
    GeneratedFile junk =
        g.write(FileSpec.of(CurrentsEventType.CUSTOM_EVENT, HOUR).withDamage(Damage.NOT_AVRO));
    assertThat(junk.readableRecords()).isZero();
    assertThatThrownBy(() -> open(bucket.get(junk.key()))).isInstanceOf(IOException.class);
    GeneratedFile foreign =
        g.write(
            FileSpec.of(CurrentsEventType.CUSTOM_EVENT, HOUR).withDamage(Damage.FOREIGN_SCHEMA));
    assertThat(foreign.readableRecords()).isZero();
    Read r = read(bucket.get(foreign.key()));
    assertThat(r.records).hasSize(50);
    assertThat(r.schema.getField("time")).isNull();
  }

  @Test
  void damageNeedsTwoBlocks() {
    assertThatThrownBy(
            () ->
                FileSpec.of(CurrentsEventType.PURCHASE, HOUR)
                    .withRecords(10)
                    .withDamage(Damage.TRUNCATED))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void reportSumsPerEventType() {
    CurrentsBucketGenerator g = generator(10);
    g.writeHours(
        List.of(CurrentsEventType.CUSTOM_EVENT, CurrentsEventType.EMAIL_SEND), HOUR, 3, 2, 10,
        Codec.NULL);
    g.write(
        FileSpec.of(CurrentsEventType.EMAIL_SEND, HOUR)
            .withRecords(30)
            .withRecordsPerBlock(10)
            .withDamage(Damage.TRUNCATED));
    GenerationReport report = g.report();
    assertThat(report.files()).hasSize(13);
    assertThat(report.writtenRecordsByEventType())
        .containsEntry("users.behaviors.CustomEvent", 60)
        .containsEntry("users.messages.email.Send", 90);
    assertThat(report.readableRecordsByEventType())
        .containsEntry("users.messages.email.Send", 80);
    assertThat(report.totalReadableRecords()).isEqualTo(140);
    assertThat(report.damagedFiles()).hasSize(1);
    assertThat(report.totalAmplitudeReady())
        .isEqualTo(report.files().stream().mapToInt(GeneratedFile::readableWithAmplitudeId).sum());
  }

  @Test
  void folderSinkWritesUnderTheRootOnly(@TempDir Path dir) throws IOException {
    FolderSink sink = new FolderSink(dir);
    GeneratedFile f =
        CurrentsBucketGenerator.builder(sink).build()
            .write(FileSpec.of(CurrentsEventType.CUSTOM_EVENT, HOUR));
    assertThat(Files.size(dir.resolve(f.key()))).isEqualTo(f.sizeBytes());
    try (var files = Files.walk(dir)) {
      assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
    }
    assertThatThrownBy(() -> sink.put("../escape.avro", new byte[1]))
        .isInstanceOf(IOException.class);
  }

  private Schema.Type timeType(GeneratedFile f) {
    return read(bucket.get(f.key())).schema.getField("time").schema().getType();
  }

  private static byte[] sync(DataFileStream<GenericRecord> in) throws ReflectiveOperationException {
    Field f = DataFileStream.Header.class.getDeclaredField("sync");
    f.setAccessible(true);
    return (byte[]) f.get(in.getHeader());
  }

  private static DataFileStream<GenericRecord> open(byte[] bytes) throws IOException {
    return new DataFileStream<>(new ByteArrayInputStream(bytes), new GenericDatumReader<>());
  }

  private record Read(
      Schema schema, String codec, List<GenericRecord> records, Exception error, byte[] sync) {}

  private static Read read(byte[] bytes) {
    try (DataFileStream<GenericRecord> in = open(bytes)) {
      List<GenericRecord> out = new ArrayList<>();
      Exception error = null;
      try {
        while (in.hasNext()) {
          out.add(in.next());
        }
      } catch (RuntimeException e) {
        error = e;
      }
      return new Read(in.getSchema(), in.getMetaString("avro.codec"), out, error, sync(in));
    } catch (IOException | ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
