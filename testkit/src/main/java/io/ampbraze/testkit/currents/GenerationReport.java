package io.ampbraze.testkit.currents;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/** Everything a generator wrote so far, per file and per event type. */
public final class GenerationReport {
  private final List<GeneratedFile> files;

  GenerationReport(List<GeneratedFile> files) {
    this.files = Collections.unmodifiableList(new ArrayList<>(files));
  }

  /** The files in the order they were written. */
  public List<GeneratedFile> files() {
    return files;
  }

  /** Records encoded per event type, before any damage. */
  public Map<String, Integer> writtenRecordsByEventType() {
    return sumBy(GeneratedFile::writtenRecords);
  }

  /** Readable records per event type. */
  public Map<String, Integer> readableRecordsByEventType() {
    return sumBy(GeneratedFile::readableRecords);
  }

  /** Readable records with an Amplitude identity, per event type. */
  public Map<String, Integer> amplitudeReadyByEventType() {
    return sumBy(GeneratedFile::readableWithAmplitudeId);
  }

  public int totalWrittenRecords() {
    return files.stream().mapToInt(GeneratedFile::writtenRecords).sum();
  }

  public int totalReadableRecords() {
    return files.stream().mapToInt(GeneratedFile::readableRecords).sum();
  }

  /** Readable records with an Amplitude identity, over all files. */
  public int totalAmplitudeReady() {
    return files.stream().mapToInt(GeneratedFile::readableWithAmplitudeId).sum();
  }

  /** Files written with damage (truncated, corrupt, not Avro). */
  public List<GeneratedFile> damagedFiles() {
    return files.stream().filter(f -> f.spec().damage() != Damage.NONE).toList();
  }

  private Map<String, Integer> sumBy(ToIntFunction<GeneratedFile> count) {
    Map<String, Integer> out = new TreeMap<>();
    for (GeneratedFile f : files) {
      out.merge(f.eventType(), count.applyAsInt(f), Integer::sum);
    }
    return out;
  }
}
