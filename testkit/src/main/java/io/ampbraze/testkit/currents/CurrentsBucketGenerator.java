package io.ampbraze.testkit.currents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Random;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

/**
 * Writes Braze Currents buckets: Avro object container files under Braze's key layout
 *
 * <pre>
 * [prefix/]dataexport.&lt;cluster&gt;.&lt;conn&gt;.integration.&lt;id&gt;/event_type=&lt;type&gt;/date=&lt;YYYY-MM-DD-HH&gt;/
 *     &lt;schema-id&gt;/&lt;zone&gt;/dataexport.&lt;cluster&gt;.&lt;conn&gt;.integration.&lt;id&gt;+&lt;partition&gt;+&lt;offset&gt;.avro
 * </pre>
 *
 * with realistic writer schemas per {@link CurrentsEventType}, any {@link Codec}, {@code int} or
 * {@code long} time, a chosen {@link IdMix}, and optional {@link Damage}. Output is deterministic
 * for a given seed and sequence of calls. Every write goes through a {@link BucketSink}, so the
 * same code fills a local folder or any object store; {@link #report()} says what was written.
 *
 * <p>Not thread-safe: use one generator per thread.
 */
public final class CurrentsBucketGenerator {
  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("yyyy-MM-dd-HH").withZone(ZoneOffset.UTC);
  private static final Schema FOREIGN =
      SchemaBuilder.record("NotCurrents").namespace("example.other").fields()
          .requiredString("key").requiredLong("value").endRecord();

  private final BucketSink sink;
  private final String prefix;
  private final String cluster;
  private final String connectionType;
  private final String integrationId;
  private final String zone;
  private final boolean retainRecords;
  private final RecordFactory factory;
  private final List<GeneratedFile> written = new ArrayList<>();
  private long nextOffset = 0;

  private CurrentsBucketGenerator(Builder b) {
    this.sink = b.sink;
    this.prefix = b.prefix;
    this.cluster = b.cluster;
    this.connectionType = b.connectionType;
    this.integrationId = b.integrationId;
    this.zone = b.zone;
    this.retainRecords = b.retainRecords;
    this.factory = new RecordFactory(new Random(b.seed), b.users);
  }

  /** Starts a generator writing into {@code sink}. */
  public static Builder builder(BucketSink sink) {
    return new Builder(sink);
  }

  /** Formats an hour as Currents names its {@code date=} folders: {@code YYYY-MM-DD-HH}, UTC. */
  public static String formatHour(Instant hour) {
    return HOUR.format(hour.truncatedTo(ChronoUnit.HOURS));
  }

  /** The integration folder, e.g. {@code currents/dataexport.prod-01.S3.integration.abc/}. */
  public String integrationFolder() {
    String base = "dataexport." + cluster + "." + connectionType + ".integration." + integrationId;
    return (prefix.isEmpty() ? "" : prefix + "/") + base + "/";
  }

  /** The folder of one event type, ending in '/'. */
  public String eventTypeFolder(CurrentsEventType type) {
    return integrationFolder() + "event_type=" + type.currentsName() + "/";
  }

  /** The folder of one event type and hour, ending in '/'. */
  public String hourFolder(CurrentsEventType type, Instant hour) {
    return eventTypeFolder(type) + "date=" + formatHour(hour) + "/";
  }

  /** Writes one file at the next key of the layout and returns what was written. */
  public GeneratedFile write(FileSpec spec) {
    long offset = nextOffset;
    int partition = factory.nextInt(4);
    nextOffset += spec.records();
    String name =
        String.format(
            "dataexport.%s.%s.integration.%s+%d+%010d.avro",
            cluster, connectionType, integrationId, partition, offset);
    String key = hourFolder(spec.type(), spec.hour()) + spec.schemaId() + "/" + zone + "/" + name;
    return writeAt(key, spec);
  }

