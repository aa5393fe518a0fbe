package io.ampbraze.testkit.currents;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Fills records of any generator schema with plausible values, from one seeded Random. */
final class RecordFactory {
  private static final List<String> PLATFORMS = List.of("ios", "android", "web");
  private static final List<String> TIMEZONES =
      List.of("America/New_York", "Europe/Berlin", "Asia/Tokyo", "UTC");
  private static final List<String> CUSTOM_EVENT_NAMES =
      List.of("Added To Cart", "Viewed Product", "Completed Level", "Shared Link");
  private static final List<String> CURRENCIES = List.of("USD", "EUR", "GBP");

  private final Random random;
  private final int users;
  private final String appGroupId;

  RecordFactory(Random random, int users) {
    this.random = random;
    this.users = users;
    this.appGroupId = hex(24);
  }

  /** Who a record is about: which ids it carries. */
  record Identity(String brazeId, String externalId, String deviceId) {}

  Identity identity(IdMix mix) {
    int user = random.nextInt(users);
    // Stable per user, so one user's records share ids across files.
    String brazeId = String.format("%024x", 0xb4a7e000000L + user);
    String device = new UUID(0x00d3_71ce_0000_0000L + user, 0x8000_0000_0000_0000L + user).toString();
    double roll = random.nextDouble();
    if (roll < mix.externalId()) {
      return new Identity(
          brazeId, String.format("user-%05d", user), random.nextDouble() < 0.7 ? device : null);
    }
    if (roll < mix.externalId() + mix.deviceOnly()) {
      return new Identity(brazeId, null, device);
    }
    return new Identity(brazeId, null, null);
  }

  GenericRecord record(Schema schema, Instant hour, TimeType timeType, Identity who) {
    GenericRecord r = new GenericData.Record(schema);
    long seconds = hour.getEpochSecond() + random.nextInt(3600);
    String platform = pick(PLATFORMS);
    for (Schema.Field f : schema.getFields()) {
      Object v =
          switch (f.name()) {
            case "id", "session_id", "send_id", "dispatch_id" -> uuid();
            case "user_id" -> who.brazeId();
            case "external_user_id" -> who.externalId();
            case "device_id" -> who.deviceId();
            case "app_group_id" -> appGroupId;
            case "app_id" -> "app-" + (1 + random.nextInt(2));
            case "time" -> timeType == TimeType.INT ? (Object) (int) seconds : (Object) seconds;
            case "time_ms" -> seconds * 1000 + random.nextInt(1000);
            case "timezone" -> maybe(pick(TIMEZONES));
            case "platform" -> maybe(platform);
            case "os_version" -> maybe(osVersion(platform));
            case "device_model" -> maybe(deviceModel(platform));
            case "name" -> pick(CUSTOM_EVENT_NAMES);
            case "properties" -> properties();
            case "ad_id", "ad_id_type", "ad_tracking_enabled" -> null; // set below, together
            case "product_id" -> "sku-" + (100 + random.nextInt(50));
            case "price" -> (float) (random.nextInt(10_000) / 100.0);
            case "currency" -> pick(CURRENCIES);
            case "email_address" ->
                (who.externalId() != null ? who.externalId() : who.brazeId()) + "@example.com";
            case "message_extras", "custom_attributes" -> extras(f.name());
            case "update_source" -> pick(List.of("SDK", "REST API", "CSV Import"));
            case "first_name" -> maybe(pick(List.of("Ada", "Grace", "Alan", "Linus")));
            case "last_name" -> maybe(pick(List.of("Lovelace", "Hopper", "Turing")));
            case "phone_number", "to_phone_number", "from_phone_number" ->
                maybe("+1555" + (1_000_000 + random.nextInt(8_999_999)));
            case "dob" -> maybe("19" + (60 + random.nextInt(40)) + "-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10));
            case "gender" -> maybe(pick(List.of("M", "F", "O", "N", "P")));
            case "country" -> maybe(pick(List.of("US", "DE", "JP", "FR")));
            case "language" -> maybe(pick(List.of("en", "de", "ja", "fr")));
            case "home_city" -> maybe(pick(List.of("Boston", "Berlin", "Tokyo")));
            case "campaign_name", "canvas_name", "message_variation_name", "canvas_variation_name",
                "canvas_step_name", "agent_name" ->
                maybe("Name " + random.nextInt(20));
            default -> defaultValue(f);
          };
      r.put(f.name(), v);
    }
    if (schema.getField("ad_id") != null && random.nextDouble() < 0.4) {
      boolean ios = random.nextBoolean();
      r.put("ad_id", uuid());
      r.put("ad_id_type", ios ? "ios_idfa" : "google_ad_id");
      if (schema.getField("ad_tracking_enabled") != null) {
        r.put("ad_tracking_enabled", random.nextBoolean());
      }
    }
    return r;
  }

  /** A record of a schema that is not Currents at all. */
  GenericRecord foreign(Schema schema) {
    GenericRecord r = new GenericData.Record(schema);
    r.put("key", uuid());
    r.put("value", random.nextLong());
    return r;
  }

  byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    b[0] = 'X'; // never the Avro magic "Obj"
    return b;
  }

