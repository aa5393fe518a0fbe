package io.ampbraze.connect.braze.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.ampbraze.connect.braze.config.BrazeSinkConfig;
import io.ampbraze.connect.braze.input.BadRecordException;
import io.ampbraze.connect.braze.input.BadRecordException.Reason;
import io.ampbraze.connect.braze.input.RecordReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordMapperTest {
  private static final String T = "\"time\":1714566600123";
  private static final String BRAZE_T = "\"time\":\"2024-05-01T12:30:00.123Z\"";

  private Map<String, String> props = new HashMap<>();
  private AttributeDedupCache cache;

  private RecordMapper mapper() {
    Map<String, String> p = new HashMap<>();
    p.put("braze.rest.url", "https://rest.iad-01.braze.com");
    p.put("braze.api.key", "k");
    p.putAll(props);
    BrazeSinkConfig config = new BrazeSinkConfig(p);
    cache = config.dedupEnabled() ? new AttributeDedupCache(config.dedupMaxEntries()) : null;
    return new RecordMapper(config, cache);
  }

  private MappedRecord mapRecord(RecordMapper mapper, String json) {
    BrazeSinkConfig config = configFor();
    return mapper.map(new RecordReader(config.recordKind()).read(json, 1714566600123L), "topic-0-42");
  }

  private BrazeSinkConfig configFor() {
    Map<String, String> p = new HashMap<>(props);
    p.put("braze.rest.url", "https://rest.iad-01.braze.com");
    p.put("braze.api.key", "k");
    return new BrazeSinkConfig(p);
  }

  /** Each object as "kind json". */
  private List<String> map(String json) {
    return render(mapRecord(mapper(), json));
  }

  private static List<String> render(MappedRecord r) {
    return r.objects().stream()
        .map(o -> o.object().kind().arrayName() + " " + new String(o.object().json(), StandardCharsets.UTF_8))
        .collect(Collectors.toList());
  }

  private void rejects(String json, Reason reason, String field) {
    RecordMapper m = mapper();
    assertThatThrownBy(() -> mapRecord(m, json))
        .isInstanceOfSatisfying(
            BadRecordException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.field()).isEqualTo(field);
            });
  }

  // --- events and identity

  @Test
  void mapsAnEventWithExternalId() {
    assertThat(map("{\"event_type\":\"Song Played\",\"user_id\":\"u1\"," + T + ",\"event_properties\":{\"genre\":\"jazz\",\"n\":3,\"nil\":null}}"))
        .containsExactly("events {\"external_id\":\"u1\",\"name\":\"Song Played\"," + BRAZE_T + ",\"properties\":{\"genre\":\"jazz\",\"n\":3}}");
  }

  @Test
  void putsTheAppIdOnEventsAndPurchases() {
    props.put("braze.app.id", "app-9");
    assertThat(map("{\"event_type\":\"E\",\"user_id\":\"u1\"," + T + "}"))
        .containsExactly("events {\"external_id\":\"u1\",\"app_id\":\"app-9\",\"name\":\"E\"," + BRAZE_T + "}");
    assertThat(map("{\"event_type\":\"Buy\",\"user_id\":\"u1\"," + T + ",\"price\":2}").get(0))
        .startsWith("purchases {\"external_id\":\"u1\",\"app_id\":\"app-9\",");
  }

  @Test
  void skipsAnonymousRecordsByDefault() {
    MappedRecord r = mapRecord(mapper(), "{\"event_type\":\"E\",\"device_id\":\"d1\"," + T + "}");
    assertThat(r.isEmpty()).isTrue();
    assertThat(r.skipReason()).contains("anonymous");
  }

  @Test
  void aliasesAnonymousUsersWithTheLabelAndExplicitUpdateOnlyFlag() {
    props.put("identity.anonymous", "alias");
    props.put("identity.alias.label", "amp_device");
    assertThat(map("{\"event_type\":\"E\",\"device_id\":\"d1\"," + T + "}"))
        .containsExactly("events {\"user_alias\":{\"alias_name\":\"d1\",\"alias_label\":\"amp_device\"},\"name\":\"E\","
            + BRAZE_T + ",\"_update_existing_only\":false}");
  }

  @Test
  void userIdWinsOverDeviceId() {
    props.put("identity.anonymous", "alias");
    assertThat(map("{\"event_type\":\"E\",\"user_id\":\"u\",\"device_id\":\"d1\"," + T + "}").get(0))
        .startsWith("events {\"external_id\":\"u\",");
  }

  @Test
  void recordsWithoutAnyIdAreRejected() {
    rejects("{\"event_type\":\"E\"," + T + "}", Reason.MISSING_IDENTIFIER, "user_id");
    rejects("{\"user_id\":\"\",\"user_properties\":{\"a\":1}}", Reason.MISSING_IDENTIFIER, "user_id");
  }

  @Test
  void updateExistingOnlyGoesOnEveryObject() {
    props.put("braze.update.existing.only", "true");
    props.put("events.user.properties.as.attributes", "true");
    assertThat(map("{\"event_type\":\"E\",\"user_id\":\"u\"," + T + ",\"user_properties\":{\"a\":1}}"))
        .containsExactly(
            "attributes {\"external_id\":\"u\",\"a\":1,\"_update_existing_only\":true}",
            "events {\"external_id\":\"u\",\"name\":\"E\"," + BRAZE_T + ",\"_update_existing_only\":true}");
  }

  @Test
  void filtersEventsByIncludeAndExcludeRegexes() {
    props.put("events.include", "Song.*,Login");
    props.put("events.exclude", "Song Skipped");
    RecordMapper m = mapper();
    assertThat(mapRecord(m, "{\"event_type\":\"Song Played\",\"user_id\":\"u\"," + T + "}").objects()).hasSize(1);
    assertThat(mapRecord(m, "{\"event_type\":\"Login\",\"user_id\":\"u\"," + T + "}").objects()).hasSize(1);
    assertThat(mapRecord(m, "{\"event_type\":\"Login Failed\",\"user_id\":\"u\"," + T + "}").skipReason()).contains("filtered");
    assertThat(mapRecord(m, "{\"event_type\":\"Song Skipped\",\"user_id\":\"u\"," + T + "}").skipReason()).contains("filtered");
    // Filters are about events: user updates pass.
    assertThat(mapRecord(m, "{\"event_type\":\"$identify\",\"user_id\":\"u\",\"user_properties\":{\"a\":1}}").objects()).hasSize(1);
  }

  @Test
  void excludeAloneDropsOnlyMatches() {
    props.put("events.exclude", "debug_.*");
    RecordMapper m = mapper();
    assertThat(mapRecord(m, "{\"event_type\":\"debug_ping\",\"user_id\":\"u\"," + T + "}").isEmpty()).isTrue();
    assertThat(mapRecord(m, "{\"event_type\":\"ping\",\"user_id\":\"u\"," + T + "}").isEmpty()).isFalse();
  }

  @Test
  void sendsOnlySelectedProperties() {
    props.put("events.properties.include", "genre,missing");
    assertThat(map("{\"event_type\":\"E\",\"user_id\":\"u\"," + T + ",\"event_properties\":{\"genre\":\"x\",\"time\":5,\"$junk\":1}}"))
        .containsExactly("events {\"external_id\":\"u\",\"name\":\"E\"," + BRAZE_T + ",\"properties\":{\"genre\":\"x\"}}");
  }

  @Test
  void eventUserPropertiesAreNotSentUnlessAsked() {
    assertThat(map("{\"event_type\":\"E\",\"user_id\":\"u\"," + T + ",\"user_properties\":{\"a\":1}}")).hasSize(1);
  }

  @Test
  void eventUserPropertiesGoFirstAsAttributes() {
    props.put("events.user.properties.as.attributes", "true");
    assertThat(map("{\"event_type\":\"E\",\"user_id\":\"u\"," + T + ",\"user_properties\":{\"plan\":\"pro\",\"$add\":{\"n\":2}}}"))
        .containsExactly(
            "attributes {\"external_id\":\"u\",\"plan\":\"pro\",\"n\":{\"inc\":2}}",
            "events {\"external_id\":\"u\",\"name\":\"E\"," + BRAZE_T + "}");
  }

  // --- property validation

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"time\":1} | RESERVED_NAME | event_properties.time",
        "{\"event_name\":\"x\"} | RESERVED_NAME | event_properties.event_name",
        "{\"$price_note\":1} | INVALID_NAME | event_properties.$price_note",
        "{\"\":1} | INVALID_NAME | event_properties.",
        "{\"nested\":{\"$bad\":1}} | INVALID_NAME | event_properties.nested.$bad",
      })
  void rejectsPropertiesBrazeCannotTake(String properties, Reason reason, String field) {
    rejects("{\"event_type\":\"E\",\"user_id\":\"u\"," + T + ",\"event_properties\":" + properties + "}", reason, field);
  }

  @Test
  void rejectsLongNamesAndStrings() {
    String longName = "n".repeat(256);
    rejects("{\"event_type\":\"E\",\"user_id\":\"u\"," + T + ",\"event_properties\":{\"" + longName + "\":1}}",
        Reason.INVALID_NAME, "event_properties." + longName);
    rejects("{\"event_type\":\"E\",\"user_id\":\"u\"," + T + ",\"event_properties\":{\"s\":\"" + "x".repeat(256) + "\"}}",
        Reason.STRING_TOO_LONG, "event_properties.s");
    rejects("{\"event_type\":\"E\",\"user_id\":\"u\"," + T + ",\"event_properties\":{\"a\":[\"" + "x".repeat(256) + "\"]}}",
        Reason.STRING_TOO_LONG, "event_properties.a[0]");
    rejects("{\"event_type\":\"" + "E".repeat(256) + "\",\"user_id\":\"u\"," + T + "}", Reason.INVALID_NAME, "event_type");
    rejects("{\"user_id\":\"u\",\"user_properties\":{\"bio\":\"" + "x".repeat(256) + "\"}}",
        Reason.STRING_TOO_LONG, "user_properties.bio");
    rejects("{\"user_id\":\"u\",\"user_properties\":{\"$set\":{\"" + longName + "\":1}}}",
        Reason.INVALID_NAME, "user_properties.$set." + longName);
    // Exactly 255 is fine.
    assertThat(map("{\"event_type\":\"E\",\"user_id\":\"u\"," + T + ",\"event_properties\":{\"s\":\"" + "x".repeat(255) + "\"}}")).hasSize(1);
  }

  @Test
  void rejectsNestedPropertiesOverFiftyKilobytes() {
    StringBuilder big = new StringBuilder("[");
    for (int i = 0; i < 300; i++) {
      big.append(i == 0 ? "" : ",").append('"').append("y".repeat(200)).append('"');
    }
    big.append(']');
    rejects("{\"event_type\":\"E\",\"user_id\":\"u\"," + T + ",\"event_properties\":{\"list\":" + big + "}}",
        Reason.NESTED_TOO_LARGE, "event_properties");
    rejects("{\"user_id\":\"u\",\"user_properties\":{\"list\":" + big + "}}", Reason.NESTED_TOO_LARGE, "user_properties.list");
    // Flat properties are not subject to the nested cap.
    StringBuilder flat = new StringBuilder("{");
    for (int i = 0; i < 300; i++) {
      flat.append(i == 0 ? "" : ",").append("\"p").append(i).append("\":\"").append("y".repeat(200)).append('"');
    }
    flat.append('}');
    assertThat(map("{\"event_type\":\"E\",\"user_id\":\"u\"," + T + ",\"event_properties\":" + flat + "}")).hasSize(1);
  }

  @Test
  void nestedAttributeKeysFollowBrazeRules() {
    rejects("{\"user_id\":\"u\",\"user_properties\":{\"address\":{\"zip code\":\"1\"}}}", Reason.INVALID_NAME, "user_properties.address.zip code");
    rejects("{\"user_id\":\"u\",\"user_properties\":{\"address\":{\"a.b\":\"1\"}}}", Reason.INVALID_NAME, "user_properties.address.a.b");
    assertThat(map("{\"user_id\":\"u\",\"user_properties\":{\"address\":{\"zip\":\"1\"}}}"))
        .containsExactly("attributes {\"external_id\":\"u\",\"address\":{\"zip\":\"1\"}}");
  }

  @Test
  void rejectsObjectsTooLargeForARequest() {
    props.put("braze.batch.max.bytes", "1024");
    StringBuilder many = new StringBuilder("{");
    for (int i = 0; i < 20; i++) {
      many.append(i == 0 ? "" : ",").append("\"p").append(i).append("\":\"").append("y".repeat(100)).append('"');
    }
    many.append('}');
    rejects("{\"event_type\":\"E\",\"user_id\":\"u\"," + T + ",\"event_properties\":" + many + "}", Reason.OBJECT_TOO_LARGE, null);
  }

  // --- purchases

  @Test
  void revenueEventsBecomePurchasesByDefault() {
    assertThat(map("{\"event_type\":\"Buy\",\"user_id\":\"u\"," + T + ",\"price\":4.5,\"quantity\":2,\"productId\":\"sku\","
        + "\"revenueType\":\"iap\",\"currency\":\"eur\",\"event_properties\":{\"shop\":\"x\"}}"))
        .containsExactly("purchases {\"external_id\":\"u\",\"product_id\":\"sku\",\"currency\":\"EUR\",\"price\":4.5,"
            + "\"quantity\":2," + BRAZE_T + ",\"properties\":{\"shop\":\"x\",\"revenue_type\":\"iap\"}}");
  }

  @Test
  void purchaseDefaultsProductCurrencyQuantityAndUnitPrice() {
    props.put("purchases.default.currency", "GBP");
    assertThat(map("{\"event_type\":\"Buy\",\"user_id\":\"u\"," + T + ",\"revenue\":12}"))
        .containsExactly("purchases {\"external_id\":\"u\",\"product_id\":\"Buy\",\"currency\":\"GBP\",\"price\":12.0,"
            + "\"quantity\":1," + BRAZE_T + "}");
    assertThat(map("{\"event_type\":\"Buy\",\"user_id\":\"u\"," + T + ",\"revenue\":12,\"quantity\":4}").get(0))
        .contains("\"price\":3.0,\"quantity\":4");
  }

  @Test
  void rejectsRevenueBrazeCannotTake() {
    rejects("{\"event_type\":\"Buy\",\"user_id\":\"u\"," + T + ",\"price\":1,\"quantity\":101}", Reason.INVALID_FIELD, "quantity");
    rejects("{\"event_type\":\"Buy\",\"user_id\":\"u\"," + T + ",\"price\":1,\"quantity\":1.5}", Reason.INVALID_FIELD, "quantity");
    rejects("{\"event_type\":\"Buy\",\"user_id\":\"u\"," + T + ",\"price\":1,\"quantity\":0}", Reason.INVALID_FIELD, "quantity");
    rejects("{\"event_type\":\"Buy\",\"user_id\":\"u\"," + T + ",\"price\":1,\"currency\":\"euro\"}", Reason.INVALID_FIELD, "currency");
    rejects("{\"event_type\":\"Buy\",\"user_id\":\"u\"," + T + ",\"price\":1,\"productId\":\"" + "p".repeat(256) + "\"}",
        Reason.STRING_TOO_LONG, "productId");
  }

  @Test
  void ecommerceModeSendsOrderPlaced() {
    props.put("purchases.mode", "ecommerce");
    assertThat(map("{\"event_type\":\"Buy\",\"user_id\":\"u\"," + T + ",\"insert_id\":\"ins-1\",\"price\":5,\"quantity\":2,"
        + "\"productId\":\"sku\",\"platform\":\"iOS\",\"event_properties\":{\"product_name\":\"Shoe\",\"coupon\":\"C\"}}"))
        .containsExactly("events {\"external_id\":\"u\",\"name\":\"ecommerce.order_placed\"," + BRAZE_T + ",\"properties\":{"
            + "\"order_id\":\"ins-1\",\"total_value\":10.0,\"currency\":\"USD\",\"products\":[{\"product_id\":\"sku\","
            + "\"product_name\":\"Shoe\",\"variant_id\":\"sku\",\"quantity\":2,\"price\":5.0}],\"source\":\"ios\","
            + "\"metadata\":{\"coupon\":\"C\"}}}");
  }

  @Test
  void ecommerceOrderIdFallsBackToTheRecordId() {
    props.put("purchases.mode", "ecommerce");
    assertThat(map("{\"event_type\":\"Buy\",\"user_id\":\"u\"," + T + ",\"revenue\":7}").get(0))
        .contains("\"order_id\":\"topic-0-42\"").contains("\"total_value\":7.0").contains("\"source\":\"amplitude\"");
    assertThat(map("{\"event_type\":\"Buy\",\"user_id\":\"u\"," + T + ",\"revenue\":7,\"event_properties\":{\"order_id\":\"o-1\"}}").get(0))
        .contains("\"order_id\":\"o-1\"").doesNotContain("metadata");
  }

  @Test
  void eventModeKeepsRevenueFieldsAsProperties() {
    props.put("purchases.mode", "event");
    assertThat(map("{\"event_type\":\"Buy\",\"user_id\":\"u\"," + T + ",\"price\":5,\"productId\":\"sku\",\"event_properties\":{\"a\":1}}"))
        .containsExactly("events {\"external_id\":\"u\",\"name\":\"Buy\"," + BRAZE_T + ",\"properties\":{\"a\":1,\"price\":5.0,"
            + "\"product_id\":\"sku\",\"currency\":\"USD\"}}");
  }

  @Test
  void offModeSendsAPlainEvent() {
    props.put("purchases.mode", "off");
    assertThat(map("{\"event_type\":\"Buy\",\"user_id\":\"u\"," + T + ",\"price\":5,\"event_properties\":{\"a\":1,\"$price\":5}}"))
        .containsExactly("events {\"external_id\":\"u\",\"name\":\"Buy\"," + BRAZE_T + ",\"properties\":{\"a\":1}}");
  }

  // --- attributes

  @Test
  void mapsEveryOperation() {
    props.put("attributes.dedup.enabled", "false");
    assertThat(map("{\"user_id\":\"u\",\"user_properties\":{\"$set\":{\"plan\":\"pro\"},\"$setOnce\":{\"first\":\"2024\"},"
        + "\"$add\":{\"logins\":2},\"$append\":{\"tags\":\"a\"},\"$prepend\":{\"tags2\":[\"b\",\"c\"]},"
        + "\"$preInsert\":{\"tags3\":\"d\"},\"$postInsert\":{\"tags4\":\"e\"},\"$remove\":{\"tags5\":[\"f\"]},"
        + "\"$unset\":{\"old\":\"-\"},\"plain\":1}}"))
        .containsExactly("attributes {\"external_id\":\"u\",\"plan\":\"pro\",\"first\":\"2024\",\"logins\":{\"inc\":2},"
            + "\"tags\":{\"add\":[\"a\"]},\"tags2\":{\"add\":[\"b\",\"c\"]},\"tags3\":{\"add\":[\"d\"]},\"tags4\":{\"add\":[\"e\"]},"
            + "\"tags5\":{\"remove\":[\"f\"]},\"old\":null,\"plain\":1}");
  }

  @Test
  void appendsObjectsWithTheArrayOfObjectsOperator() {
    assertThat(map("{\"user_id\":\"u\",\"user_properties\":{\"$append\":{\"pets\":[{\"id\":1,\"name\":\"Rex\"}]}}}"))
        .containsExactly("attributes {\"external_id\":\"u\",\"pets\":{\"$add\":[{\"id\":1,\"name\":\"Rex\"}]}}");
  }

  @Test
  void plainNullRemovesTheAttribute() {
    assertThat(map("{\"user_id\":\"u\",\"user_properties\":{\"nick\":null}}"))
        .containsExactly("attributes {\"external_id\":\"u\",\"nick\":null}");
  }

  @Test
  void rejectsOperationsBrazeCannotExpress() {
    rejects("{\"user_id\":\"u\",\"user_properties\":{\"$add\":{\"n\":1.5}}}", Reason.INVALID_FIELD, "user_properties.$add.n");
    rejects("{\"user_id\":\"u\",\"user_properties\":{\"$add\":{\"n\":\"1\"}}}", Reason.INVALID_FIELD, "user_properties.$add.n");
    rejects("{\"user_id\":\"u\",\"user_properties\":{\"$append\":{\"t\":[1,[2]]}}}", Reason.INVALID_FIELD, "user_properties.$append.t[1]");
    rejects("{\"user_id\":\"u\",\"user_properties\":{\"$append\":{\"t\":null}}}", Reason.INVALID_FIELD, "user_properties.$append.t");
    rejects("{\"user_id\":\"u\",\"user_properties\":{\"$remove\":{\"t\":[{\"id\":1}]}}}", Reason.UNSUPPORTED_OPERATION, "user_properties.$remove.t");
    rejects("{\"user_id\":\"u\",\"user_properties\":{\"$add\":{\"email\":1}}}", Reason.UNSUPPORTED_OPERATION, "user_properties.$add.email");
    rejects("{\"user_id\":\"u\",\"user_properties\":{\"$set\":{\"$weird\":1}}}", Reason.INVALID_NAME, "user_properties.$set.$weird");
    rejects("{\"user_id\":\"u\",\"user_properties\":{\"email\":[\"a\"]}}", Reason.INVALID_FIELD, "user_properties.email");
  }

  @Test
  void mapsStandardAttributesAndNormalisesValues() {
    assertThat(map("{\"user_id\":\"u\",\"user_properties\":{\"email\":\"a@b.c\",\"firstName\":\"Ann\",\"last_name\":\"Lee\","
        + "\"phone_number\":\"+15550100\",\"city\":\"Paris\",\"country\":\"United States\",\"language\":\"French\","
        + "\"gender\":\"female\",\"birthday\":\"1990-04-01T00:00:00Z\",\"timezone\":\"Europe/Paris\"}}"))
        .containsExactly("attributes {\"external_id\":\"u\",\"email\":\"a@b.c\",\"first_name\":\"Ann\",\"last_name\":\"Lee\","
            + "\"phone\":\"+15550100\",\"home_city\":\"Paris\",\"country\":\"US\",\"language\":\"fr\",\"gender\":\"F\","
            + "\"dob\":\"1990-04-01\",\"time_zone\":\"Europe/Paris\"}");
  }

  @ParameterizedTest
  @CsvSource({"male,M", "M,M", "woman,F", "other,O", "n/a,N", "prefer not to say,P", "x,x"})
  void normalisesGender(String in, String out) {
    assertThat(StandardAttributes.gender(in)).isEqualTo(out);
  }

  @ParameterizedTest
  @CsvSource({"de,DE", "Germany,DE", "france,FR", "Atlantis,Atlantis"})
  void normalisesCountry(String in, String out) {
    assertThat(StandardAttributes.country(in)).isEqualTo(out);
  }

  @ParameterizedTest
  @CsvSource({"en-US,en", "EN,en", "German,de", "pt_BR,pt", "Klingon,Klingon"})
  void normalisesLanguage(String in, String out) {
    assertThat(StandardAttributes.language(in)).isEqualTo(out);
  }

  @Test
  void withoutStandardMappingReservedNamesArePrefixed() {
    props.put("attributes.standard.mapping", "false");
    assertThat(map("{\"user_id\":\"u\",\"user_properties\":{\"email\":\"a@b.c\",\"firstName\":\"Ann\",\"city\":\"Paris\","
        + "\"external_id\":\"x\"}}"))
        .containsExactly("attributes {\"external_id\":\"u\",\"amplitude_email\":\"a@b.c\",\"firstName\":\"Ann\","
            + "\"city\":\"Paris\",\"amplitude_external_id\":\"x\"}");
  }

  @Test
  void protectedNamesArePrefixedEvenWithStandardMapping() {
    props.put("attributes.reserved.prefix", "amp_");
    assertThat(map("{\"user_id\":\"u\",\"user_properties\":{\"braze_id\":\"b\",\"push_tokens\":\"t\",\"user_alias\":\"a\"}}"))
        .containsExactly("attributes {\"external_id\":\"u\",\"amp_braze_id\":\"b\",\"amp_push_tokens\":\"t\",\"amp_user_alias\":\"a\"}");
  }

  @Test
  void anEmptyUpdateSendsNothing() {
    MappedRecord r = mapRecord(mapper(), "{\"user_id\":\"u\",\"user_properties\":{}}");
    assertThat(r.isEmpty()).isTrue();
    assertThat(r.skipReason()).isEqualTo("no attribute changes");
  }

  // --- cohorts

  @Test
  void cohortArrayModeAddsAndRemovesTheCohortId() {
    assertThat(map("{\"cohort_id\":\"c7\",\"cohort_name\":\"VIP\",\"in_cohort\":true,\"users\":[{\"user_id\":\"a\"},{\"user_id\":\"b\"}]}"))
        .containsExactly(
            "attributes {\"external_id\":\"a\",\"amplitude_cohorts\":{\"add\":[\"c7\"]}}",
            "attributes {\"external_id\":\"b\",\"amplitude_cohorts\":{\"add\":[\"c7\"]}}");
    props.put("cohorts.attribute.name", "amp_cohorts");
    assertThat(map("{\"cohort_id\":\"c7\",\"action\":\"remove\",\"user_ids\":[\"a\"]}"))
        .containsExactly("attributes {\"external_id\":\"a\",\"amp_cohorts\":{\"remove\":[\"c7\"]}}");
  }

  @Test
  void cohortBooleanModeSetsOneAttributePerCohort() {
    props.put("cohorts.mode", "boolean");
    assertThat(map("{\"cohort_id\":\"c7\",\"action\":\"add\",\"user_ids\":[\"a\"]}"))
        .containsExactly("attributes {\"external_id\":\"a\",\"amplitude_cohorts_c7\":true}");
    assertThat(map("{\"cohort_id\":\"c7\",\"action\":\"remove\",\"user_ids\":[\"a\"]}"))
        .containsExactly("attributes {\"external_id\":\"a\",\"amplitude_cohorts_c7\":false}");
  }

  @Test
  void cohortDeviceUsersAreSkippedOrAliased() {
    String change = "{\"cohort_id\":\"c\",\"action\":\"add\",\"user_ids\":[\"a\"],\"device_ids\":[\"d\"]}";
    assertThat(map(change)).hasSize(1);
    props.put("identity.anonymous", "alias");
    assertThat(map(change)).containsExactly(
        "attributes {\"external_id\":\"a\",\"amplitude_cohorts\":{\"add\":[\"c\"]}}",
        "attributes {\"user_alias\":{\"alias_name\":\"d\",\"alias_label\":\"amplitude_device_id\"},"
            + "\"amplitude_cohorts\":{\"add\":[\"c\"]},\"_update_existing_only\":false}");
  }

  @Test
  void aCohortRecordFansOutToThousandsOfObjects() {
    StringBuilder users = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      users.append(i == 0 ? "" : ",").append("{\"user_id\":\"user-").append(i).append("\"}");
    }
    MappedRecord r = mapRecord(mapper(), "{\"cohort_id\":\"c\",\"in_cohort\":true,\"users\":[" + users + "]}");
    assertThat(r.objects()).hasSize(5000);
    assertThat(r.objects().get(4999).object().userKey()).isEqualTo("external_id:user-4999");
  }

  // --- de-duplication

  @Test
  void skipsValuesBrazeConfirmedAndResendsChangedOnes() {
    RecordMapper m = mapper();
    MappedRecord first = mapRecord(m, "{\"user_id\":\"u\",\"user_properties\":{\"plan\":\"pro\",\"n\":1}}");
    assertThat(first.objects()).hasSize(1);
    // Still in flight: an identical value is sent again (the first may fail).
    MappedRecord second = mapRecord(m, "{\"user_id\":\"u\",\"user_properties\":{\"plan\":\"pro\"}}");
    assertThat(render(second)).hasSize(1);
    first.objects().get(0).marks().forEach(cache::confirm);
    // The first copy's confirmation does not vouch for the second, still in flight.
    assertThat(mapRecord(m, "{\"user_id\":\"u\",\"user_properties\":{\"plan\":\"pro\"}}").objects()).hasSize(1);
    MappedRecord latest = mapRecord(m, "{\"user_id\":\"u\",\"user_properties\":{\"plan\":\"pro\"}}");
    latest.objects().get(0).marks().forEach(cache::confirm);
    MappedRecord third = mapRecord(m, "{\"user_id\":\"u\",\"user_properties\":{\"plan\":\"pro\",\"n\":2,\"$add\":{\"c\":1}}}");
    assertThat(render(third)).containsExactly("attributes {\"external_id\":\"u\",\"n\":2,\"c\":{\"inc\":1}}");
    assertThat(third.dedupSkipped()).isEqualTo(1);
    MappedRecord all = mapRecord(m, "{\"user_id\":\"other\",\"user_properties\":{\"plan\":\"pro\"}}");
    assertThat(all.objects()).hasSize(1); // another user
  }

  @Test
  void aFailedValueIsForgottenAndSentAgain() {
    RecordMapper m = mapper();
    MappedRecord first = mapRecord(m, "{\"user_id\":\"u\",\"user_properties\":{\"plan\":\"pro\"}}");
    first.objects().get(0).marks().forEach(cache::forget);
    assertThat(mapRecord(m, "{\"user_id\":\"u\",\"user_properties\":{\"plan\":\"pro\"}}").objects()).hasSize(1);
  }

  @Test
  void aValueBackToAnEarlierOneIsSent() {
    RecordMapper m = mapper();
    MappedRecord a = mapRecord(m, "{\"user_id\":\"u\",\"user_properties\":{\"plan\":\"pro\"}}");
    a.objects().get(0).marks().forEach(cache::confirm);
    MappedRecord b = mapRecord(m, "{\"user_id\":\"u\",\"user_properties\":{\"plan\":\"free\"}}");
    MappedRecord c = mapRecord(m, "{\"user_id\":\"u\",\"user_properties\":{\"plan\":\"pro\"}}");
    assertThat(c.objects()).hasSize(1);
    // A late confirmation of b does not make c's value look confirmed.
    b.objects().get(0).marks().forEach(cache::confirm);
    assertThat(mapRecord(m, "{\"user_id\":\"u\",\"user_properties\":{\"plan\":\"pro\"}}").objects()).hasSize(1);
  }

  @Test
  void setOnceIsSentOnlyOncePerTask() {
    RecordMapper m = mapper();
    MappedRecord first = mapRecord(m, "{\"user_id\":\"u\",\"user_properties\":{\"$setOnce\":{\"src\":\"ad\"}}}");
    assertThat(first.objects()).hasSize(1);
    MappedRecord second = mapRecord(m, "{\"user_id\":\"u\",\"user_properties\":{\"$setOnce\":{\"src\":\"seo\"}}}");
    assertThat(second.isEmpty()).isTrue();
    assertThat(second.dedupSkipped()).isEqualTo(1);
  }

  @Test
  void withoutDedupEverythingIsSent() {
    props.put("attributes.dedup.enabled", "false");
    RecordMapper m = mapper();
    assertThat(cache).isNull();
    assertThat(mapRecord(m, "{\"user_id\":\"u\",\"user_properties\":{\"$setOnce\":{\"src\":\"ad\"}}}").objects()).hasSize(1);
    assertThat(mapRecord(m, "{\"user_id\":\"u\",\"user_properties\":{\"$setOnce\":{\"src\":\"ad\"}}}").objects()).hasSize(1);
    assertThat(mapRecord(m, "{\"user_id\":\"u\",\"user_properties\":{\"$setOnce\":{\"src\":\"ad\"}}}").objects().get(0).marks()).isEmpty();
  }

  @Test
  void booleanCohortMembershipIsDeduplicated() {
    props.put("cohorts.mode", "boolean");
    RecordMapper m = mapper();
    MappedRecord first = mapRecord(m, "{\"cohort_id\":\"c\",\"action\":\"add\",\"user_ids\":[\"a\"]}");
    first.objects().get(0).marks().forEach(cache::confirm);
    assertThat(mapRecord(m, "{\"cohort_id\":\"c\",\"action\":\"add\",\"user_ids\":[\"a\"]}").isEmpty()).isTrue();
    assertThat(mapRecord(m, "{\"cohort_id\":\"c\",\"action\":\"remove\",\"user_ids\":[\"a\"]}").objects()).hasSize(1);
  }

  @Test
  void aRejectedRecordLeavesNoPendingValues() {
    RecordMapper m = mapper();
    rejects("{\"user_id\":\"u\",\"user_properties\":{\"plan\":\"pro\",\"$add\":{\"n\":\"x\"}}}", Reason.INVALID_FIELD, "user_properties.$add.n");
    assertThat(cache.size()).isZero();
    assertThat(mapRecord(m, "{\"user_id\":\"u\",\"user_properties\":{\"plan\":\"pro\"}}").objects().get(0).marks()).hasSize(1);
  }

  @Test
  void ignoredRecordsSendNothing() {
    assertThat(mapRecord(mapper(), "{\"event_type\":\"$groupidentify\",\"user_id\":\"u\"}").skipReason()).contains("groupidentify");
  }

  @Test
  void mapsIdentifyEvents() {
    assertThat(map("{\"event_type\":\"$identify\",\"user_id\":\"u\",\"user_properties\":{\"$set\":{\"plan\":\"pro\"}}}"))
        .containsExactly("attributes {\"external_id\":\"u\",\"plan\":\"pro\"}");
  }

  @Test
  void rejectsAMixOfScalarsAndObjectsInOneArray() {
    rejects("{\"user_id\":\"u\",\"user_properties\":{\"$append\":{\"t\":[1,{\"a\":1}]}}}", Reason.INVALID_FIELD, "user_properties.$append.t[1]");
  }

  @Test
  void mapsTheTimeOfExportEvents() {
    assertThat(map("{\"event_type\":\"E\",\"user_id\":\"u\",\"event_time\":\"2024-05-01 12:30:00.123456\"}").get(0))
        .contains(BRAZE_T);
  }

  @Test
  void dedupCacheIsBounded() {
    AttributeDedupCache small = new AttributeDedupCache(2);
    small.confirm(small.markPending("a", "1"));
    small.confirm(small.markPending("b", "1"));
    small.confirm(small.markPending("c", "1"));
    assertThat(small.size()).isEqualTo(2);
    assertThat(small.isConfirmed("a", "1")).isFalse();
    assertThat(small.isConfirmed("c", "1")).isTrue();
  }

  @Test
  void fingerprintsLongValuesCompactly() {
    var big = com.fasterxml.jackson.databind.node.TextNode.valueOf("x".repeat(500));
    assertThat(AttributeDedupCache.fingerprint(big)).startsWith("sha256:").hasSizeLessThan(60);
    assertThat(AttributeDedupCache.fingerprint(null)).isEqualTo("null");
  }
}
