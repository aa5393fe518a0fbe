package io.ampbraze.quickstart.doubles;

import static org.assertj.core.api.Assertions.assertThat;

import io.ampbraze.testkit.currents.CurrentsEventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCurrentsBucketTest {
  private static final Instant NOW = Instant.parse("2026-01-15T12:34:56Z");

  @TempDir Path dir;

  @Test
  void writesEveryEventTypeOverTheLastHoursInBrazesLayout() throws IOException {
    LocalCurrentsBucket bucket = LocalCurrentsBucket.generate(dir.resolve("bucket"), NOW);

    assertThat(bucket.root()).isEqualTo(dir.resolve("bucket").toAbsolutePath());
    assertThat(bucket.hours()).isEqualTo("2026-01-15-10 to 2026-01-15-12");
    assertThat(bucket.filesByEventType())
        .hasSize(LocalCurrentsBucket.EVENT_TYPES.size())
        .allSatisfy((type, files) -> assertThat(files).isEqualTo(7)); // 3 hours x 2 + 1 snappy
    assertThat(bucket.filesByCodec())
        .containsExactly(Map.entry("deflate", 18), Map.entry("null", 18), Map.entry("snappy", 6));
    List<Path> files = avroFiles(bucket.root());
    assertThat(files).hasSize(42);
    for (Path file : files) {
      // The source-local example reads the top of the folder (currents.prefix is empty).
      assertThat(bucket.root().relativize(file).toString())
          .matches(
              "dataexport\\.prod-01\\.S3\\.integration\\.[0-9a-f]+/event_type=[A-Za-z.]+/"
                  + "date=2026-01-15-1[012]/[12]/0/dataexport\\.[^/]+\\.avro");
    }
  }

  @Test
  void countsTheRecordsWithoutIdsThatTheSourceWillSkip() throws IOException {
    LocalCurrentsBucket bucket = LocalCurrentsBucket.generate(dir.resolve("bucket"), NOW);

    Map<String, Integer> records = new TreeMap<>();
    Map<String, Integer> withoutId = new TreeMap<>();
    for (Path file : avroFiles(bucket.root())) {
      String type = file.getParent().getParent().getParent().getParent().getFileName().toString();
      type = type.substring("event_type=".length());
      try (DataFileReader<GenericRecord> reader =
          new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
        for (GenericRecord record : reader) {
          records.merge(type, 1, Integer::sum);
          withoutId.merge(type, LocalCurrentsBucket.hasAmplitudeId(record) ? 0 : 1, Integer::sum);
        }
      }
    }
    assertThat(bucket.recordsByEventType()).isEqualTo(records);
    assertThat(bucket.withoutIdByEventType())
        .isEqualTo(withoutId)
        .allSatisfy((t, n) -> assertThat(n).isPositive());
    int total = records.values().stream().mapToInt(Integer::intValue).sum();
    int skipped = withoutId.values().stream().mapToInt(Integer::intValue).sum();
    assertThat(bucket.expectedEmitted()).isEqualTo(total - skipped);
    assertThat(bucket.withIdByEventType())
        .allSatisfy((type, n) -> assertThat(n).isEqualTo(records.get(type) - withoutId.get(type)));
  }

  @Test
  void isTheSameForTheSameHour() throws IOException {
    LocalCurrentsBucket first = LocalCurrentsBucket.generate(dir.resolve("a"), NOW);
    LocalCurrentsBucket second =
        LocalCurrentsBucket.generate(dir.resolve("b"), NOW.plusSeconds(60));
    assertThat(second.withoutIdByEventType()).isEqualTo(first.withoutIdByEventType());
    assertThat(Files.readAllBytes(avroFiles(second.root()).get(0)))
        .isEqualTo(Files.readAllBytes(avroFiles(first.root()).get(0)));
  }

  @Test
  void findsASampleRecordWithAndWithoutIds() throws IOException {
    LocalCurrentsBucket bucket = LocalCurrentsBucket.generate(dir.resolve("bucket"), NOW);
    for (CurrentsEventType type : LocalCurrentsBucket.EVENT_TYPES) {
      LocalCurrentsBucket.CurrentsRecord identified = bucket.firstRecord(type, true).orElseThrow();
      assertThat(LocalCurrentsBucket.hasAmplitudeId(identified.record())).isTrue();
      assertThat(identified.eventType()).isEqualTo(type.currentsName());
      assertThat(identified.id()).isEqualTo(identified.record().get("id").toString());
      assertThat(bucket.root().resolve(identified.key())).exists();

      LocalCurrentsBucket.CurrentsRecord anonymous = bucket.firstRecord(type, false).orElseThrow();
      assertThat(LocalCurrentsBucket.hasAmplitudeId(anonymous.record())).isFalse();
    }
  }

  private static List<Path> avroFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".avro")).sorted().toList();
    }
  }
}
