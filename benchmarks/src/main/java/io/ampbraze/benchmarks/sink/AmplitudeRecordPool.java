package io.ampbraze.benchmarks.sink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Pre-generated record values for the sink benchmarks, spread over Kafka partitions by user as
 * a producer keyed by user would: about 80% events (HTTP V2 shape, 3 to 5 event properties),
 * 15% user-property updates ({@code $identify} events and identify-shaped records with
 * {@code $set} and {@code $add}) and 5% revenue events, from {@code users} users. Each value
 * is built once, before any timing starts; {@link #record} only wraps a value into a {@link
 * SinkRecord} at an offset, as the worker does for every consumed record. When a run reads a
 * partition past the pool's end it starts over (a lap) at higher offsets: events are never
 * de-duplicated, and every user update carries an {@code $add} (never de-duplicated) and a
 * {@code $set} of a value that differs between a user's consecutive updates, so laps send the
 * same objects again.
 */
public final class AmplitudeRecordPool {
  public static final String TOPIC = "amplitude-events";

  private static final String[] EVENT_TYPES = {
    "Page Viewed", "Song Played", "Button Clicked", "Search Performed", "Item Viewed", "Added To Cart",
    "Session Started", "Video Watched", "Notification Opened", "Level Completed", "Share Clicked", "Profile Updated"
  };
  private static final String[] PAGES = {"home", "search", "product", "checkout", "settings", "profile", "feed"};
  private static final String[] SOURCES = {"push", "email", "organic", "ad", "deeplink"};
  private static final String[] PLATFORMS = {"iOS", "Android", "Web"};
  private static final String[] PLANS = {"free", "plus", "pro", "enterprise"};
  private static final String[] CITIES = {"Berlin", "Paris", "Austin", "Tokyo", "Lagos", "Lima", "Pune", "Oslo"};
  private static final String[] PRODUCTS = {"sku-100", "sku-200", "sku-300", "sku-400", "sku-500"};

  static final Schema EVENT_PROPERTIES_SCHEMA =
      SchemaBuilder.struct()
          .name("EventProperties")
          .optional()
          .field("page", Schema.OPTIONAL_STRING_SCHEMA)
          .field("source", Schema.OPTIONAL_STRING_SCHEMA)
          .field("duration_ms", Schema.OPTIONAL_INT64_SCHEMA)
          .field("first_time", Schema.OPTIONAL_BOOLEAN_SCHEMA)
          .field("position", Schema.OPTIONAL_INT32_SCHEMA)
          .build();
  static final Schema SET_SCHEMA =
      SchemaBuilder.struct()
          .name("SetOperations")
          .optional()
          .field("plan", Schema.OPTIONAL_STRING_SCHEMA)
          .field("city", Schema.OPTIONAL_STRING_SCHEMA)
          .field("score", Schema.OPTIONAL_INT64_SCHEMA)
          .build();
  static final Schema ADD_SCHEMA =
      SchemaBuilder.struct().name("AddOperations").optional().field("logins", Schema.OPTIONAL_INT64_SCHEMA).build();
  static final Schema USER_PROPERTIES_SCHEMA =
      SchemaBuilder.struct()
          .name("UserProperties")
          .optional()
          .field("$set", SET_SCHEMA)
          .field("$add", ADD_SCHEMA)
          .build();
  static final Schema VALUE_SCHEMA =
      SchemaBuilder.struct()
          .name("AmplitudeRecord")
          .field("event_type", Schema.OPTIONAL_STRING_SCHEMA)
          .field("user_id", Schema.OPTIONAL_STRING_SCHEMA)
          .field("device_id", Schema.OPTIONAL_STRING_SCHEMA)
          .field("time", Schema.OPTIONAL_INT64_SCHEMA)
          .field("insert_id", Schema.OPTIONAL_STRING_SCHEMA)
          .field("platform", Schema.OPTIONAL_STRING_SCHEMA)
          .field("event_properties", EVENT_PROPERTIES_SCHEMA)
          .field("user_properties", USER_PROPERTIES_SCHEMA)
          .field("price", Schema.OPTIONAL_FLOAT64_SCHEMA)
          .field("quantity", Schema.OPTIONAL_INT32_SCHEMA)
          .field("revenue", Schema.OPTIONAL_FLOAT64_SCHEMA)
          .field("productId", Schema.OPTIONAL_STRING_SCHEMA)
          .field("currency", Schema.OPTIONAL_STRING_SCHEMA)
          .build();

