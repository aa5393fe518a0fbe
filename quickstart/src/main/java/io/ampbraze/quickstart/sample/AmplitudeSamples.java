package io.ampbraze.quickstart.sample;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Sample Amplitude data as it reaches Kafka in practice: events in both the export/streaming shape
 * and the HTTP V2 shape, identifies ({@code $identify} events with operations, and plain
 * identify-shaped records), and cohort membership changes (Amplitude's Cohort Webhooks payload and
 * the simpler add/remove shape). Deterministic for a seed and a base time.
 */
public final class AmplitudeSamples {
  private static final DateTimeFormatter EXPORT_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
  private static final String[] BROWSE_EVENTS = {"Viewed Product", "Added To Cart", "Searched"};
  private static final String[] PRODUCTS = {
    "sku-shoe-01", "sku-shirt-07", "sku-hat-03", "sku-bag-11"
  };
  private static final String[] PLANS = {"free", "plus", "pro"};
  private static final String[] COUNTRIES = {
    "United States", "Germany", "France", "Brazil", "Japan"
  };

  private final ObjectMapper json = new ObjectMapper();
  private final Random random;
  private final Instant now;
  private final int users;
  private final int anonymousDevices;

  /**
   * @param users identified users {@code user-0001}...
   * @param anonymousDevices devices that never logged in (events with a {@code device_id} only)
   */
  public AmplitudeSamples(long seed, Instant now, int users, int anonymousDevices) {
    this.random = new Random(seed);
    this.now = now;
    this.users = users;
    this.anonymousDevices = anonymousDevices;
  }

  public static String userId(int n) {
    return String.format(Locale.ROOT, "user-%04d", n);
  }

  private static String deviceId(int n) {
    return String.format(Locale.ROOT, "device-%04d", n);
  }

