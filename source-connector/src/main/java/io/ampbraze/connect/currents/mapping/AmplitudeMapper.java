package io.ampbraze.connect.currents.mapping;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * {@code output.format=amplitude}: one Currents record → one Amplitude HTTP V2 event, following
 * Braze's own Currents-to-Amplitude export where it is documented:
 *
 * <ul>
 *   <li>{@code user_id} = {@code external_user_id}, {@code device_id} = {@code device_id}; a
 *       record with neither is skipped; the record key is the user id, else the device id;
 *   <li>{@code event_type} = prefix + name ({@link EventNames}); custom events {@code [Appboy]
 *       [Custom Event] <name>}; {@code users.profile.Update} is an {@code $identify};
 *   <li>{@code time} = {@code time_ms} if present, else {@code time} (seconds, int or long) ×
 *       1000; {@code insert_id} = {@code id} (Amplitude drops repeats: Currents is at-least-once);
 *   <li>{@code platform}, {@code os_version}, {@code device_model}, {@code latitude}/{@code
 *       longitude} onto Amplitude's own keys; {@code ad_id} onto {@code idfa} ({@code ios_idfa})
 *       or {@code adid} ({@code google_ad_id});
 *   <li>custom-event and purchase {@code properties} (JSON strings) parsed into event properties
 *       prefixed {@code [Custom event property] } / {@code [Purchase property] };
 *   <li>purchases: {@code productId}, {@code price}, {@code quantity} (1 unless the record has
 *       one), {@code revenue} = price × quantity, {@code currency};
 *   <li>profile updates: profile fields and the parsed {@code custom_attributes} as {@code $set}
 *       user properties; attributes set to null as {@code $unset};
 *   <li>every other non-null field into {@code event_properties} under its own name, except
 *       Braze's {@code user_id}, renamed {@code braze_id} so it is not mistaken for Amplitude's.
 * </ul>
 */
public final class AmplitudeMapper implements RecordConverter {
  static final String PURCHASE = "users.behaviors.Purchase";
  static final String PROFILE_UPDATE = "users.profile.Update";
  static final String CUSTOM_PROPERTY_PREFIX = "[Custom event property] ";
  static final String PURCHASE_PROPERTY_PREFIX = "[Purchase property] ";
  private static final String IDENTIFY = "$identify";

  /**
   * Currents fields that become Amplitude's own event keys, in the order they are written (an
   * ordered map: {@code Map.of} iterates in an order that changes from one JVM to the next).
   */
  static final Map<String, String> CONTEXT_KEYS = contextKeys();

  /** Fields of every type consumed by the top of the event. */
  private static final Set<String> IDENTITY_AND_TIME =
      Set.of("id", "external_user_id", "device_id", "time", "time_ms");

  /** Fields of a profile update that describe the update, not the user. */
  private static final Set<String> PROFILE_META =
      Set.of("user_id", "app_group_id", "app_id", "update_source", "custom_attributes");

  /** Fields of a purchase consumed by Amplitude's revenue keys. */
  private static final Set<String> PURCHASE_FIELDS =
      Set.of("product_id", "price", "currency", "quantity");

  /** Room for an event's own keys. */
  private static final int EVENT_KEYS = 16;

  /** More plans than this means something keeps changing: start over rather than grow. */
  private static final int MAX_PLANS = 256;

  private final EventNames names;
  private final Map<PlanKey, Plan> plans = new ConcurrentHashMap<>();
  /** The plan of the previous record: a file has one schema and one type. */
  private volatile LastPlan last;

  public AmplitudeMapper(EventNames names) {
    this.names = names;
  }

  @Override
  public Optional<String> schemaProblem(Schema s) {
    if (s.getType() != Schema.Type.RECORD) {
      return Optional.of("the writer schema is a " + s.getType() + ", not a Currents record");
    }
    if (!hasField(s, "id", Schema.Type.STRING)) {
      return Optional.of("the writer schema " + s.getFullName() + " has no string field 'id'");
    }
    if (!hasField(s, "time", Schema.Type.INT)
        && !hasField(s, "time", Schema.Type.LONG)
        && !hasField(s, "time_ms", Schema.Type.LONG)) {
      return Optional.of(
          "the writer schema " + s.getFullName() + " has no int or long field 'time' or 'time_ms'");
    }
    return Optional.empty();
  }

  @Override
  public Converted convert(String eventType, GenericRecord r) {
    return plan(eventType, r.getSchema()).convert(r);
  }

