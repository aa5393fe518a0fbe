package io.ampbraze.testkit.currents;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/**
 * The Currents event types the generator writes, each with a writer schema shaped like Braze's
 * (reference: Braze's {@code currents-examples} sample headers): record namespace {@code
 * dataexport.<conn>.inner.<type path>}, record name the last part of the type, required fields as
 * plain types and optional ones as {@code ["null", T]} with default null.
 *
 * <p>Each type has a base schema and an extended one ({@link #schema(String, boolean, TimeType)
 * extended = true}) that appends the optional fields a later Currents release added, so a bucket
 * can hold files of two schema ids for the same type.
 */
public enum CurrentsEventType {
  /** {@code users.behaviors.CustomEvent}: {@code name} plus a JSON-string {@code properties}. */
  CUSTOM_EVENT(
      "users.behaviors.CustomEvent",
      TimeType.INT,
      List.of(
          F.REQ_ID, F.REQ_USER_ID, F.opt("external_user_id"), F.opt("app_group_id"),
          F.opt("app_id"), F.TIME, F.opt("timezone"), F.opt("platform"), F.opt("os_version"),
          F.opt("device_model"), F.opt("device_id"), F.req("name"), F.req("properties"),
          F.opt("ad_id"), F.opt("ad_id_type"), F.optBoolean("ad_tracking_enabled")),
      List.of(F.opt("sdk_version"))),
  /** {@code users.behaviors.Purchase}: product, float price, currency, JSON properties. */
  PURCHASE(
      "users.behaviors.Purchase",
      TimeType.INT,
      List.of(
          F.REQ_ID, F.REQ_USER_ID, F.opt("external_user_id"), F.opt("app_group_id"),
          F.opt("app_id"), F.TIME, F.opt("timezone"), F.opt("platform"), F.opt("os_version"),
          F.opt("device_model"), F.opt("device_id"), F.req("product_id"), F.PRICE,
          F.req("currency"), F.req("properties"), F.opt("ad_id"), F.opt("ad_id_type"),
          F.optBoolean("ad_tracking_enabled")),
      List.of(F.opt("sdk_version"))),
  /** {@code users.behaviors.app.SessionStart}: required {@code app_id} and {@code session_id}. */
  SESSION_START(
      "users.behaviors.app.SessionStart",
      TimeType.INT,
      List.of(
          F.REQ_ID, F.REQ_USER_ID, F.opt("external_user_id"), F.req("app_id"), F.TIME,
          F.req("session_id"), F.opt("platform"), F.opt("os_version"), F.opt("device_model"),
          F.opt("device_id"), F.opt("app_group_id")),
      List.of(F.opt("sdk_version"))),
  /** {@code users.messages.email.Send}: campaign/canvas fields, no device id. */
  EMAIL_SEND(
      "users.messages.email.Send",
      TimeType.INT,
      List.of(
          F.REQ_ID, F.REQ_USER_ID, F.opt("dispatch_id"), F.opt("external_user_id"), F.TIME,
          F.opt("timezone"), F.opt("campaign_id"), F.opt("campaign_name"),
          F.opt("message_variation_id"), F.opt("message_variation_name"),
          F.req("email_address"), F.opt("canvas_id"), F.opt("canvas_name"),
          F.opt("canvas_variation_id"), F.opt("canvas_variation_name"), F.opt("canvas_step_id"),
          F.opt("canvas_step_name"), F.opt("send_id"), F.opt("ip_pool"),
          F.opt("message_extras"), F.opt("app_group_id")),
      List.of(F.opt("from_domain"))),
  /** {@code users.profile.Update}: {@code time_ms}, profile fields, JSON custom attributes. */
  PROFILE_UPDATE(
      "users.profile.Update",
      TimeType.INT,
      List.of(
          F.REQ_ID, F.REQ_USER_ID, F.opt("external_user_id"), F.opt("device_id"),
          F.opt("app_group_id"), F.opt("app_id"), F.TIME, F.TIME_MS, F.opt("update_source"),
          F.opt("first_name"), F.opt("last_name"), F.opt("email_address"),
          F.opt("phone_number"), F.opt("dob"), F.opt("gender"), F.opt("country"),
          F.opt("language"), F.opt("home_city"), F.opt("timezone"),
          F.opt("custom_attributes")),
      List.of(F.opt("sdk_version"))),
  /** {@code users.messages.whatsapp.Send}: {@code time} is a {@code long} in this family. */
  WHATSAPP_SEND(
      "users.messages.whatsapp.Send",
      TimeType.LONG,
      List.of(
          F.REQ_ID, F.REQ_USER_ID, F.opt("external_user_id"), F.TIME, F.opt("timezone"),
          F.opt("app_group_id"), F.opt("campaign_id"), F.opt("campaign_name"),
          F.opt("message_variation_id"), F.opt("canvas_id"), F.opt("canvas_name"),
          F.opt("canvas_step_id"), F.opt("dispatch_id"), F.opt("to_phone_number"),
          F.opt("subscription_group_id"), F.opt("from_phone_number"), F.opt("message_extras")),
      List.of(F.opt("flow_id"))),
  /** {@code agentconsole.AgentExecuted}: {@code time} is a {@code long}, no device id. */
  AGENT_EXECUTED(
      "agentconsole.AgentExecuted",
      TimeType.LONG,
      List.of(
          F.REQ_ID, F.REQ_USER_ID, F.opt("external_user_id"), F.opt("app_group_id"), F.TIME,
          F.opt("agent_id"), F.opt("agent_name"), F.opt("canvas_id"), F.opt("canvas_step_id")),
      List.of(F.opt("flow_id")));

