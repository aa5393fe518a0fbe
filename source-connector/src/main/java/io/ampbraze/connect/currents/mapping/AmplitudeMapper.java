package io.ampbraze.connect.currents.mapping;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

  private final EventNames names;

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
    String userId = text(r, "external_user_id");
    String deviceId = text(r, "device_id");
    if (userId == null && deviceId == null) {
      return new Converted.SkipNoId();
    }
    String id = text(r, "id");
    if (id == null) {
      return new Converted.Invalid("id", "is missing or empty");
    }
    Long time = timeMs(r);
    if (time == null) {
      return new Converted.Invalid("time", "is missing (neither 'time_ms' nor 'time' is set)");
    }

    boolean custom = eventType.equals(EventNames.CUSTOM_EVENT);
    boolean purchase = eventType.equals(PURCHASE);
    boolean profile = eventType.equals(PROFILE_UPDATE);
    String amplitudeType;
    if (profile) {
      amplitudeType = "$identify";
    } else if (custom) {
      String name = text(r, "name");
      if (name == null) {
        return new Converted.Invalid("name", "a custom event has no name");
      }
      amplitudeType = names.eventType(eventType, name);
    } else {
      amplitudeType = names.eventType(eventType, null);
    }

    JsonValue e = new JsonValue();
    e.putIfNotNull("user_id", userId);
    e.putIfNotNull("device_id", deviceId);
    e.put("event_type", amplitudeType);
    e.put("time", time);
    e.put("insert_id", id);
    for (Map.Entry<String, String> c : CONTEXT_KEYS.entrySet()) {
      e.putIfNotNull(c.getValue(), AvroJson.toJson(value(r, c.getKey())));
    }
    boolean adMapped = mapAdId(r, e);

    JsonValue props = new JsonValue();
    if (purchase) {
      mapPurchase(r, e, props);
    }
    if (profile) {
      e.put("user_properties", userProperties(r));
    }
    for (Schema.Field f : r.getSchema().getFields()) {
      String name = f.name();
      Object v = AvroJson.toJson(r.get(f.pos()));
      if (v == null
          || IDENTITY_AND_TIME.contains(name)
          || CONTEXT_KEYS.containsKey(name)
          || (adMapped && (name.equals("ad_id") || name.equals("ad_id_type")))
          || (profile && !PROFILE_META.contains(name))
          || (purchase && Set.of("product_id", "price", "currency", "quantity").contains(name))) {
        continue;
      }
      if (name.equals("user_id")) {
        props.put("braze_id", v);
      } else if (name.equals("name") && custom) {
        continue;
      } else if (name.equals("properties") && (custom || purchase)) {
        String prefix = custom ? CUSTOM_PROPERTY_PREFIX : PURCHASE_PROPERTY_PREFIX;
        Optional<Map<String, Object>> parsed = AvroJson.parseObject(v.toString());
        if (parsed.isPresent()) {
          parsed.get().forEach((k, x) -> props.put(prefix + k, x));
        } else {
          props.put("properties", v); // not a JSON object: kept as Braze sent it
        }
      } else if (profile && name.equals("custom_attributes")) {
        continue;
      } else {
        props.put(name, v);
      }
    }
    if (!props.isEmpty()) {
      e.put("event_properties", props);
    }
    // Order the top-level keys so user_properties, if any, comes last.
    Object up = e.remove("user_properties");
    e.putIfNotNull("user_properties", up);
    return new Converted.Emit(userId != null ? userId : deviceId, e);
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

  private static boolean mapAdId(GenericRecord r, JsonValue e) {
    String adId = text(r, "ad_id");
    String type = text(r, "ad_id_type");
    if (adId == null || type == null) {
      return false;
    }
    switch (type) {
      case "ios_idfa" -> e.put("idfa", adId);
      case "google_ad_id" -> e.put("adid", adId);
      default -> {
        return false; // windows_ad_id, roku_ad_id: Amplitude has no key; kept as properties
      }
    }
    return true;
  }

  private static void mapPurchase(GenericRecord r, JsonValue e, JsonValue props) {
    e.putIfNotNull("productId", text(r, "product_id"));
    Object price = AvroJson.toJson(value(r, "price"));
    Object q = AvroJson.toJson(value(r, "quantity"));
    long quantity = q instanceof Number n && n.longValue() > 0 ? n.longValue() : 1;
    if (price instanceof Number p) {
      e.put("price", p);
      e.put("quantity", quantity);
      e.put("revenue",
          BigDecimal.valueOf(p.doubleValue()).multiply(BigDecimal.valueOf(quantity)).doubleValue());
    }
    e.putIfNotNull("currency", text(r, "currency"));
  }

  private static JsonValue userProperties(GenericRecord r) {
    JsonValue set = new JsonValue();
    JsonValue unset = new JsonValue();
    for (Schema.Field f : r.getSchema().getFields()) {
      String name = f.name();
      if (IDENTITY_AND_TIME.contains(name) || PROFILE_META.contains(name)) {
        continue;
      }
      set.putIfNotNull(name, AvroJson.toJson(r.get(f.pos())));
    }
    AvroJson.parseObject(text(r, "custom_attributes"))
        .ifPresent(attrs -> attrs.forEach((k, v) -> {
          if (v == null) {
            unset.put(k, "-");
          } else {
            set.put(k, v);
          }
        }));
    JsonValue ops = new JsonValue();
    if (!set.isEmpty()) {
      ops.put("$set", set);
    }
    if (!unset.isEmpty()) {
      ops.put("$unset", unset);
    }
    return ops;
  }

  private static Long timeMs(GenericRecord r) {
    if (value(r, "time_ms") instanceof Number ms) {
      return ms.longValue();
    }
    if (value(r, "time") instanceof Number s) {
      return s.longValue() * 1000;
    }
    return null;
  }

  /** A field's value, or null if the schema has no such field. */
  static Object value(GenericRecord r, String field) {
    Schema.Field f = r.getSchema().getField(field);
    return f == null ? null : r.get(f.pos());
  }

  /** A string field's text, or null if absent, null or blank. */
  static String text(GenericRecord r, String field) {
    Object v = value(r, field);
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
