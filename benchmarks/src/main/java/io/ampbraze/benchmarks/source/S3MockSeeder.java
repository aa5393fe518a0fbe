package io.ampbraze.benchmarks.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Puts the files of a local folder into an S3Mock bucket, keyed by their paths.
 *
 * <p>Through the S3 API, filling S3Mock slows down as its bucket grows: S3Mock 4 keeps a bucket's
 * whole key index in one JSON file ({@code bucketMetadata.json}, key to object id) that it reads
 * back from disk on every request and rewrites on every PUT (a JFR profile of PUTs: 74 % of the
 * time in Jackson reading that file). A PUT into a bucket of n objects costs O(n), the bucket
 * O(n²): measured here, 4 parallel uploads of 1-byte objects went from 200 PUTs/s to 59/s
 * between 1,000 and 6,000 objects, which puts 20,000 objects at about 15 minutes (an hour on a
 * busy machine). Tiny files and parallel uploads do not change that; S3 has no bulk PUT.
 *
 * <p>So {@link Mode#BULK} (the default) PUTs the first file through the S3 API, stops S3Mock,
 * writes the others as S3Mock stores objects (each a copy of the stored metadata of that first
 * one with its own id, key, size, ETag, checksum and time) and adds them all to the key index at
 * once, and starts S3Mock again, which loads them as it loads any folder it starts on. It then
 * checks through the S3 API that S3Mock serves them: a listing of the oldest and newest
 * folders and HEAD and GET requests of a sample must give the local keys, sizes, MD5 ETags and
 * bytes. Everything the connector does afterwards (listing, reading, the new files) goes through
 * the S3 API. {@link Mode#API} PUTs every file through the S3 API instead (slow for large
 * buckets; {@code BENCH_S3_SEED=api}).
 */
final class S3MockSeeder {
  enum Mode {
    BULK,
    API
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SAMPLE = 20;

  private S3MockSeeder() {}

  /** The mode from {@code BENCH_S3_SEED} ({@code bulk} or {@code api}); bulk when unset. */
  static Mode modeFromEnvironment() {
    String v = System.getenv("BENCH_S3_SEED");
    if (v == null || v.isBlank()) {
      return Mode.BULK;
    }
    try {
      return Mode.valueOf(v.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("BENCH_S3_SEED must be bulk or api, not '" + v + "'", e);
    }
  }

  /**
   * Creates {@code bucket} and puts every file under {@code folder} into it. {@link Mode#BULK}
   * stops and restarts S3Mock (on a new port: make clients afterwards).
   */
  static void seed(S3MockHandle s3, String bucket, Path folder, Mode mode) throws Exception {
    List<Path> files;
    try (Stream<Path> all = Files.walk(folder)) {
      files = all.filter(Files::isRegularFile).sorted().toList();
    }
    try (S3Client client = s3.client()) {
      client.createBucket(b -> b.bucket(bucket));
      if (files.isEmpty()) {
        return;
      }
      if (mode == Mode.API) {
        ExecutorService uploads = Executors.newFixedThreadPool(4);
        try {
          List<Future<?>> pending = new ArrayList<>();
          for (Path f : files) {
            pending.add(uploads.submit(() -> put(client, bucket, folder, f)));
          }
          for (Future<?> p : pending) {
            p.get();
          }
        } finally {
          uploads.shutdown();
        }
      } else {
        put(client, bucket, folder, files.get(0));
      }
    }
    if (mode == Mode.BULK) {
      // S3Mock keeps a lock per object in memory, made when it stores the object or when it
      // starts and loads its folder: objects must be written while it is stopped.
      s3.stop();
      writeAsS3MockStoresThem(s3.root().resolve(bucket), keyOf(folder, files.get(0)), folder,
          files.subList(1, files.size()));
      s3.startAgain();
    }
    try (S3Client client = s3.client()) {
      verify(client, bucket, folder, files);
    }
  }

  /**
   * The slowest of the list requests a window listing makes, as S3Mock answers them now: for
   * each event-type folder ({@code prefix/<integration>/<event type>/}) the keys of the day
   * before {@code hour} ({@code date=YYYY-MM-DD-}), twice.
   */
  static long slowestDayListingMs(S3MockHandle s3, String bucket, String prefix, Instant hour) {
    String day = "date=" + hour.minus(1, ChronoUnit.DAYS).toString().substring(0, 10) + "-";
    long slowest = 0;
    try (S3Client client = s3.client()) {
      List<String> folders = new ArrayList<>();
      for (String integration : subfolders(client, bucket, prefix + "/")) {
        folders.addAll(subfolders(client, bucket, integration));
      }
      if (folders.isEmpty()) {
        throw new IllegalStateException("S3Mock bucket " + bucket + " has no event-type folders under " + prefix);
      }
      for (int round = 0; round < 2; round++) {
        for (String folder : folders) {
          long t = System.nanoTime();
          client.listObjectsV2(r -> r.bucket(bucket).prefix(folder + day));
          slowest = Math.max(slowest, (System.nanoTime() - t) / 1_000_000);
        }
      }
    }
    return slowest;
  }

  private static List<String> subfolders(S3Client client, String bucket, String folder) {
    return client.listObjectsV2(r -> r.bucket(bucket).prefix(folder).delimiter("/")).commonPrefixes().stream()
        .map(p -> p.prefix()).toList();
  }

  private static Void put(S3Client client, String bucket, Path folder, Path file) throws IOException {
    client.putObject(r -> r.bucket(bucket).key(keyOf(folder, file)), RequestBody.fromFile(file));
    return null;
  }

  private static String keyOf(Path folder, Path file) {
    return folder.relativize(file).toString().replace('\\', '/');
  }

  private static void writeAsS3MockStoresThem(Path bucketDir, String templateKey, Path folder, List<Path> files)
      throws IOException {
    Path indexFile = bucketDir.resolve("bucketMetadata.json");
    if (!Files.isRegularFile(indexFile)) {
      throw new IllegalStateException("S3Mock's bucket folder is not where expected: no " + indexFile
          + " (has S3Mock's storage layout changed? BENCH_S3_SEED=api uploads through the S3 API instead)");
    }
    ObjectNode index = (ObjectNode) JSON.readTree(indexFile.toFile());
    ObjectNode objects = (ObjectNode) index.get("objects");
    String templateId = objects.get(templateKey).asText();
    ObjectNode template = (ObjectNode) JSON.readTree(bucketDir.resolve(templateId).resolve("objectMetadata.json").toFile());
    for (String field : List.of("id", "key", "size", "modificationDate", "lastModified", "etag", "dataPath", "checksum")) {
      if (!template.has(field)) {
        throw new IllegalStateException("S3Mock's object metadata has no '" + field + "' (has its storage layout"
            + " changed? BENCH_S3_SEED=api uploads through the S3 API instead): " + template);
      }
    }
    MessageDigest md5;
    try {
      md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (Path f : files) {
      byte[] bytes = Files.readAllBytes(f);
      String key = keyOf(folder, f);
      UUID id = UUID.randomUUID();
      Path dir = Files.createDirectories(bucketDir.resolve(id.toString()));
      Path data = dir.resolve("binaryData");
      Files.write(data, bytes);
      Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      CRC32 crc = new CRC32();
      crc.update(bytes);
      ObjectNode m = template.deepCopy();
      m.put("id", id.toString());
      m.put("key", key);
      m.put("size", Integer.toString(bytes.length));
      m.put("modificationDate", now.toString());
      m.put("lastModified", now.toEpochMilli());
      m.put("etag", "\"" + HexFormat.of().formatHex(md5.digest(bytes)) + "\"");
      m.put("dataPath", data.toUri().toString());
      m.put("checksum", Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array()));
      JSON.writeValue(dir.resolve("objectMetadata.json").toFile(), m);
      objects.put(key, id.toString());
    }
    // The key index last, in one step: S3Mock reads it on every request.
    Path tmp = bucketDir.resolve("bucketMetadata.json.seeding");
    JSON.writeValue(tmp.toFile(), index);
    Files.move(tmp, indexFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Checks through the S3 API that the bucket serves the folder's files. */
  private static void verify(S3Client client, String bucket, Path folder, List<Path> files) throws IOException {
    List<String> keys = files.stream().map(f -> keyOf(folder, f)).toList();
    for (String key : List.of(keys.get(0), keys.get(keys.size() - 1))) {
      String hourFolder = key.substring(0, key.indexOf('/', key.indexOf("/date=") + 1) + 1);
      Set<String> expected = new TreeSet<>(keys.stream().filter(k -> k.startsWith(hourFolder)).toList());
      Set<String> listed = new TreeSet<>();
      String token = null;
      do {
        String t = token;
        ListObjectsV2Response page = client.listObjectsV2(r -> r.bucket(bucket).prefix(hourFolder).continuationToken(t));
        page.contents().stream().map(S3Object::key).forEach(listed::add);
        token = page.nextContinuationToken();
      } while (token != null);
      if (!listed.equals(expected)) {
        throw new IllegalStateException("S3Mock lists " + listed.size() + " keys under " + hourFolder + ", expected "
            + expected.size() + ": the seeded bucket is not what was written");
      }
    }
    Random random = new Random(files.size());
    for (int i = 0; i < Math.min(SAMPLE, files.size()); i++) {
      int at = i == 0 ? files.size() - 1 : random.nextInt(files.size());
      String key = keys.get(at);
      byte[] bytes = Files.readAllBytes(files.get(at));
      HeadObjectResponse head = client.headObject(r -> r.bucket(bucket).key(key));
      byte[] got = client.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
      String md5;
      try {
        md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
      if (head.contentLength() != bytes.length || !head.eTag().equals("\"" + md5 + "\"")
          || !Arrays.equals(got, bytes)) {
        throw new IllegalStateException("S3Mock serves " + key + " with size " + head.contentLength() + ", ETag "
            + head.eTag() + " and " + got.length + " bytes; expected " + bytes.length + " bytes with MD5 " + md5);
      }
    }
  }
}