  private final String currentsName;
  private final TimeType defaultTimeType;
  private final List<F> baseFields;
  private final List<F> addedFields;

  CurrentsEventType(
      String currentsName, TimeType defaultTimeType, List<F> baseFields, List<F> addedFields) {
    this.currentsName = currentsName;
    this.defaultTimeType = defaultTimeType;
    this.baseFields = baseFields;
    this.addedFields = addedFields;
  }

  /** The Currents event type, as in the {@code event_type=} folder name. */
  public String currentsName() {
    return currentsName;
  }

  /** The Avro type Braze uses for this type's {@code time} field. */
  public TimeType defaultTimeType() {
    return defaultTimeType;
  }

  /** The Avro record name: the last dot-separated part of the type. */
  public String recordName() {
    return currentsName.substring(currentsName.lastIndexOf('.') + 1);
  }

  /** The Avro namespace, e.g. {@code dataexport.S3.inner.users.behaviors}. */
  public String namespace(String connectionType) {
    int dot = currentsName.lastIndexOf('.');
    return "dataexport." + connectionType + ".inner." + currentsName.substring(0, dot);
  }

  /** The names of the optional fields the extended schema appends. */
  public List<String> addedFieldNames() {
    return addedFields.stream().map(f -> f.name).toList();
  }

  /**
   * The writer schema.
   *
   * @param connectionType {@code S3}, {@code GCS} or {@code AzureBlob}, as in the namespace
   * @param extended whether to append the fields of the later release
   * @param timeType the Avro type of {@code time}
   */
  public Schema schema(String connectionType, boolean extended, TimeType timeType) {
    List<F> fields = new ArrayList<>(baseFields);
    if (extended) {
      fields.addAll(addedFields);
    }
    SchemaBuilder.FieldAssembler<Schema> a =
        SchemaBuilder.record(recordName()).namespace(namespace(connectionType)).fields();
    for (F f : fields) {
      a = f.addTo(a, timeType);
    }
    return a.endRecord();
  }

  /** Finds a type by its Currents name. */
  public static CurrentsEventType of(String currentsName) {
    for (CurrentsEventType t : values()) {
      if (t.currentsName.equals(currentsName)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown Currents event type: " + currentsName);
  }

  /** One field of a writer schema. */
  private record F(String name, Kind kind) {
    enum Kind {
      REQUIRED_STRING,
      OPTIONAL_STRING,
      OPTIONAL_BOOLEAN,
      TIME,
      LONG,
      FLOAT
    }

    static final F REQ_ID = req("id");
    static final F REQ_USER_ID = req("user_id");
    static final F TIME = new F("time", Kind.TIME);
    static final F TIME_MS = new F("time_ms", Kind.LONG);
    static final F PRICE = new F("price", Kind.FLOAT);

    static F req(String name) {
      return new F(name, Kind.REQUIRED_STRING);
    }

    static F opt(String name) {
      return new F(name, Kind.OPTIONAL_STRING);
    }

    static F optBoolean(String name) {
      return new F(name, Kind.OPTIONAL_BOOLEAN);
    }

    SchemaBuilder.FieldAssembler<Schema> addTo(
        SchemaBuilder.FieldAssembler<Schema> a, TimeType timeType) {
      return switch (kind) {
        case REQUIRED_STRING -> a.requiredString(name);
        case OPTIONAL_STRING -> a.optionalString(name);
        case OPTIONAL_BOOLEAN -> a.optionalBoolean(name);
        case TIME -> timeType == TimeType.INT ? a.requiredInt(name) : a.requiredLong(name);
        case LONG -> a.requiredLong(name);
        case FLOAT -> a.requiredFloat(name);
      };
    }
  }
}