  byte[] syncMarker() {
    byte[] b = new byte[16];
    random.nextBytes(b);
    return b;
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  private Object defaultValue(Schema.Field f) {
    Schema s = f.schema();
    if (s.getType() == Schema.Type.UNION) {
      Schema t = s.getTypes().get(1);
      return random.nextDouble() < 0.8 ? valueOf(t, f.name()) : null;
    }
    return valueOf(s, f.name());
  }

  private Object valueOf(Schema s, String name) {
    return switch (s.getType()) {
      case BOOLEAN -> random.nextBoolean();
      case INT -> random.nextInt(1000);
      case LONG -> (long) random.nextInt(1_000_000);
      case FLOAT -> (float) random.nextInt(1000) / 10f;
      case DOUBLE -> random.nextInt(1000) / 10.0;
      default -> name + "-" + hex(8);
    };
  }

  private String properties() {
    return switch (random.nextInt(3)) {
      case 0 -> "{}";
      case 1 ->
          "{\"sku\":\"SKU-" + random.nextInt(500) + "\",\"count\":" + random.nextInt(10)
              + ",\"premium\":" + random.nextBoolean() + "}";
      default ->
          "{\"color\":\"" + pick(List.of("red", "blue")) + "\",\"score\":" + random.nextInt(100)
              + ".5,\"tags\":[\"a\",\"b\"],\"nested\":{\"level\":" + random.nextInt(5) + "}}";
    };
  }

  private String extras(String field) {
    if (field.equals("custom_attributes")) {
      return "{\"favorite_color\":\"" + pick(List.of("red", "green", "blue"))
          + "\",\"visits\":" + random.nextInt(100) + ",\"vip\":" + random.nextBoolean()
          + (random.nextBoolean() ? ",\"cleared_attribute\":null" : "") + "}";
    }
    return maybe("{\"coupon\":\"C" + random.nextInt(1000) + "\"}");
  }

  private String osVersion(String platform) {
    return switch (platform) {
      case "ios" -> "iOS 17." + random.nextInt(5);
      case "android" -> "Android " + (12 + random.nextInt(3));
      default -> "Chrome " + (120 + random.nextInt(10));
    };
  }

  private String deviceModel(String platform) {
    return switch (platform) {
      case "ios" -> "iPhone15," + random.nextInt(4);
      case "android" -> "Pixel " + (6 + random.nextInt(3));
      default -> null;
    };
  }

  private <T> T maybe(T value) {
    return random.nextDouble() < 0.8 ? value : null;
  }

  private <T> T pick(List<T> from) {
    return from.get(random.nextInt(from.size()));
  }

  private String uuid() {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  private String hex(int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(Character.forDigit(random.nextInt(16), 16));
    }
    return b.toString();
  }
}