  /**
   * Product events; one in ten is a purchase with revenue fields, one in ten comes from an
   * anonymous device; even ones are in the export shape, odd ones in the HTTP V2 shape.
   */
  public List<SampleRecord> events(int count) {
    List<SampleRecord> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      boolean anonymous = anonymousDevices > 0 && i % 10 == 9;
      boolean purchase = i % 10 == 4;
      String userId = anonymous ? null : userId(1 + random.nextInt(users));
      String deviceId = anonymous ? deviceId(1 + random.nextInt(anonymousDevices)) : "d-" + userId;
      Instant time = now.minusSeconds(3600 - i * 3600L / Math.max(count, 1));
      String type =
          purchase ? "Completed Purchase" : BROWSE_EVENTS[random.nextInt(BROWSE_EVENTS.length)];

      ObjectNode event = json.createObjectNode();
      event.put("event_type", type);
      if (userId != null) {
        event.put("user_id", userId);
      }
      event.put("device_id", deviceId);
      String insertId = UUID.nameUUIDFromBytes(("event-" + i + "-" + now).getBytes()).toString();
      boolean exportShape = i % 2 == 0;
      if (exportShape) {
        event.put("event_time", EXPORT_TIME.format(time));
        event.put("$insert_id", insertId);
        event.put("amplitude_id", 100_000_000L + i);
        event.put("os_name", "ios");
        event.put("version_name", "5.2.0");
      } else {
        event.put("time", time.toEpochMilli());
        event.put("insert_id", insertId);
        event.put("os_name", "android");
        event.put("app_version", "5.2.0");
      }
      event.put("platform", exportShape ? "iOS" : "Android");
      event.put("country", COUNTRIES[random.nextInt(COUNTRIES.length)]);

      ObjectNode properties = event.putObject("event_properties");
      String product = PRODUCTS[random.nextInt(PRODUCTS.length)];
      if (purchase) {
        int quantity = 1 + random.nextInt(3);
        double price = 10 + random.nextInt(90) + 0.99;
        event.put("productId", product);
        event.put("price", price);
        event.put("quantity", quantity);
        event.put("revenue", Math.round(price * quantity * 100) / 100.0);
        event.put("currency", "USD");
        properties.put("payment_method", random.nextBoolean() ? "card" : "wallet");
      } else if ("Searched".equals(type)) {
        properties.put("query", random.nextBoolean() ? "running shoes" : "summer hat");
        properties.put("results", random.nextInt(40));
      } else {
        properties.put("product_id", product);
        properties.put("category", product.substring(4, product.lastIndexOf('-')));
      }
      event.putObject("user_properties").put("plan", PLANS[random.nextInt(PLANS.length)]);
      records.add(new SampleRecord(userId != null ? userId : deviceId, write(event)));
    }
    return records;
  }

  /**
   * User-property updates: even ones are {@code $identify} events with operations, odd ones
   * identify-shaped records with plain keys.
   */
  public List<SampleRecord> identifies(int count) {
    List<SampleRecord> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int n = 1 + i % users;
      String userId = userId(n);
      ObjectNode record = json.createObjectNode();
      record.put("user_id", userId);
      ObjectNode userProperties;
      if (i % 2 == 0) {
        record.put("event_type", "$identify");
        record.put("time", now.minusSeconds(600 - i).toEpochMilli());
        userProperties = record.putObject("user_properties");
        ObjectNode set = userProperties.putObject("$set");
        set.put("email", userId + "@example.com");
        set.put("first_name", "Sample" + n);
        set.put("plan", PLANS[random.nextInt(PLANS.length)]);
        userProperties.putObject("$add").put("logins", 1);
        userProperties
            .putObject("$append")
            .put("interests", random.nextBoolean() ? "shoes" : "hats");
      } else {
        userProperties = record.putObject("user_properties");
        userProperties.put("country", COUNTRIES[random.nextInt(COUNTRIES.length)]);
        userProperties.put("lifetime_orders", random.nextInt(20));
        userProperties.put("newsletter", random.nextBoolean());
      }
      records.add(new SampleRecord(userId, write(record)));
    }
    return records;
  }

  /**
   * Cohort membership changes: users entering and leaving a cohort in Amplitude's Cohort Webhooks
   * shape, and an add and a remove in the simpler shape.
   */
  public List<SampleRecord> cohortChanges() {
    List<SampleRecord> records = new ArrayList<>();
    String computed = Long.toString(now.getEpochSecond());

    ObjectNode enter = json.createObjectNode();
    enter.put("cohort_name", "Power Buyers");
    enter.put("cohort_id", "qspower1");
    enter.put("in_cohort", true);
    enter.put("computed_time", computed);
    enter.put("message_id", "qspower1-" + computed + "::enter::0");
    ArrayNode entering = enter.putArray("users");
    for (int n = 1; n <= Math.min(users, 8); n++) {
      entering.addObject().put("user_id", userId(n));
    }
    records.add(new SampleRecord("qspower1", write(enter)));

    ObjectNode exit = json.createObjectNode();
    exit.put("cohort_name", "Power Buyers");
    exit.put("cohort_id", "qspower1");
    exit.put("in_cohort", false);
    exit.put("computed_time", computed);
    exit.put("message_id", "qspower1-" + computed + "::exit::0");
    exit.putArray("users").addObject().put("user_id", userId(1));
    records.add(new SampleRecord("qspower1", write(exit)));

    ObjectNode add = json.createObjectNode();
    add.put("cohort_id", "qschurn2");
    add.put("cohort_name", "Churn Risk");
    add.put("action", "add");
    ArrayNode added = add.putArray("user_ids");
    for (int n = Math.max(1, users - 4); n <= users; n++) {
      added.add(userId(n));
    }
    records.add(new SampleRecord("qschurn2", write(add)));

    ObjectNode remove = json.createObjectNode();
    remove.put("cohort_id", "qschurn2");
    remove.put("cohort_name", "Churn Risk");
    remove.put("action", "remove");
    remove.putArray("user_ids").add(userId(users));
    records.add(new SampleRecord("qschurn2", write(remove)));
    return records;
  }

  private String write(ObjectNode node) {
    try {
      return json.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