  private Plan plan(String eventType, Schema schema) {
    LastPlan l = last;
    if (l != null && l.schema == schema && l.eventType.equals(eventType)) {
      return l.plan;
    }
    if (plans.size() >= MAX_PLANS) {
      plans.clear();
    }
    // Files of the same writer schema share a plan: each file has its own Schema instance, and
    // Schema.equals compares the structure (once per file, thanks to the last plan).
    Plan p = plans.computeIfAbsent(
        new PlanKey(eventType, schema), k -> new Plan(k.eventType(), k.schema(), names));
    last = new LastPlan(eventType, schema, p);
    return p;
  }

  private record PlanKey(String eventType, Schema schema) {}

  /** The plan of the previous record, for the very Schema instance of its file. */
  private record LastPlan(String eventType, Schema schema, Plan plan) {}

  private enum Kind {
    CUSTOM,
    PURCHASE,
    PROFILE,
    OTHER
  }

  /** What happens to a field that goes into {@code event_properties}. */
  private enum Action {
    /** Put under {@link Plan#propKeys}. */
    PUT,
    /** {@code ad_id}/{@code ad_id_type}: put unless they became {@code idfa}/{@code adid}. */
    AD,
    /** The {@code properties} JSON of a custom event or purchase: parsed and prefixed. */
    PROPERTIES
  }

  /**
   * The mapping of one event type and writer schema, worked out once: where each field the
   * mapping reads is, and what becomes of every other field. Applying it writes the same keys in
   * the same order as reading the rules field by field would.
   */
  private static final class Plan {
    final String eventType;
    final Schema schema;
    final Kind kind;
    final EventNames.Template template;
    final int id;
    final int externalUserId;
    final int deviceId;
    final int time;
    final int timeMs;
    final int name;
    final int adId;
    final int adIdType;
    final int productId;
    final int price;
    final int quantity;
    final int currency;
    final int customAttributes;
    /** Context fields present in the schema, in {@link #CONTEXT_KEYS} order, and their keys. */
    final int[] contextPos;
    final String[] contextKeys;
    /** Fields that may go to {@code event_properties}, in schema order. */
    final int[] propPos;
    final String[] propKeys;
    final Action[] propActions;
    final String propertiesPrefix;
    /**
     * Whether no two event_properties keys can be the same: field names are distinct, but
     * {@code user_id} becomes {@code braze_id} (a field may have that name too), and a field's
     * name could start like a parsed property's (only with an unusual writer schema).
     */
    final boolean propKeysDistinct;
    /** Profile updates: the fields that go to {@code $set}, in schema order. */
    final int[] setPos;
    final String[] setKeys;

    Plan(String eventType, Schema schema, EventNames names) {
      this.eventType = eventType;
      this.schema = schema;
      this.kind =
          eventType.equals(EventNames.CUSTOM_EVENT)
              ? Kind.CUSTOM
              : eventType.equals(PURCHASE)
                  ? Kind.PURCHASE
                  : eventType.equals(PROFILE_UPDATE) ? Kind.PROFILE : Kind.OTHER;
      this.template = names.template(eventType);
      this.id = pos(schema, "id");
      this.externalUserId = pos(schema, "external_user_id");
      this.deviceId = pos(schema, "device_id");
      this.time = pos(schema, "time");
      this.timeMs = pos(schema, "time_ms");
      this.name = pos(schema, "name");
      this.adId = pos(schema, "ad_id");
      this.adIdType = pos(schema, "ad_id_type");
      this.productId = pos(schema, "product_id");
      this.price = pos(schema, "price");
      this.quantity = pos(schema, "quantity");
      this.currency = pos(schema, "currency");
      this.customAttributes = pos(schema, "custom_attributes");

      List<Integer> ctxPos = new ArrayList<>();
      List<String> ctxKeys = new ArrayList<>();
      CONTEXT_KEYS.forEach((field, key) -> {
        int at = pos(schema, field);
        if (at >= 0) {
          ctxPos.add(at);
          ctxKeys.add(key);
        }
      });
      this.contextPos = ctxPos.stream().mapToInt(Integer::intValue).toArray();
      this.contextKeys = ctxKeys.toArray(String[]::new);

      boolean custom = kind == Kind.CUSTOM;
      boolean purchase = kind == Kind.PURCHASE;
      boolean profile = kind == Kind.PROFILE;
      List<Integer> pPos = new ArrayList<>();
      List<String> pKeys = new ArrayList<>();
      List<Action> pActions = new ArrayList<>();
      List<Integer> sPos = new ArrayList<>();
      List<String> sKeys = new ArrayList<>();
      for (Schema.Field f : schema.getFields()) {
        String n = f.name();
        if (profile && !IDENTITY_AND_TIME.contains(n) && !PROFILE_META.contains(n)) {
          sPos.add(f.pos());
          sKeys.add(n);
        }
        Action a = propertyAction(n, custom, purchase, profile);
        if (a != null) {
          pPos.add(f.pos());
          pKeys.add(n.equals("user_id") ? "braze_id" : n);
          pActions.add(a);
        }
      }
      this.propPos = pPos.stream().mapToInt(Integer::intValue).toArray();
      this.propKeys = pKeys.toArray(String[]::new);
      this.propActions = pActions.toArray(Action[]::new);
      this.propertiesPrefix = custom ? CUSTOM_PROPERTY_PREFIX : PURCHASE_PROPERTY_PREFIX;
      this.propKeysDistinct =
          new HashSet<>(pKeys).size() == pKeys.size()
              && pKeys.stream().noneMatch(k -> k.startsWith(propertiesPrefix));
      this.setPos = sPos.stream().mapToInt(Integer::intValue).toArray();
      this.setKeys = sKeys.toArray(String[]::new);
    }