  /** What one generated record is, for the mix actually produced. */
  enum Kind {
    EVENT,
    USER_UPDATE,
    REVENUE
  }

  private final InputShape shape;
  private final int partitions;
  private final Object[][] values;
  private final String[][] keys;
  private final long[][] timestamps;
  private final int users;
  private final long[] kindCounts = new long[Kind.values().length];

  /**
   * @param size records in the pool (over all partitions)
   * @param users distinct users
   */
  public AmplitudeRecordPool(InputShape shape, int size, int users, int partitions, long seed) {
    this.shape = shape;
    this.partitions = partitions;
    this.users = users;
    SplittableRandom rng = new SplittableRandom(seed);
    String[] userIds = new String[users];
    String[] deviceIds = new String[users];
    int[] partitionOf = new int[users];
    long[] updates = new long[users];
    for (int u = 0; u < users; u++) {
      userIds[u] = String.format("user-%06d@example.com", u);
      deviceIds[u] = String.format("%08x-%04x-4%03x-a%03x-%012x", rng.nextInt(), rng.nextInt(0x10000),
          rng.nextInt(0x1000), rng.nextInt(0x1000), rng.nextLong(0x1000000000000L));
      partitionOf[u] = Math.floorMod(userIds[u].hashCode(), partitions);
    }
    List<List<Object>> byPartitionValues = new ArrayList<>();
    List<List<String>> byPartitionKeys = new ArrayList<>();
    List<List<Long>> byPartitionTimes = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      byPartitionValues.add(new ArrayList<>(size / partitions + 16));
      byPartitionKeys.add(new ArrayList<>(size / partitions + 16));
      byPartitionTimes.add(new ArrayList<>(size / partitions + 16));
    }
    long time = 1_714_566_600_000L; // 2024-05-01T12:30:00Z
    for (int i = 0; i < size; i++) {
      int u = rng.nextInt(users);
      time += rng.nextInt(3);
      double r = rng.nextDouble();
      Kind kind = r < 0.80 ? Kind.EVENT : r < 0.95 ? Kind.USER_UPDATE : Kind.REVENUE;
      kindCounts[kind.ordinal()]++;
      Object value;
      switch (kind) {
        case EVENT:
          value = event(rng, userIds[u], deviceIds[u], time, i);
          break;
        case USER_UPDATE:
          value = userUpdate(rng, userIds[u], deviceIds[u], time, updates[u]++, i);
          break;
        default:
          value = revenue(rng, userIds[u], deviceIds[u], time, i);
      }
      byPartitionValues.get(partitionOf[u]).add(value);
      byPartitionKeys.get(partitionOf[u]).add(userIds[u]);
      byPartitionTimes.get(partitionOf[u]).add(time);
    }
    values = new Object[partitions][];
    keys = new String[partitions][];
    timestamps = new long[partitions][];
    for (int p = 0; p < partitions; p++) {
      values[p] = byPartitionValues.get(p).toArray();
      keys[p] = byPartitionKeys.get(p).toArray(new String[0]);
      timestamps[p] = byPartitionTimes.get(p).stream().mapToLong(Long::longValue).toArray();
    }
  }

  public int partitions() {
    return partitions;
  }

  public int users() {
    return users;
  }

  /** Records in the pool. */
  public int size() {
    int n = 0;
    for (Object[] v : values) {
      n += v.length;
    }
    return n;
  }

  /** The share of events, user updates and revenue events generated. */
  public double share(Kind kind) {
    return (double) kindCounts[kind.ordinal()] / size();
  }

  /** The record at an offset of a partition (offsets past the pool's end start a new lap). */
  public SinkRecord record(int partition, long offset) {
    int n = values[partition].length;
    int i = (int) (offset % n);
    Schema valueSchema = shape == InputShape.STRUCT ? VALUE_SCHEMA : null;
    return new SinkRecord(
        TOPIC, partition, Schema.STRING_SCHEMA, keys[partition][i], valueSchema, values[partition][i], offset,
        timestamps[partition][i], org.apache.kafka.common.record.TimestampType.CREATE_TIME);
  }

  private Object event(SplittableRandom rng, String user, String device, long time, int i) {
    String page = PAGES[rng.nextInt(PAGES.length)];
    String source = SOURCES[rng.nextInt(SOURCES.length)];
    long duration = rng.nextInt(120_000);
    boolean firstTime = rng.nextInt(10) == 0;
    Integer position = rng.nextBoolean() ? rng.nextInt(50) : null;
    String type = EVENT_TYPES[rng.nextInt(EVENT_TYPES.length)];
    String platform = PLATFORMS[rng.nextInt(PLATFORMS.length)];
    String insertId = "ins-" + Integer.toHexString(i) + "-" + Long.toHexString(time);
    if (shape == InputShape.STRUCT) {
      Struct props = new Struct(EVENT_PROPERTIES_SCHEMA)
          .put("page", page).put("source", source).put("duration_ms", duration).put("first_time", firstTime)
          .put("position", position);
      return new Struct(VALUE_SCHEMA)
          .put("event_type", type).put("user_id", user).put("device_id", device).put("time", time)
          .put("insert_id", insertId).put("platform", platform).put("event_properties", props);
    }
    Map<String, Object> props = new HashMap<>();
    props.put("page", page);
    props.put("source", source);
    props.put("duration_ms", duration);
    props.put("first_time", firstTime);
    if (position != null) {
      props.put("position", (long) position);
    }
    Map<String, Object> v = new HashMap<>();
    v.put("event_type", type);
    v.put("user_id", user);
    v.put("device_id", device);
    v.put("time", time);
    v.put("insert_id", insertId);
    v.put("platform", platform);
    v.put("event_properties", props);
    return v;
  }

  private Object userUpdate(SplittableRandom rng, String user, String device, long time, long nth, int i) {
    String plan = PLANS[rng.nextInt(PLANS.length)];
    String city = CITIES[rng.nextInt(CITIES.length)];
    long score = nth * 1_000_003L + i % 1000; // differs between a user's consecutive updates
    boolean identifyEvent = rng.nextBoolean();
    if (shape == InputShape.STRUCT) {
      Struct set = new Struct(SET_SCHEMA).put("plan", plan).put("city", city).put("score", score);
      Struct add = new Struct(ADD_SCHEMA).put("logins", 1L);
      Struct props = new Struct(USER_PROPERTIES_SCHEMA).put("$set", set).put("$add", add);
      Struct v = new Struct(VALUE_SCHEMA).put("user_id", user).put("user_properties", props);
      if (identifyEvent) {
        v.put("event_type", "$identify").put("device_id", device).put("time", time);
      }
      return v;
    }
    Map<String, Object> set = new HashMap<>();
    set.put("plan", plan);
    set.put("city", city);
    set.put("score", score);
    Map<String, Object> props = new HashMap<>();
    props.put("$set", set);
    props.put("$add", Map.of("logins", 1L));
    Map<String, Object> v = new HashMap<>();
    v.put("user_id", user);
    v.put("user_properties", props);
    if (identifyEvent) {
      v.put("event_type", "$identify");
      v.put("device_id", device);
      v.put("time", time);
    }
    return v;
  }

  private Object revenue(SplittableRandom rng, String user, String device, long time, int i) {
    String product = PRODUCTS[rng.nextInt(PRODUCTS.length)];
    int quantity = 1 + rng.nextInt(3);
    double price = (100 + rng.nextInt(9900)) / 100.0;
    String platform = PLATFORMS[rng.nextInt(PLATFORMS.length)];
    String insertId = "ins-" + Integer.toHexString(i) + "-" + Long.toHexString(time);
    if (shape == InputShape.STRUCT) {
      Struct props = new Struct(EVENT_PROPERTIES_SCHEMA).put("page", "checkout").put("source", "organic");
      return new Struct(VALUE_SCHEMA)
          .put("event_type", "Order Completed").put("user_id", user).put("device_id", device).put("time", time)
          .put("insert_id", insertId).put("platform", platform).put("event_properties", props)
          .put("price", price).put("quantity", quantity).put("revenue", price * quantity)
          .put("productId", product).put("currency", "USD");
    }
    Map<String, Object> props = new HashMap<>();
    props.put("page", "checkout");
    props.put("source", "organic");
    Map<String, Object> v = new HashMap<>();
    v.put("event_type", "Order Completed");
    v.put("user_id", user);
    v.put("device_id", device);
    v.put("time", time);
    v.put("insert_id", insertId);
    v.put("platform", platform);
    v.put("event_properties", props);
    v.put("price", price);
    v.put("quantity", (long) quantity);
    v.put("revenue", price * quantity);
    v.put("productId", product);
    v.put("currency", "USD");
    return v;
  }
}
