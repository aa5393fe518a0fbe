package io.ampbraze.connect.currents.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

import io.ampbraze.connect.currents.config.EventNameOverrides;

class AmplitudeMapperTest {
  private final AmplitudeMapper mapper =
      new AmplitudeMapper(new EventNames("[Appboy] ", EventNameOverrides.parse("k", List.of())));

  private static final Schema CUSTOM =
      SchemaBuilder.record("CustomEvent").namespace("dataexport.S3.inner.users.behaviors").fields()
          .requiredString("id").requiredString("user_id").optionalString("external_user_id")
          .optionalString("app_group_id").optionalString("app_id").requiredInt("time")
          .optionalString("timezone").optionalString("platform").optionalString("os_version")
          .optionalString("device_model").optionalString("device_id").requiredString("name")
          .requiredString("properties").optionalString("ad_id").optionalString("ad_id_type")
          .optionalBoolean("ad_tracking_enabled").endRecord();

  private static final Schema PURCHASE =
      SchemaBuilder.record("Purchase").namespace("dataexport.S3.inner.users.behaviors").fields()
          .requiredString("id").requiredString("user_id").optionalString("external_user_id")
          .requiredInt("time").optionalString("device_id").requiredString("product_id")
          .requiredFloat("price").requiredString("currency").requiredString("properties")
          .endRecord();

  private static final Schema PROFILE =
      SchemaBuilder.record("Update").namespace("dataexport.S3.inner.users.profile").fields()
          .requiredString("id").requiredString("user_id").optionalString("external_user_id")
          .optionalString("app_group_id").requiredInt("time").requiredLong("time_ms")
          .optionalString("update_source").optionalString("first_name").optionalString("email_address")
          .optionalString("country").optionalString("language").optionalString("custom_attributes")
          .endRecord();

  private static final Schema EMAIL_LONG_TIME =
      SchemaBuilder.record("Send").namespace("dataexport.S3.inner.users.messages.whatsapp").fields()
          .requiredString("id").requiredString("user_id").optionalString("external_user_id")
          .requiredLong("time").optionalString("campaign_id").optionalString("dispatch_id")
          .endRecord();

  private static GenericRecord custom() {
    GenericRecord r = new GenericData.Record(CUSTOM);
    r.put("id", new Utf8("6b5f0f8e-0000-4000-8000-000000000001"));
    r.put("user_id", "5e5b8f1c2d3e4f5a6b7c8d9e");
    r.put("external_user_id", "user-42");
    r.put("app_group_id", "grp");
    r.put("app_id", "app-1");
    r.put("time", 1_709_622_000);
    r.put("timezone", "Europe/Berlin");
    r.put("platform", "ios");
    r.put("os_version", "iOS 17.2");
    r.put("device_model", "iPhone15,2");
    r.put("device_id", "dev-1");
    r.put("name", "Added To Cart");
    r.put("properties", "{\"sku\":\"A-1\",\"count\":3,\"nested\":{\"x\":true},\"big\":123456789012345678901234567890}");
    r.put("ad_id", "ad-123");
    r.put("ad_id_type", "ios_idfa");
    r.put("ad_tracking_enabled", true);
    return r;
  }