    /** What becomes of field {@code n} in {@code event_properties}; null: it is left out. */
    private static Action propertyAction(String n, boolean custom, boolean purchase, boolean profile) {
      if (IDENTITY_AND_TIME.contains(n)
          || CONTEXT_KEYS.containsKey(n)
          || (profile && !PROFILE_META.contains(n))
          || (purchase && PURCHASE_FIELDS.contains(n))
          || (custom && n.equals("name"))
          || (profile && n.equals("custom_attributes"))) {
        return null;
      }
      if (n.equals("ad_id") || n.equals("ad_id_type")) {
        return Action.AD;
      }
      if (n.equals("properties") && (custom || purchase)) {
        return Action.PROPERTIES;
      }
      return Action.PUT;
    }

    Converted convert(GenericRecord r) {
      String userId = text(r, externalUserId);
      String deviceId = text(r, this.deviceId);
      if (userId == null && deviceId == null) {
        return new Converted.SkipNoId();
      }
      String insertId = text(r, id);
      if (insertId == null) {
        return new Converted.Invalid("id", "is missing or empty");
      }
      Long timeMs = timeMs(r);
      if (timeMs == null) {
        return new Converted.Invalid("time", "is missing (neither 'time_ms' nor 'time' is set)");
      }
      String amplitudeType;
      if (kind == Kind.PROFILE) {
        amplitudeType = IDENTIFY;
      } else if (kind == Kind.CUSTOM) {
        String customName = text(r, name);
        if (customName == null) {
          return new Converted.Invalid("name", "a custom event has no name");
        }
        amplitudeType = template.eventType(customName);
      } else {
        amplitudeType = template.eventType(null);
      }

      // The event's own keys are fixed and distinct: appended without looking them up.
      JsonValue e = new JsonValue(EVENT_KEYS);
      e.appendIfNotNull("user_id", userId);
      e.appendIfNotNull("device_id", deviceId);
      e.append("event_type", amplitudeType);
      e.append("time", timeMs);
      e.append("insert_id", insertId);
      for (int i = 0; i < contextPos.length; i++) {
        e.appendIfNotNull(contextKeys[i], AvroJson.toJson(r.get(contextPos[i])));
      }
      boolean adMapped = mapAdId(r, e);
      if (kind == Kind.PURCHASE) {
        mapPurchase(r, e);
      }
      JsonValue props = eventProperties(r, adMapped);
      if (!props.isEmpty()) {
        e.append("event_properties", props);
      }
      if (kind == Kind.PROFILE) {
        e.append("user_properties", userProperties(r));
      }
      return new Converted.Emit(userId != null ? userId : deviceId, e);
    }

    private JsonValue eventProperties(GenericRecord r, boolean adMapped) {
      JsonValue props = new JsonValue(propPos.length + 4);
      for (int i = 0; i < propPos.length; i++) {
        Object v = AvroJson.toJson(r.get(propPos[i]));
        if (v == null) {
          continue;
        }
        switch (propActions[i]) {
          case PUT -> add(props, propKeys[i], v);
          case AD -> {
            if (!adMapped) {
              add(props, propKeys[i], v);
            }
          }
          case PROPERTIES -> {
            Optional<Map<String, Object>> parsed = AvroJson.parseObject(v.toString());
            if (parsed.isPresent()) {
              // A parsed object's keys are distinct, and so are they once prefixed.
              parsed.get().forEach((k, x) -> add(props, propertiesPrefix + k, x));
            } else {
              add(props, "properties", v); // not a JSON object: kept as Braze sent it
            }
          }
        }
      }
      return props;
    }

