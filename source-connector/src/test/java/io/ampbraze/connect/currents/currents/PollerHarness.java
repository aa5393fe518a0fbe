package io.ampbraze.connect.currents.currents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.source.SourceRecord;

import io.ampbraze.connect.currents.config.CurrentsSourceConfig;
import io.ampbraze.connect.currents.mapping.RecordConverters;
import io.ampbraze.connect.currents.metrics.SourceTaskMetrics;
import io.ampbraze.testkit.currents.CurrentsBucketGenerator;
import io.ampbraze.testkit.currents.GeneratedFile;

/** A poller over a fake store, fake offsets and a hand-moved clock, polled like a worker does. */
class PollerHarness {
  static final Instant NOW = Instant.parse("2024-06-10T12:30:00Z");

  final FakeStorage store;
  final MemoryOffsets offsets = new MemoryOffsets();
  final MutableClock clock = new MutableClock(NOW);
  final Map<String, String> props = new HashMap<>();
  final CurrentsBucketGenerator gen;
  SourceTaskMetrics metrics;
  /** Every wait the poller asked for, in order. */
  final List<java.time.Duration> sleeps = new ArrayList<>();

  PollerHarness() {
    this(1000);
  }

  PollerHarness(int pageSize) {
    store = new FakeStorage(pageSize);
    store.now = NOW.minusSeconds(60);
    gen = CurrentsBucketGenerator.builder(store).seed(11).build();
    props.put("currents.storage", "local");
    props.put("currents.local.root", "/unused");
    props.put("topic", "braze.${event_type}");
    props.put("currents.prefix", "currents");
    props.put("currents.batch.size", "40");
    props.put("name", "test-source");
  }

  CurrentsPoller poller() {
    metrics = new SourceTaskMetrics();
    CurrentsSourceConfig c = new CurrentsSourceConfig(props);
    return new CurrentsPoller(
        c, store, offsets, RecordConverters.forConfig(c), metrics, clock, sleeps::add);
  }

  /** Polls until a poll returns nothing, committing every batch as the worker would. */
  List<SourceRecord> drain(CurrentsPoller p) throws InterruptedException {
    List<SourceRecord> all = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      List<SourceRecord> batch = p.poll();
      if (batch == null) {
        return all;
      }
      all.addAll(batch);
      offsets.commit(batch);
    }
    throw new AssertionError("the poller never went idle");
  }

  /** Polls {@code polls} times, committing, and returns what was emitted. */
  List<SourceRecord> pollTimes(CurrentsPoller p, int polls) throws InterruptedException {
    List<SourceRecord> all = new ArrayList<>();
    for (int i = 0; i < polls; i++) {
      List<SourceRecord> batch = p.poll();
      if (batch != null) {
        all.addAll(batch);
        offsets.commit(batch);
      }
    }
    return all;
  }

  static List<String> insertIds(Collection<SourceRecord> records) {
    List<String> out = new ArrayList<>();
    for (SourceRecord r : records) {
      out.add((String) ((Map<?, ?>) r.value()).get("insert_id"));
    }
    return out;
  }

  /** The Currents ids a mapper to Amplitude must emit for these files: records with an id. */
  static List<String> amplitudeIds(Collection<GeneratedFile> files) {
    List<String> out = new ArrayList<>();
    for (GeneratedFile f : files) {
      for (GenericRecord r : f.records()) {
        if (hasAmplitudeId(r)) {
          out.add(r.get("id").toString());
        }
      }
    }
    return out;
  }

  static boolean hasAmplitudeId(GenericRecord r) {
    return present(r, "external_user_id") || present(r, "device_id");
  }

  private static boolean present(GenericRecord r, String field) {
    Schema.Field f = r.getSchema().getField(field);
    return f != null && r.get(f.pos()) != null && !r.get(f.pos()).toString().isBlank();
  }
}