  private JsonValue emit(String type, GenericRecord r) {
    Converted c = mapper.convert(type, r);
    assertThat(c).isInstanceOf(Converted.Emit.class);
    return ((Converted.Emit) c).value();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> props(JsonValue e) {
    return (Map<String, Object>) e.get("event_properties");
  }

  @Test
  void identityTimeAndInsertId() {
    JsonValue e = emit("users.behaviors.CustomEvent", custom());
    assertThat(e.get("user_id")).isEqualTo("user-42");
    assertThat(e.get("device_id")).isEqualTo("dev-1");
    assertThat(e.get("time")).isEqualTo(1_709_622_000_000L);
    assertThat(e.get("insert_id")).isEqualTo("6b5f0f8e-0000-4000-8000-000000000001");
    assertThat(((Converted.Emit) mapper.convert("users.behaviors.CustomEvent", custom())).key())
        .isEqualTo("user-42");
  }

  @Test
  void customEventNameAndPrefixedParsedProperties() {
    JsonValue e = emit("users.behaviors.CustomEvent", custom());
    assertThat(e.get("event_type")).isEqualTo("[Appboy] [Custom Event] Added To Cart");
    Map<String, Object> p = props(e);
    assertThat(p).containsEntry("[Custom event property] sku", "A-1")
        .containsEntry("[Custom event property] count", 3)
        .containsEntry("[Custom event property] nested", Map.of("x", true))
        .containsEntry("[Custom event property] big", "123456789012345678901234567890")
        .doesNotContainKeys("name", "properties");
  }

  @Test
  void contextFieldsGoToAmplitudeKeysAndNotIntoProperties() {
    JsonValue e = emit("users.behaviors.CustomEvent", custom());
    assertThat(e).containsEntry("platform", "ios")
        .containsEntry("os_version", "iOS 17.2")
        .containsEntry("device_model", "iPhone15,2");
    assertThat(props(e)).doesNotContainKeys("platform", "os_version", "device_model");
  }

  @Test
  void otherFieldsBecomeEventPropertiesAndBrazeIdIsRenamed() {
    JsonValue e = emit("users.behaviors.CustomEvent", custom());
    assertThat(props(e))
        .containsEntry("braze_id", "5e5b8f1c2d3e4f5a6b7c8d9e")
        .containsEntry("app_group_id", "grp")
        .containsEntry("app_id", "app-1")
        .containsEntry("timezone", "Europe/Berlin")
        .containsEntry("ad_tracking_enabled", true)
        .doesNotContainKeys("user_id", "external_user_id", "device_id", "id", "time");
  }

  @Test
  void iosAdIdBecomesIdfaAndGoogleAdIdBecomesAdid() {
    JsonValue ios = emit("users.behaviors.CustomEvent", custom());
    assertThat(ios.get("idfa")).isEqualTo("ad-123");
    assertThat(ios).doesNotContainKey("adid");
    assertThat(props(ios)).doesNotContainKeys("ad_id", "ad_id_type");

    GenericRecord g = custom();
    g.put("ad_id_type", "google_ad_id");
    JsonValue android = emit("users.behaviors.CustomEvent", g);
    assertThat(android.get("adid")).isEqualTo("ad-123");
    assertThat(android).doesNotContainKey("idfa");

    GenericRecord roku = custom();
    roku.put("ad_id_type", "roku_ad_id");
    JsonValue other = emit("users.behaviors.CustomEvent", roku);
    assertThat(other).doesNotContainKeys("idfa", "adid");
    assertThat(props(other)).containsEntry("ad_id", "ad-123").containsEntry("ad_id_type", "roku_ad_id");
  }

  @Test
  void deviceOnlyRecordsAreKeyedByDevice() {
    GenericRecord r = custom();
    r.put("external_user_id", null);
    Converted.Emit c = (Converted.Emit) mapper.convert("users.behaviors.CustomEvent", r);
    assertThat(c.key()).isEqualTo("dev-1");
    assertThat(c.value()).doesNotContainKey("user_id").containsEntry("device_id", "dev-1");
  }

  @Test
  void recordsWithNeitherIdAreSkipped() {
    GenericRecord r = custom();
    r.put("external_user_id", null);
    r.put("device_id", "  ");
    assertThat(mapper.convert("users.behaviors.CustomEvent", r)).isInstanceOf(Converted.SkipNoId.class);
  }

  @Test
  void purchaseRevenueFields() {
    GenericRecord r = new GenericData.Record(PURCHASE);
    r.put("id", "p-1");
    r.put("user_id", "b");
    r.put("external_user_id", "u");
    r.put("time", 1_700_000_000);
    r.put("product_id", "sku-9");
    r.put("price", 9.99f);
    r.put("currency", "EUR");
    r.put("properties", "{\"color\":\"red\"}");
    JsonValue e = emit("users.behaviors.Purchase", r);
    assertThat(e.get("event_type")).isEqualTo("[Appboy] Purchase");
    assertThat(e).containsEntry("productId", "sku-9")
        .containsEntry("price", 9.99)
        .containsEntry("quantity", 1L)
        .containsEntry("revenue", 9.99)
        .containsEntry("currency", "EUR");
    assertThat(props(e)).containsEntry("[Purchase property] color", "red")
        .doesNotContainKeys("product_id", "price", "currency", "properties");
  }

  @Test
  void purchaseWithAQuantityFieldMultipliesRevenue() {
    Schema withQuantity =
        SchemaBuilder.record("Purchase").fields().requiredString("id").requiredString("user_id")
            .optionalString("external_user_id").requiredInt("time").requiredString("product_id")
            .requiredFloat("price").requiredString("currency").optionalInt("quantity").endRecord();
    GenericRecord r = new GenericData.Record(withQuantity);
    r.put("id", "p-2");
    r.put("user_id", "b");
    r.put("external_user_id", "u");
    r.put("time", 1);
    r.put("product_id", "x");
    r.put("price", 2.5f);
    r.put("currency", "USD");
    r.put("quantity", 3);
    JsonValue e = emit("users.behaviors.Purchase", r);
    assertThat(e).containsEntry("quantity", 3L).containsEntry("revenue", 7.5);
    assertThat(props(e)).containsOnlyKeys("braze_id");
  }

  @Test
  void unparseablePropertiesAreKeptAsSent() {
    GenericRecord r = custom();
    r.put("properties", "not json");
    assertThat(props(emit("users.behaviors.CustomEvent", r))).containsEntry("properties", "not json");
    r.put("properties", "[1,2]");
    assertThat(props(emit("users.behaviors.CustomEvent", r))).containsEntry("properties", "[1,2]");
  }

  @Test
  void profileUpdateIsAnIdentifyWithUserProperties() {
    GenericRecord r = new GenericData.Record(PROFILE);
    r.put("id", "u-1");
    r.put("user_id", "b");
    r.put("external_user_id", "user-7");
    r.put("app_group_id", "grp");
    r.put("time", 1_700_000_000);
    r.put("time_ms", 1_700_000_000_123L);
    r.put("update_source", "SDK");
    r.put("first_name", "Ada");
    r.put("email_address", "ada@example.com");
    r.put("country", null);
    r.put("language", "en");
    r.put("custom_attributes", "{\"favorite_color\":\"blue\",\"visits\":5,\"cleared\":null}");
    JsonValue e = emit("users.profile.Update", r);
    assertThat(e.get("event_type")).isEqualTo("$identify");
    assertThat(e.get("time")).isEqualTo(1_700_000_000_123L);
    assertThat(e.get("user_properties"))
        .isEqualTo(
            Map.of(
                "$set",
                Map.of(
                    "first_name", "Ada",
                    "email_address", "ada@example.com",
                    "language", "en",
                    "favorite_color", "blue",
                    "visits", 5),
                "$unset",
                Map.of("cleared", "-")));
    assertThat(props(e)).containsEntry("update_source", "SDK")
        .containsEntry("app_group_id", "grp")
        .containsEntry("braze_id", "b")
        .doesNotContainKeys("first_name", "custom_attributes", "time_ms");
    // user_properties is the last key, for readability
    assertThat(List.copyOf(e.keySet())).last().isEqualTo("user_properties");
  }

  @Test
  void longTimeIsSecondsToo() {
    GenericRecord r = new GenericData.Record(EMAIL_LONG_TIME);
    r.put("id", "w-1");
    r.put("user_id", "b");
    r.put("external_user_id", "u");
    r.put("time", 1_700_000_000L);
    r.put("campaign_id", "c-1");
    JsonValue e = emit("users.messages.whatsapp.Send", r);
    assertThat(e.get("time")).isEqualTo(1_700_000_000_000L);
    assertThat(e.get("event_type")).isEqualTo("[Appboy] WhatsApp Send");
    assertThat(props(e)).containsEntry("campaign_id", "c-1").doesNotContainKey("dispatch_id");
  }

  @Test
  void unknownEventTypesMapGenerically() {
    Schema future =
        SchemaBuilder.record("Thing").fields().requiredString("id").requiredString("user_id")
            .optionalString("external_user_id").requiredInt("time").optionalDouble("latitude")
            .optionalDouble("longitude").optionalString("new_field").endRecord();
    GenericRecord r = new GenericData.Record(future);
    r.put("id", "n-1");
    r.put("user_id", "b");
    r.put("external_user_id", "u");
    r.put("time", 5);
    r.put("latitude", 52.5);
    r.put("longitude", 13.4);
    r.put("new_field", "hello");
    JsonValue e = emit("users.messages.hologram.ProjectedThing", r);
    assertThat(e.get("event_type")).isEqualTo("[Appboy] Hologram Projected Thing");
    assertThat(e).containsEntry("location_lat", 52.5).containsEntry("location_lng", 13.4);
    assertThat(props(e)).containsEntry("new_field", "hello").doesNotContainKeys("latitude", "longitude");
  }

  @Test
  void missingTimeOrIdIsInvalid() {
    Schema noTime =
        SchemaBuilder.record("X").fields().requiredString("id").optionalString("external_user_id")
            .optionalInt("time").endRecord();
    GenericRecord r = new GenericData.Record(noTime);
    r.put("id", "x");
    r.put("external_user_id", "u");
    assertThat(mapper.convert("users.X", r)).isEqualTo(new Converted.Invalid("time", "is missing (neither 'time_ms' nor 'time' is set)"));
    Schema nullableId =
        SchemaBuilder.record("Y").fields().optionalString("id").optionalString("external_user_id")
            .requiredInt("time").endRecord();
    GenericRecord y = new GenericData.Record(nullableId);
    y.put("external_user_id", "u");
    y.put("time", 1);
    assertThat(mapper.convert("users.Y", y)).isInstanceOfSatisfying(
        Converted.Invalid.class, i -> assertThat(i.field()).isEqualTo("id"));
    GenericRecord noName = custom();
    noName.put("name", "");
    assertThat(mapper.convert("users.behaviors.CustomEvent", noName)).isInstanceOfSatisfying(
        Converted.Invalid.class, i -> assertThat(i.field()).isEqualTo("name"));
  }

  @Test
  void schemaCheckRejectsNonCurrentsRecords() {
    assertThat(mapper.schemaProblem(CUSTOM)).isEmpty();
    assertThat(mapper.schemaProblem(PROFILE)).isEmpty();
    assertThat(mapper.schemaProblem(EMAIL_LONG_TIME)).isEmpty();
    Schema foreign = SchemaBuilder.record("NotCurrents").fields().requiredString("key").requiredLong("value").endRecord();
    assertThat(mapper.schemaProblem(foreign)).get().asString().contains("'id'");
    Schema noTime = SchemaBuilder.record("Z").fields().requiredString("id").requiredString("time").endRecord();
    assertThat(mapper.schemaProblem(noTime)).get().asString().contains("'time'");
    assertThat(mapper.schemaProblem(Schema.create(Schema.Type.STRING))).isPresent();
  }

  @Test
  void prefixAndOverridesChangeNames() {
    AmplitudeMapper custom =
        new AmplitudeMapper(
            new EventNames(
                "Braze: ",
                EventNameOverrides.parse(
                    "k",
                    List.of(
                        "users.behaviors.CustomEvent=${name}",
                        "users.behaviors.app.SessionStart=Session Began"))));
    Converted.Emit c = (Converted.Emit) custom.convert("users.behaviors.CustomEvent", custom());
    assertThat(c.value().get("event_type")).isEqualTo("Braze: Added To Cart");
    Schema session =
        SchemaBuilder.record("SessionStart").fields().requiredString("id").requiredString("user_id")
            .optionalString("external_user_id").requiredInt("time").endRecord();
    GenericRecord s = new GenericData.Record(session);
    s.put("id", "s");
    s.put("user_id", "b");
    s.put("external_user_id", "u");
    s.put("time", 1);
    Converted.Emit sc = (Converted.Emit) custom.convert("users.behaviors.app.SessionStart", s);
    assertThat(sc.value().get("event_type")).isEqualTo("Braze: Session Began");
  }
}