    /** Adds to event_properties: without a lookup when no two keys can be the same. */
    private void add(JsonValue props, String key, Object value) {
      if (propKeysDistinct) {
        props.append(key, value);
      } else {
        props.put(key, value);
      }
    }

    private boolean mapAdId(GenericRecord r, JsonValue e) {
      String ad = text(r, adId);
      String type = ad == null ? null : text(r, adIdType);
      if (type == null) {
        return false;
      }
      switch (type) {
        case "ios_idfa" -> e.append("idfa", ad);
        case "google_ad_id" -> e.append("adid", ad);
        default -> {
          return false; // windows_ad_id, roku_ad_id: Amplitude has no key; kept as properties
        }
      }
      return true;
    }

    private void mapPurchase(GenericRecord r, JsonValue e) {
      e.appendIfNotNull("productId", text(r, productId));
      Object p = AvroJson.toJson(value(r, price));
      Object q = AvroJson.toJson(value(r, quantity));
      long n = q instanceof Number qn && qn.longValue() > 0 ? qn.longValue() : 1;
      if (p instanceof Number pn) {
        e.append("price", pn);
        e.append("quantity", n);
        e.append("revenue", revenue(pn.doubleValue(), n));
      }
      e.appendIfNotNull("currency", text(r, currency));
    }

    private JsonValue userProperties(GenericRecord r) {
      JsonValue set = new JsonValue(setPos.length + 4);
      for (int i = 0; i < setPos.length; i++) {
        set.appendIfNotNull(setKeys[i], AvroJson.toJson(r.get(setPos[i]))); // field names: distinct
      }
      JsonValue unset = new JsonValue(2);
      AvroJson.parseObject(text(r, customAttributes))
          .ifPresent(attrs -> attrs.forEach((k, v) -> {
            if (v == null) {
              unset.append(k, "-"); // a parsed object's keys are distinct
            } else {
              set.put(k, v); // may name a profile field too: the attribute wins, in its place
            }
          }));
      JsonValue ops = new JsonValue(2);
      if (!set.isEmpty()) {
        ops.append("$set", set);
      }
      if (!unset.isEmpty()) {
        ops.append("$unset", unset);
      }
      return ops;
    }

    private Long timeMs(GenericRecord r) {
      if (value(r, timeMs) instanceof Number ms) {
        return ms.longValue();
      }
      if (value(r, time) instanceof Number s) {
        return s.longValue() * 1000;
      }
      return null;
    }
  }

  /**
   * {@code price × quantity}, computed in decimal ({@code 9.99 × 3} is 29.97, not
   * 29.970000000000002). A quantity of 1 gives the price itself: BigDecimal's round trip of a
   * double is exact, except that it turns -0.0 into 0.0, as {@code + 0.0} does.
   */
  static double revenue(double price, long quantity) {
    if (quantity == 1) {
      return price + 0.0;
    }
    return BigDecimal.valueOf(price).multiply(BigDecimal.valueOf(quantity)).doubleValue();
  }

  private static Map<String, String> contextKeys() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("platform", "platform");
    m.put("os_version", "os_version");
    m.put("device_model", "device_model");
    m.put("latitude", "location_lat");
    m.put("longitude", "location_lng");
    return Collections.unmodifiableMap(m);
  }

  private static int pos(Schema s, String field) {
    Schema.Field f = s.getField(field);
    return f == null ? -1 : f.pos();
  }

  /** The value at {@code pos}, or null if the schema has no such field ({@code pos} < 0). */
  private static Object value(GenericRecord r, int pos) {
    return pos < 0 ? null : r.get(pos);
  }

  /** The text at {@code pos}, or null if absent, null or blank. */
  private static String text(GenericRecord r, int pos) {
    return blankToNull(value(r, pos));
  }

  /** A field's value, or null if the schema has no such field. */
  static Object value(GenericRecord r, String field) {
    Schema.Field f = r.getSchema().getField(field);
    return f == null ? null : r.get(f.pos());
  }

  /** A string field's text, or null if absent, null or blank. */
  static String text(GenericRecord r, String field) {
    return blankToNull(value(r, field));
  }

  private static String blankToNull(Object v) {
    if (v == null) {
      return null;
    }
    String s = v.toString();
    return s.isBlank() ? null : s;
  }

  private static boolean hasField(Schema s, String name, Schema.Type type) {
    Schema.Field f = s.getField(name);
    if (f == null) {
      return false;
    }
    Schema fs = f.schema();
    if (fs.getType() == Schema.Type.UNION) {
      return fs.getTypes().stream().anyMatch(t -> t.getType() == type);
    }
    return fs.getType() == type;
  }
}
