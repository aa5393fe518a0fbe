package io.ampbraze.quickstart.doubles;

import io.ampbraze.testkit.currents.Codec;
import io.ampbraze.testkit.currents.CurrentsBucketGenerator;
import io.ampbraze.testkit.currents.CurrentsEventType;
import io.ampbraze.testkit.currents.FileSpec;
import io.ampbraze.testkit.currents.FolderSink;
import io.ampbraze.testkit.currents.GeneratedFile;
import io.ampbraze.testkit.currents.GenerationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
import org.apache.avro.generic.GenericRecord;

/**
 * The local folder the quickstart's {@code source-local} connector reads ({@code
 * currents.local.root}), filled with generated Currents files in Braze's key layout: {@code
 * dataexport.<cluster>.<conn>.integration.<id>/event_type=<type>/date=<hour>/<schema>/<zone>/<name>.avro}
 * at the top of the folder (the example's {@code currents.prefix} is empty).
 *
 * <p>What it holds: {@link #EVENT_TYPES} over the last {@link #HOURS} hours (well inside the
 * source's default 48-hour lookback window), per type and hour one file with the {@code null} codec
 * and one with {@code deflate}, plus per type one {@code snappy} file of the newer writer schema
 * (schema id 2, with the fields a later Currents release added) in the current hour. The
 * generator's default identity mix leaves about one record in ten without {@code external_user_id}
 * and {@code device_id} (more for the types without a {@code device_id} field): the source skips
 * and counts those.
 */
public final class LocalCurrentsBucket {
  /** Custom events, purchases, sessions, an email and a WhatsApp send, profile updates. */
  public static final List<CurrentsEventType> EVENT_TYPES =
      List.of(
          CurrentsEventType.CUSTOM_EVENT,
          CurrentsEventType.PURCHASE,
          CurrentsEventType.SESSION_START,
          CurrentsEventType.EMAIL_SEND,
          CurrentsEventType.PROFILE_UPDATE,
          CurrentsEventType.WHATSAPP_SEND);

  static final int HOURS = 3;
  static final int RECORDS_PER_FILE = 25;
  private static final long SEED = 20240305L;

  private final Path root;
  private final Instant firstHour;
  private final Instant lastHour;
  private final GenerationReport report;

  private LocalCurrentsBucket(
      Path root, Instant firstHour, Instant lastHour, GenerationReport report) {
    this.root = root;
    this.firstHour = firstHour;
    this.lastHour = lastHour;
    this.report = report;
  }

  /** Writes the files into {@code root} (created if needed), for the hours up to {@code now}'s. */
  public static LocalCurrentsBucket generate(Path root, Instant now) throws IOException {
    Path folder = Files.createDirectories(root).toAbsolutePath().normalize();
    Instant lastHour = now.truncatedTo(ChronoUnit.HOURS);
    Instant firstHour = lastHour.minus(Duration.ofHours(HOURS - 1L));
    CurrentsBucketGenerator generator =
        CurrentsBucketGenerator.builder(new FolderSink(folder)).seed(SEED).prefix("").build();
    generator.writeHours(EVENT_TYPES, firstHour, HOURS, 1, RECORDS_PER_FILE, Codec.NULL);
    generator.writeHours(EVENT_TYPES, firstHour, HOURS, 1, RECORDS_PER_FILE, Codec.DEFLATE);
    for (CurrentsEventType type : EVENT_TYPES) {
      generator.write(
          FileSpec.of(type, lastHour)
              .withRecords(RECORDS_PER_FILE)
              .withCodec(Codec.SNAPPY)
              .withSchema(2, true));
    }
    return new LocalCurrentsBucket(folder, firstHour, lastHour, generator.report());
  }

  public Path root() {
    return root;
  }

  /** What the generator wrote, file by file. */
  public GenerationReport report() {
    return report;
  }

  /** The first and last {@code date=} hour folder, e.g. {@code 2026-01-15-10 to 2026-01-15-12}. */
  public String hours() {
    return CurrentsBucketGenerator.formatHour(firstHour)
        + " to "
        + CurrentsBucketGenerator.formatHour(lastHour);
  }

  public Map<String, Integer> filesByEventType() {
    return sumBy(file -> 1);
  }

  public Map<String, Integer> recordsByEventType() {
    return sumBy(GeneratedFile::readableRecords);
  }

  /** Records with an {@code external_user_id} or a {@code device_id}: what the source emits. */
  public Map<String, Integer> withIdByEventType() {
    return sumBy(GeneratedFile::readableWithAmplitudeId);
  }

  /** Records with neither id: the source skips and counts them. */
  public Map<String, Integer> withoutIdByEventType() {
    return sumBy(GeneratedFile::readableWithoutId);
  }

  /** Files per codec, by the codec's Avro name. */
  public Map<String, Integer> filesByCodec() {
    Map<String, Integer> counts = new TreeMap<>();
    report.files().forEach(file -> counts.merge(file.spec().codec().avroName(), 1, Integer::sum));
    return counts;
  }

  public int expectedEmitted() {
    return report.totalAmplitudeReady();
  }

  /**
   * The first generated record of a type that has an Amplitude identity ({@code withId}) or has
   * none, with the file it is in.
   */
  public Optional<CurrentsRecord> firstRecord(CurrentsEventType type, boolean withId) {
    for (GeneratedFile file : report.files()) {
      if (file.spec().type() != type) {
        continue;
      }
      List<GenericRecord> records = file.records();
      for (int i = 0; i < records.size(); i++) {
        if (hasAmplitudeId(records.get(i)) == withId) {
          return Optional.of(new CurrentsRecord(file, i));
        }
      }
    }
    return Optional.empty();
  }

  /** The source's rule: a record can become an Amplitude event if it names a user or a device. */
  static boolean hasAmplitudeId(GenericRecord record) {
    return present(record, "external_user_id") || present(record, "device_id");
  }

  private static boolean present(GenericRecord record, String field) {
    if (record.getSchema().getField(field) == null) {
      return false;
    }
    Object value = record.get(field);
    return value != null && !value.toString().isBlank();
  }

  private Map<String, Integer> sumBy(ToIntFunction<GeneratedFile> count) {
    Map<String, Integer> sums = new TreeMap<>();
    for (GeneratedFile file : report.files()) {
      sums.merge(file.eventType(), count.applyAsInt(file), Integer::sum);
    }
    return sums;
  }

  /**
   * One generated record and where it is.
   *
   * @param index the record's position in the file, from 0
   */
  public record CurrentsRecord(GeneratedFile file, int index) {
    /** The file's key: its path inside the bucket. */
    public String key() {
      return file.key();
    }

    public GenericRecord record() {
      return file.records().get(index);
    }

    /** The Currents {@code id}: the Amplitude {@code insert_id} of the event it becomes. */
    public String id() {
      return String.valueOf(record().get("id"));
    }

    public String eventType() {
      return file.eventType();
    }
  }
}