  /**
   * Writes one file at an explicit key, e.g. a name outside the layout to test a reader's
   * handling of unexpected names.
   */
  public GeneratedFile writeAt(String key, FileSpec spec) {
    Objects.requireNonNull(key, "key");
    try {
      GeneratedFile f = encode(key, spec);
      written.add(f);
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + key, e);
    }
  }

  /**
   * Writes {@code filesPerHour} files of {@code recordsPerFile} records for each type and each of
   * {@code hours} consecutive hours from {@code firstHour}, with the types' own time types.
   */
  public List<GeneratedFile> writeHours(
      Collection<CurrentsEventType> types,
      Instant firstHour,
      int hours,
      int filesPerHour,
      int recordsPerFile,
      Codec codec) {
    List<GeneratedFile> out = new ArrayList<>();
    for (int h = 0; h < hours; h++) {
      Instant hour = firstHour.truncatedTo(ChronoUnit.HOURS).plus(h, ChronoUnit.HOURS);
      for (CurrentsEventType t : types) {
        for (int i = 0; i < filesPerHour; i++) {
          out.add(write(FileSpec.of(t, hour).withRecords(recordsPerFile).withCodec(codec)));
        }
      }
    }
    return out;
  }

  /** What was written so far. */
  public GenerationReport report() {
    return new GenerationReport(written);
  }

  private GeneratedFile encode(String key, FileSpec spec) throws IOException {
    if (spec.damage() == Damage.NOT_AVRO) {
      byte[] junk = factory.randomBytes(256 + factory.nextInt(256));
      sink.put(key, junk);
      return new GeneratedFile(key, spec, junk.length, 0, 0, 0, 0, List.of());
    }
    boolean foreign = spec.damage() == Damage.FOREIGN_SCHEMA;
    Schema schema =
        foreign
            ? FOREIGN
            : spec.type().schema(connectionType, spec.extendedSchema(), spec.timeType());
    List<GenericRecord> records = new ArrayList<>(spec.records());
    List<RecordFactory.Identity> ids = new ArrayList<>(spec.records());
    for (int i = 0; i < spec.records(); i++) {
      if (foreign) {
        records.add(factory.foreign(schema));
        ids.add(null);
      } else {
        RecordFactory.Identity who = factory.identity(spec.idMix());
        records.add(factory.record(schema, spec.hour(), spec.timeType(), who));
        ids.add(who);
      }
    }

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<Long> blockEnds = new ArrayList<>(); // position after each block's sync marker
    long headerEnd;
    try (DataFileWriter<GenericRecord> w = new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
      w.setCodec(spec.codec().factory());
      // Blocks end only where we call sync(): the interval (also the writer's buffer size) is
      // well above what a block of our records takes (each encodes to under 2 KiB).
      w.setSyncInterval((int) Math.min(64L << 20, Math.max(64 << 10, spec.recordsPerBlock() * 4096L)));
      // Avro picks a random sync marker unless given one: derive it from the seed instead.
      w.create(schema, out, factory.syncMarker());
      headerEnd = w.sync();
      for (int i = 0; i < records.size(); i++) {
        w.append(records.get(i));
        if ((i + 1) % spec.recordsPerBlock() == 0 && i + 1 < records.size()) {
          blockEnds.add(w.sync());
        }
      }
    }
    byte[] bytes = out.toByteArray();
    blockEnds.add((long) bytes.length);

    int readable = records.size();
    int per = spec.recordsPerBlock();
    switch (spec.damage()) {
      case TRUNCATED -> {
        int blocks = blockEnds.size();
        long lastStart = blocks == 1 ? headerEnd : blockEnds.get(blocks - 2);
        int cut = (int) (lastStart + (bytes.length - lastStart) / 2);
        bytes = Arrays.copyOf(bytes, cut);
        readable = (blocks - 1) * per;
      }
      case CORRUPT_SYNC -> {
        int m = blockEnds.size() / 2; // >= 1: FileSpec guarantees two blocks
        int syncStart = (int) (blockEnds.get(m) - 16);
        for (int i = syncStart; i < syncStart + 16; i++) {
          bytes[i] = (byte) ~bytes[i];
        }
        readable = m * per;
      }
      case FOREIGN_SCHEMA -> readable = 0;
      default -> {}
    }

    sink.put(key, bytes);

    int ext = 0;
    int deviceOnly = 0;
    boolean hasDeviceField = !foreign && schema.getField("device_id") != null;
    for (int i = 0; i < readable; i++) {
      RecordFactory.Identity who = ids.get(i);
      if (who.externalId() != null) {
        ext++;
      } else if (who.deviceId() != null && hasDeviceField) {
        deviceOnly++;
      }
    }
    List<GenericRecord> kept = retainRecords ? records.subList(0, readable) : List.of();
    return new GeneratedFile(
        key, spec, bytes.length, records.size(), readable, ext, deviceOnly, kept);
  }

  /** Configures a generator. */
  public static final class Builder {
    private final BucketSink sink;
    private long seed = 1;
    private String prefix = "currents";
    private String cluster = "prod-01";
    private String connectionType = "S3";
    private String integrationId = "5f0c1e2d3a4b5c6d7e8f9a0b";
    private String zone = "0";
    private boolean retainRecords = true;
    private int users = 200;

    private Builder(BucketSink sink) {
      this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** The seed of every random choice (default 1). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The bucket prefix Currents writes under, without slashes at the ends; "" for none. */
    public Builder prefix(String prefix) {
      this.prefix = prefix.replaceAll("^/+|/+$", "");
      return this;
    }

    /** The Braze cluster in the integration folder name (default {@code prod-01}). */
    public Builder cluster(String cluster) {
      this.cluster = cluster;
      return this;
    }

    /** {@code S3} (default), {@code GCS} or {@code AzureBlob}: folder names and namespaces. */
    public Builder connectionType(String connectionType) {
      this.connectionType = connectionType;
      return this;
    }

    /** The Currents integration id in the folder name. */
    public Builder integrationId(String integrationId) {
      this.integrationId = integrationId;
      return this;
    }

    /** The zone folder under the schema id (default {@code 0}). */
    public Builder zone(String zone) {
      this.zone = zone;
      return this;
    }

    /**
     * Whether {@link GeneratedFile#records()} keeps the readable records (default true). Turn it
     * off for large benchmark buckets.
     */
    public Builder retainRecords(boolean retain) {
      this.retainRecords = retain;
      return this;
    }

    /** How many distinct users records are drawn from (default 200). */
    public Builder users(int users) {
      if (users < 1) {
        throw new IllegalArgumentException("users must be >= 1");
      }
      this.users = users;
      return this;
    }

    public CurrentsBucketGenerator build() {
      return new CurrentsBucketGenerator(this);
    }
  }
}
