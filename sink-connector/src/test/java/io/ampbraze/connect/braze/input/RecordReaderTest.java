package io.ampbraze.connect.braze.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ampbraze.connect.braze.config.RecordKind;
import io.ampbraze.connect.braze.input.BadRecordException.Reason;
import io.ampbraze.connect.braze.input.PropertyOperation.Operation;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RecordReaderTest {
  private final RecordReader auto = new RecordReader(RecordKind.AUTO);

  static final String EXPORT_EVENT =
      "{\"event_type\":\"Song Played\",\"user_id\":\"u1\",\"device_id\":\"d1\","
          + "\"event_time\":\"2024-05-01 12:30:00.123456\",\"$insert_id\":\"ins-1\",\"platform\":\"iOS\","
          + "\"event_properties\":{\"genre\":\"jazz\",\"length\":300},"
          + "\"user_properties\":{\"plan\":\"pro\",\"$set\":{\"city\":\"Paris\"}}}";

  @Test
  void readsAnExportEventFromAJsonString() {
    AmplitudeEvent e = (AmplitudeEvent) auto.read(EXPORT_EVENT, null);
    assertThat(e.user()).isEqualTo(new UserRef("u1", "d1"));
    assertThat(e.eventType()).isEqualTo("Song Played");
    assertThat(e.time()).isEqualTo(Instant.parse("2024-05-01T12:30:00.123456Z"));
    assertThat(e.insertId()).isEqualTo("ins-1");
    assertThat(e.platform()).isEqualTo("iOS");
    assertThat(e.eventProperties().toString()).isEqualTo("{\"genre\":\"jazz\",\"length\":300}");
    assertThat(e.revenue()).isNull();
    assertThat(e.userProperties())
        .extracting(PropertyOperation::op, PropertyOperation::name)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Operation.SET, "plan"),
            org.assertj.core.groups.Tuple.tuple(Operation.SET, "city"));
  }

  @Test
  void readsTheSameEventFromBytesAndByteBuffers() {
    byte[] bytes = EXPORT_EVENT.getBytes(StandardCharsets.UTF_8);
    assertThat(auto.read(bytes, null)).isEqualTo(auto.read(EXPORT_EVENT, null));
    assertThat(auto.read(ByteBuffer.wrap(bytes), null)).isEqualTo(auto.read(EXPORT_EVENT, null));
  }

  @Test
  void readsAnHttpV2EventFromASchemalessMap() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("event_type", "Checkout");
    v.put("user_id", 12345);
    v.put("time", 1714566600123L);
    v.put("insert_id", "i-9");
    v.put("price", 9.99);
    v.put("quantity", 2);
    v.put("revenue", "19.98");
    v.put("productId", "sku-1");
    v.put("revenueType", "purchase");
    v.put("currency", "EUR");
    v.put("event_properties", Map.of("coupon", "X"));
    AmplitudeEvent e = (AmplitudeEvent) auto.read(v, null);
    assertThat(e.user().userId()).isEqualTo("12345");
    assertThat(e.time()).isEqualTo(Instant.ofEpochMilli(1714566600123L));
    assertThat(e.insertId()).isEqualTo("i-9");
    assertThat(e.revenue()).isEqualTo(new Revenue(9.99, 2.0, 19.98, "sku-1", "purchase", "EUR"));
    assertThat(e.eventProperties().toString()).isEqualTo("{\"coupon\":\"X\"}");
  }

  @Test
  void takesExportRevenueFieldsOutOfEventProperties() {
    AmplitudeEvent e =
        (AmplitudeEvent)
            auto.read(
                "{\"event_type\":\"Buy\",\"user_id\":\"u\",\"event_time\":\"2024-05-01 12:00:00\","
                    + "\"event_properties\":{\"$price\":5,\"$quantity\":3,\"$revenue\":15,\"$productId\":\"p\","
                    + "\"$revenueType\":\"iap\",\"shop\":\"a\"}}",
                null);
    assertThat(e.revenue()).isEqualTo(new Revenue(5.0, 3.0, 15.0, "p", "iap", null));
    assertThat(e.eventProperties().toString()).isEqualTo("{\"shop\":\"a\"}");
  }

  @Test
  void readsPropertiesHeldAsJsonStrings() {
    AmplitudeEvent e =
        (AmplitudeEvent)
            auto.read(
                Map.of(
                    "event_type", "E",
                    "user_id", "u",
                    "time", 1714566600000L,
                    "event_properties", "{\"a\":1}",
                    "user_properties", "{\"$add\":{\"n\":1}}"),
                null);
    assertThat(e.eventProperties().get("a").asInt()).isEqualTo(1);
    assertThat(e.userProperties().get(0).op()).isEqualTo(Operation.ADD);
  }

  @Test
  void readsStructsFromJsonConverterWithSchemas() {
    JsonConverter converter = new JsonConverter();
    converter.configure(Map.of("schemas.enable", "true"), false);
    String enveloped =
        "{\"schema\":{\"type\":\"struct\",\"fields\":["
            + "{\"field\":\"event_type\",\"type\":\"string\"},"
            + "{\"field\":\"user_id\",\"type\":\"string\",\"optional\":true},"
            + "{\"field\":\"device_id\",\"type\":\"string\",\"optional\":true},"
            + "{\"field\":\"time\",\"type\":\"int64\"},"
            + "{\"field\":\"event_properties\",\"type\":\"map\",\"keys\":{\"type\":\"string\"},"
            + "\"values\":{\"type\":\"string\"}}]},"
            + "\"payload\":{\"event_type\":\"Login\",\"user_id\":\"u7\",\"device_id\":null,\"time\":1714566600000,"
            + "\"event_properties\":{\"method\":\"sso\"}}}";
    SchemaAndValue sv = converter.toConnectData("t", enveloped.getBytes(StandardCharsets.UTF_8));
    assertThat(sv.value()).isInstanceOf(Struct.class);
    AmplitudeEvent e = (AmplitudeEvent) auto.read(sv.value(), null);
    assertThat(e.user()).isEqualTo(new UserRef("u7", null));
    assertThat(e.eventProperties().get("method").asText()).isEqualTo("sso");
  }

  @Test
  void readsAvroLikeStructsWithLogicalTypes() {
    Schema props =
        SchemaBuilder.struct()
            .field("amount", Decimal.schema(2))
            .field("at", Timestamp.SCHEMA)
            .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    Schema schema =
        SchemaBuilder.struct()
            .field("event_type", Schema.STRING_SCHEMA)
            .field("user_id", Schema.OPTIONAL_STRING_SCHEMA)
            .field("time", Schema.INT64_SCHEMA)
            .field("event_properties", props)
            .build();
    Struct value =
        new Struct(schema)
            .put("event_type", "Paid")
            .put("user_id", "u1")
            .put("time", 1714566600000L)
            .put(
                "event_properties",
                new Struct(props)
                    .put("amount", new BigDecimal("12.50"))
                    .put("at", Date.from(Instant.parse("2024-05-01T10:00:00Z")))
                    .put("tags", List.of("a", "b")));
    AmplitudeEvent e = (AmplitudeEvent) auto.read(value, null);
    assertThat(e.eventProperties().toString())
        .isEqualTo("{\"amount\":12.50,\"at\":\"2024-05-01T10:00:00Z\",\"tags\":[\"a\",\"b\"]}");
  }

  @Test
  void rejectsBinaryStructFieldsNamingThem() {
    Schema props = SchemaBuilder.struct().field("blob", Schema.BYTES_SCHEMA).build();
    Schema schema =
        SchemaBuilder.struct().field("event_type", Schema.STRING_SCHEMA).field("event_properties", props).build();
    Struct value =
        new Struct(schema).put("event_type", "E").put("event_properties", new Struct(props).put("blob", new byte[] {1}));
    assertThatThrownBy(() -> auto.read(value, null))
        .isInstanceOf(BadRecordException.class)
        .hasMessageContaining("field 'event_properties.blob'")
        .hasMessageContaining("UNSUPPORTED_TYPE");
  }

  @Test
  void readsIdentifyEventsAsUserUpdates() {
    UserUpdate u =
        (UserUpdate)
            auto.read(
                "{\"event_type\":\"$identify\",\"user_id\":\"u1\",\"user_properties\":{"
                    + "\"$set\":{\"plan\":\"pro\"},\"$setOnce\":{\"first_seen\":\"2024\"},\"$add\":{\"logins\":1},"
                    + "\"$append\":{\"tags\":\"a\"},\"$prepend\":{\"tags2\":[\"b\"]},\"$remove\":{\"tags3\":\"c\"},"
                    + "\"$unset\":{\"old\":\"-\"},\"$preInsert\":{\"p\":1},\"$postInsert\":{\"q\":2}}}",
                null);
    assertThat(u.user().userId()).isEqualTo("u1");
    assertThat(u.operations())
        .extracting(PropertyOperation::op)
        .containsExactly(
            Operation.SET, Operation.SET_ONCE, Operation.ADD, Operation.APPEND, Operation.PREPEND,
            Operation.REMOVE, Operation.UNSET, Operation.PRE_INSERT, Operation.POST_INSERT);
    assertThat(u.operations().get(2).field()).isEqualTo("user_properties.$add.logins");
  }

  @Test
  void readsIdentifyShapedRecordsWithPlainKeys() {
    UserUpdate u = (UserUpdate) auto.read("{\"user_id\":\"u1\",\"user_properties\":{\"ltv\":12.5,\"tier\":\"gold\"}}", null);
    assertThat(u.operations()).extracting(PropertyOperation::name).containsExactly("ltv", "tier");
    assertThat(u.operations()).allMatch(op -> op.op() == Operation.SET);
  }

  @Test
  void firstOperationOfAPropertyWins() {
    UserUpdate u =
        (UserUpdate)
            auto.read("{\"user_id\":\"u1\",\"user_properties\":{\"$set\":{\"a\":1},\"$add\":{\"a\":2},\"a\":3}}", null);
    assertThat(u.operations()).hasSize(1);
    assertThat(u.operations().get(0).op()).isEqualTo(Operation.SET);
  }

  @Test
  void unsetAcceptsAListOfNames() {
    UserUpdate u = (UserUpdate) auto.read("{\"user_id\":\"u1\",\"user_properties\":{\"$unset\":[\"a\",\"b\"]}}", null);
    assertThat(u.operations()).extracting(PropertyOperation::name).containsExactly("a", "b");
  }

  @Test
  void forcedUserKindReadsTopLevelKeysOfComputationRecords() {
    RecordReader users = new RecordReader(RecordKind.USER);
    UserUpdate u = (UserUpdate) users.read("{\"user_id\":\"u1\",\"time\":1,\"ltv_prediction\":0.8,\"segment\":\"A\"}", null);
    assertThat(u.operations()).extracting(PropertyOperation::name).containsExactly("ltv_prediction", "segment");
    assertThat(u.operations().get(0).field()).isEqualTo("value.ltv_prediction");
  }

  @Test
  void readsCohortWebhookPayloads() {
    CohortChange c =
        (CohortChange)
            auto.read(
                "{\"cohort_name\":\"My Test Cohort\",\"cohort_id\":\"7khm89cz\",\"in_cohort\":true,"
                    + "\"computed_time\":\"1692206763\",\"message_id\":\"9baa::enter::0\","
                    + "\"users\":[{\"user_id\":\"a@example.com\"},{\"user_id\":\"b\",\"extra\":1},{\"device_id\":\"d1\"}]}",
                null);
    assertThat(c.cohortId()).isEqualTo("7khm89cz");
    assertThat(c.cohortName()).isEqualTo("My Test Cohort");
    assertThat(c.entered()).isTrue();
    assertThat(c.messageId()).isEqualTo("9baa::enter::0");
    assertThat(c.users())
        .containsExactly(new UserRef("a@example.com", null), new UserRef("b", null), new UserRef(null, "d1"));
  }

  @Test
  void readsSimpleCohortChanges() {
    CohortChange add = (CohortChange) auto.read("{\"cohort_id\":42,\"action\":\"add\",\"user_ids\":[\"u1\",2]}", null);
    assertThat(add.cohortId()).isEqualTo("42");
    assertThat(add.entered()).isTrue();
    assertThat(add.users()).containsExactly(new UserRef("u1", null), new UserRef("2", null));
    CohortChange remove =
        (CohortChange) auto.read("{\"cohort_id\":\"c\",\"in_cohort\":\"false\",\"user_ids\":[\"u1\"]}", null);
    assertThat(remove.entered()).isFalse();
    CohortChange exit = (CohortChange) auto.read("{\"cohort_id\":\"c\",\"action\":\"REMOVE\",\"device_ids\":[\"d\"]}", null);
    assertThat(exit.entered()).isFalse();
    assertThat(exit.users()).containsExactly(new UserRef(null, "d"));
  }

  @Test
  void ignoresGroupIdentify() {
    assertThat(auto.read("{\"event_type\":\"$groupidentify\",\"user_id\":\"u\"}", null)).isInstanceOf(IgnoredRecord.class);
  }

  @Test
  void usesTheKafkaTimestampWhenTheEventHasNoTime() {
    AmplitudeEvent e = (AmplitudeEvent) auto.read("{\"event_type\":\"E\",\"user_id\":\"u\"}", 1714566600000L);
    assertThat(e.time()).isEqualTo(Instant.ofEpochMilli(1714566600000L));
  }

  @Test
  void usesClientEventTimeWhenEventTimeIsMissing() {
    AmplitudeEvent e =
        (AmplitudeEvent) auto.read("{\"event_type\":\"E\",\"user_id\":\"u\",\"client_event_time\":\"2024-01-02 03:04:05\"}", 1L);
    assertThat(e.time()).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
  }

  private static void rejects(RecordReader reader, Object value, Reason reason, String field) {
    assertThatThrownBy(() -> reader.read(value, null))
        .isInstanceOfSatisfying(
            BadRecordException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.getMessage()).startsWith("[" + reason + "]");
            });
  }

  @Test
  void rejectsBadInputsWithReasonAndField() {
    rejects(auto, "not json {", Reason.NOT_JSON, null);
    rejects(auto, new byte[] {(byte) 0xff, 0x00}, Reason.NOT_JSON, null);
    rejects(auto, "", Reason.NOT_JSON, null);
    rejects(auto, "[1,2]", Reason.UNKNOWN_SHAPE, null);
    rejects(auto, "42", Reason.UNKNOWN_SHAPE, null);
    rejects(auto, 42, Reason.UNKNOWN_SHAPE, null);
    rejects(auto, new Object(), Reason.UNSUPPORTED_TYPE, "value");
    rejects(auto, "{\"foo\":1}", Reason.UNKNOWN_SHAPE, null);
    rejects(auto, "{\"event_type\":\"\",\"user_id\":\"u\"}", Reason.MISSING_FIELD, "event_type");
    rejects(new RecordReader(RecordKind.EVENT), "{\"user_id\":\"u\"}", Reason.MISSING_FIELD, "event_type");
    rejects(auto, "{\"event_type\":\"E\",\"user_id\":\"u\",\"time\":\"soon\"}", Reason.INVALID_FIELD, "time");
    rejects(auto, "{\"event_type\":\"E\",\"user_id\":\"u\"}", Reason.MISSING_FIELD, "time");
    rejects(auto, "{\"event_type\":\"E\",\"user_id\":{\"a\":1},\"time\":1}", Reason.INVALID_FIELD, "user_id");
    rejects(auto, "{\"event_type\":\"E\",\"time\":1,\"event_properties\":[1]}", Reason.INVALID_FIELD, "event_properties");
    rejects(auto, "{\"event_type\":\"E\",\"time\":1,\"event_properties\":\"{oops\"}", Reason.INVALID_FIELD, "event_properties");
    rejects(auto, "{\"event_type\":\"E\",\"time\":1,\"price\":\"cheap\"}", Reason.INVALID_FIELD, "price");
    rejects(auto, "{\"user_id\":\"u\",\"user_properties\":{\"$clearAll\":\"-\"}}", Reason.UNSUPPORTED_OPERATION, "user_properties.$clearAll");
    rejects(auto, "{\"user_id\":\"u\",\"user_properties\":{\"$increment\":{\"a\":1}}}", Reason.UNSUPPORTED_OPERATION, "user_properties.$increment");
    rejects(auto, "{\"user_id\":\"u\",\"user_properties\":{\"$set\":5}}", Reason.INVALID_FIELD, "user_properties.$set");
    rejects(auto, "{\"cohort_id\":\"\",\"action\":\"add\",\"user_ids\":[]}", Reason.MISSING_FIELD, "cohort_id");
    rejects(auto, "{\"cohort_id\":\"c\",\"user_ids\":[\"u\"]}", Reason.MISSING_FIELD, "in_cohort");
    rejects(auto, "{\"cohort_id\":\"c\",\"action\":\"toggle\",\"user_ids\":[\"u\"]}", Reason.INVALID_FIELD, "action");
    rejects(auto, "{\"cohort_id\":\"c\",\"in_cohort\":\"maybe\",\"user_ids\":[\"u\"]}", Reason.INVALID_FIELD, "in_cohort");
    rejects(auto, "{\"cohort_id\":\"c\",\"in_cohort\":true}", Reason.MISSING_FIELD, "users");
    rejects(auto, "{\"cohort_id\":\"c\",\"in_cohort\":true,\"users\":{}}", Reason.INVALID_FIELD, "users");
    rejects(auto, "{\"cohort_id\":\"c\",\"in_cohort\":true,\"users\":[{\"email\":\"x\"}]}", Reason.MISSING_IDENTIFIER, "users[0]");
    rejects(auto, "{\"cohort_id\":\"c\",\"in_cohort\":true,\"user_ids\":[\"\"]}", Reason.MISSING_IDENTIFIER, "user_ids[0]");
  }

  @Test
  void rejectionMessagesNeverQuoteTheValue() {
    assertThatThrownBy(() -> auto.read("{\"event_type\":\"E\",\"secret\":\"hunter2\" oops", null))
        .isInstanceOf(BadRecordException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
  }

  @ParameterizedTest
  @EnumSource(RecordKind.class)
  void everyKindReadsItsShape(RecordKind kind) {
    RecordReader reader = new RecordReader(kind);
    String value;
    Class<?> expected;
    switch (kind) {
      case COHORT:
        value = "{\"cohort_id\":\"c\",\"action\":\"add\",\"user_ids\":[\"u\"]}";
        expected = CohortChange.class;
        break;
      case USER:
        value = "{\"user_id\":\"u\",\"plan\":\"pro\"}";
        expected = UserUpdate.class;
        break;
      default:
        value = "{\"event_type\":\"E\",\"user_id\":\"u\",\"time\":1714566600000}";
        expected = AmplitudeEvent.class;
    }
    assertThat(reader.read(value, null)).isInstanceOf(expected);
  }

  @Test
  void forcedCohortKindRejectsEvents() {
    rejects(new RecordReader(RecordKind.COHORT), "{\"event_type\":\"E\",\"user_id\":\"u\"}", Reason.MISSING_FIELD, "cohort_id");
  }
}
