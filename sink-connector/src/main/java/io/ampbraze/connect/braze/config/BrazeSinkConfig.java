package io.ampbraze.connect.braze.config;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The sink's settings: the {@link ConfigDef} (names, defaults, validators and the doc strings the
 * config reference is generated from) and typed accessors. Constructing one validates every key,
 * including the cross-key rules of {@link ConfigRules}.
 */
public final class BrazeSinkConfig extends AbstractConfig {
  private static final String GROUP_CONNECTION = "Braze connection";
  private static final String GROUP_DELIVERY = "Delivery";
  private static final String GROUP_INPUT = "Input";
  private static final String GROUP_IDENTITY = "Identity";
  private static final String GROUP_EVENTS = "Events";
  private static final String GROUP_PURCHASES = "Purchases";
  private static final String GROUP_ATTRIBUTES = "Attributes";
  private static final String GROUP_COHORTS = "Cohorts";

  public static final String REST_URL = "braze.rest.url";
  public static final String API_KEY = "braze.api.key";
  public static final String APP_ID = "braze.app.id";
  public static final String ALLOW_HTTP = "braze.allow.http";
  public static final String UPDATE_EXISTING_ONLY = "braze.update.existing.only";

  public static final String BATCH_MAX_OBJECTS = "braze.batch.max.objects";
  public static final String BATCH_LIMIT_PER_ARRAY = "braze.batch.limit.per.array";
  public static final String BATCH_MAX_BYTES = "braze.batch.max.bytes";
  public static final String RATE_LIMIT_REQUESTS = "braze.rate.limit.requests";
  public static final String RATE_LIMIT_WINDOW_MS = "braze.rate.limit.window.ms";
  public static final String MAX_IN_FLIGHT = "braze.max.in.flight.requests";
  public static final String LINGER_MS = "braze.linger.ms";
  public static final String REQUEST_TIMEOUT_MS = "braze.request.timeout.ms";
  public static final String RETRY_BACKOFF_MS = "braze.retry.backoff.ms";
  public static final String RETRY_BACKOFF_MAX_MS = "braze.retry.backoff.max.ms";
  public static final String RETRY_TIMEOUT_MS = "braze.retry.timeout.ms";
  public static final String BUFFER_MAX_OBJECTS = "braze.buffer.max.objects";
  public static final String BUFFER_MAX_BYTES = "braze.buffer.max.bytes";

  public static final String RECORD_KIND = "record.kind";
  public static final String NULL_VALUES = "behavior.on.null.values";

  public static final String ANONYMOUS = "identity.anonymous";
  public static final String ALIAS_LABEL = "identity.alias.label";

  public static final String EVENTS_INCLUDE = "events.include";
  public static final String EVENTS_EXCLUDE = "events.exclude";
  public static final String EVENT_PROPERTIES_INCLUDE = "events.properties.include";
  public static final String EVENT_USER_PROPERTIES_AS_ATTRIBUTES =
      "events.user.properties.as.attributes";

  public static final String PURCHASES_MODE = "purchases.mode";
  public static final String DEFAULT_CURRENCY = "purchases.default.currency";

  public static final String DEDUP_ENABLED = "attributes.dedup.enabled";
  public static final String DEDUP_MAX_ENTRIES = "attributes.dedup.cache.max.entries";
  public static final String STANDARD_MAPPING = "attributes.standard.mapping";
  public static final String RESERVED_PREFIX = "attributes.reserved.prefix";

  public static final String COHORTS_MODE = "cohorts.mode";
  public static final String COHORTS_ATTRIBUTE = "cohorts.attribute.name";

  /** Set by the connector on each task: the task's index. */
  public static final String TASK_ID = "braze.task.id";
  /** Set by the connector on each task: how many tasks share the workspace budget. */
  public static final String TASK_COUNT = "braze.task.count";
  /** Set by the connector on each task: this task's share of braze.rate.limit.requests. */
  public static final String TASK_RATE_LIMIT_REQUESTS = "braze.task.rate.limit.requests";

  /** Braze's documented hard ceiling per request (combined or per array). */
  public static final int BRAZE_MAX_OBJECTS = 75;
  /** Braze's documented body cap: 4 MB. */
  public static final int BRAZE_MAX_BODY_BYTES = 4 * 1024 * 1024;

  public static final ConfigDef CONFIG_DEF = buildConfigDef();

  private final int taskId;
  private final int taskCount;
  private final int taskRateLimitRequests;

  public BrazeSinkConfig(Map<String, String> props) {
    super(CONFIG_DEF, props);
    String problem = ConfigRules.firstProblem(this);
    if (problem != null) {
      throw new ConfigException(problem);
    }
    // Set by the connector for each task; not part of the user-facing ConfigDef.
    taskId = internalInt(props, TASK_ID, 0);
    taskCount = Math.max(1, internalInt(props, TASK_COUNT, 1));
    taskRateLimitRequests = internalInt(props, TASK_RATE_LIMIT_REQUESTS, -1);
  }

  private static int internalInt(Map<String, String> props, String key, int fallback) {
    String v = props.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key, v, "must be an integer (set by the connector, not by users)");
    }
  }

  private static ConfigDef buildConfigDef() {
    ConfigDef def = new ConfigDef();
    int order = 0;
    def.define(
        REST_URL,
        Type.STRING,
        ConfigDef.NO_DEFAULT_VALUE,
        Validators.httpUrl(),
        Importance.HIGH,
        "The Braze REST endpoint of your instance, e.g. https://rest.iad-01.braze.com or "
            + "https://rest.fra-01.braze.eu (Braze dashboard: Settings > APIs and Identifiers). "
            + "The sink posts to <url>/users/track. Must be https:// unless braze.allow.http is "
            + "true; must not contain credentials, a query or a fragment. Redirects are never "
            + "followed.",
        GROUP_CONNECTION,
        ++order,
        Width.LONG,
        "Braze REST endpoint");
    def.define(
        API_KEY,
        Type.PASSWORD,
        ConfigDef.NO_DEFAULT_VALUE,
        Validators.apiKey(),
        Importance.HIGH,
        "A Braze REST API key with the users.track permission, sent as 'Authorization: Bearer "
            + "<key>'. Stored as a password: never logged and hidden in the REST API. Use a "
            + "config provider (e.g. ${file:/secrets/braze.properties:key}) to keep it out of "
            + "the connector config.",
        GROUP_CONNECTION,
        ++order,
        Width.LONG,
        "Braze REST API key");
    def.define(
        APP_ID,
        Type.STRING,
        null,
        Importance.LOW,
        "Optional Braze app identifier put as app_id on every event and purchase. Empty: no "
            + "app_id is sent.",
        GROUP_CONNECTION,
        ++order,
        Width.MEDIUM,
        "Braze app id");
    def.define(
        ALLOW_HTTP,
        Type.BOOLEAN,
        false,
        Importance.LOW,
        "Allow a plain http:// endpoint (a local Braze emulator). Never enable it for a real "
            + "Braze instance: the API key would travel unencrypted.",
        GROUP_CONNECTION,
        ++order,
        Width.SHORT,
        "Allow http://");
    def.define(
        UPDATE_EXISTING_ONLY,
        Type.BOOLEAN,
        false,
        Importance.MEDIUM,
        "Sent as _update_existing_only on every object. false: an unknown external_id creates "
            + "a Braze user (and alias objects may create alias-only users). true: only existing "
            + "Braze users are updated, like Amplitude's 'Update Users Only' and Braze's own "
            + "cohort import.",
        GROUP_CONNECTION,
        ++order,
        Width.SHORT,
        "Update existing users only");

    order = 0;
    def.define(
        BATCH_MAX_OBJECTS,
        Type.INT,
        75,
        Range.between(1, BRAZE_MAX_OBJECTS),
        Importance.MEDIUM,
        "Objects per /users/track request, 1..75. With braze.batch.limit.per.array=false (the "
            + "default, Braze's current rule) it caps attributes + events + purchases together; "
            + "set 50 for workspaces on the 'Monthly Active Users CY 24-25' contracts.",
        GROUP_DELIVERY,
        ++order,
        Width.SHORT,
        "Objects per request");
    def.define(
        BATCH_LIMIT_PER_ARRAY,
        Type.BOOLEAN,
        false,
        Importance.LOW,
        "false: braze.batch.max.objects counts all three arrays together (Braze's current "
            + "limit). true: the legacy rule, braze.batch.max.objects per array (up to 75 "
            + "attributes + 75 events + 75 purchases per request).",
        GROUP_DELIVERY,
        ++order,
        Width.SHORT,
        "Limit per array (legacy)");
    def.define(
        BATCH_MAX_BYTES,
        Type.INT,
        4_000_000,
        Range.between(1024, BRAZE_MAX_BODY_BYTES),
        Importance.LOW,
        "Largest request body in bytes; Braze refuses bodies over 4 MB with 413. A single "
            + "object that cannot fit is reported as a bad record.",
        GROUP_DELIVERY,
        ++order,
        Width.SHORT,
        "Max body bytes");
    def.define(
        RATE_LIMIT_REQUESTS,
        Type.INT,
        3000,
        Range.atLeast(1),
        Importance.MEDIUM,
        "The /users/track request budget of the whole connector per braze.rate.limit.window.ms "
            + "(Braze's default workspace limit is 3,000 requests per 3 seconds). The connector "
            + "gives each task an equal share, which the task spreads evenly and never exceeds in "
            + "any interval of the window's length (plus a margin of up to 50 ms for requests that "
            + "reach Braze late). Every task also steers by Braze's x-ratelimit-* headers, which "
            + "count the whole workspace: it takes its share of what remains, less its own "
            + "requests in flight, and pauses until x-ratelimit-reset when nothing is left.",
        GROUP_DELIVERY,
        ++order,
        Width.SHORT,
        "Rate limit: requests");
    def.define(
        RATE_LIMIT_WINDOW_MS,
        Type.LONG,
        3000L,
        Range.atLeast(1),
        Importance.MEDIUM,
        "The window of braze.rate.limit.requests, in milliseconds.",
        GROUP_DELIVERY,
        ++order,
        Width.SHORT,
        "Rate limit: window (ms)");
    def.define(
        MAX_IN_FLIGHT,
        Type.INT,
        64,
        Range.between(1, 256),
        Importance.MEDIUM,
        "Requests a task keeps in flight at once (the HTTP connection pool is sized to match). "
            + "Objects of one user are never in two requests at the same time, so raising it "
            + "never reorders a user's updates. To use its whole rate-limit share a task needs about "
            + "its share of requests per second times Braze's round trip in flight: about 50 for "
            + "one task at the default budget and a 50 ms round trip, hence the default 64; at "
            + "longer round trips raise it or add tasks. Lower it to limit the connections a task "
            + "opens (8 reaches about a sixth of the budget at 50 ms).",
        GROUP_DELIVERY,
        ++order,
        Width.SHORT,
        "Max requests in flight");
    def.define(
        LINGER_MS,
        Type.LONG,
        100L,
        Range.atLeast(0),
        Importance.LOW,
        "How long a partial batch may wait for more objects before it is sent. Full batches "
            + "are sent at once; 0 sends whatever is buffered immediately. Under backlog, a partial "
            + "batch that could leave also waits, for at most this long again, while objects are "
            + "queued behind requests in flight (their answers make those objects ready), so that "
            + "requests, which Braze counts whatever they hold, leave full.",
        GROUP_DELIVERY,
        ++order,
        Width.SHORT,
        "Linger (ms)");
    def.define(
        REQUEST_TIMEOUT_MS,
        Type.LONG,
        30_000L,
        Range.atLeast(100),
        Importance.LOW,
        "Whole-call timeout of one HTTP request. A timed-out request is retried (Braze may "
            + "have applied it: see the delivery guarantees).",
        GROUP_DELIVERY,
        ++order,
        Width.SHORT,
        "Request timeout (ms)");
    def.define(
        RETRY_BACKOFF_MS,
        Type.LONG,
        500L,
        Range.atLeast(1),
        Importance.LOW,
        "First backoff before retrying a 5xx answer, a timeout or a connection failure; it "
            + "doubles on every attempt, with random jitter, up to braze.retry.backoff.max.ms.",
        GROUP_DELIVERY,
        ++order,
        Width.SHORT,
        "Retry backoff (ms)");
    def.define(
        RETRY_BACKOFF_MAX_MS,
        Type.LONG,
        20_000L,
        Range.atLeast(1),
        Importance.LOW,
        "Largest backoff between two attempts of one request. Must be >= braze.retry.backoff.ms.",
        GROUP_DELIVERY,
        ++order,
        Width.SHORT,
        "Max retry backoff (ms)");
    def.define(
        RETRY_TIMEOUT_MS,
        Type.LONG,
        600_000L,
        Range.atLeast(0),
        Importance.MEDIUM,
        "Total time a batch may keep retrying (429, 5xx, timeouts, connection failures) from "
            + "its first attempt. After it, its records are reported as bad records: written to "
            + "the dead letter queue, or failing the task, as errors.tolerance says. 0: no retry.",
        GROUP_DELIVERY,
        ++order,
        Width.SHORT,
        "Retry timeout (ms)");
    def.define(
        BUFFER_MAX_OBJECTS,
        Type.INT,
        20_000,
        Range.atLeast(1),
        Importance.LOW,
        "Braze objects a task may hold (waiting or in flight) before it pauses its Kafka "
            + "partitions. It also pauses when it tracks 5 times this many records whose offsets "
            + "cannot be committed yet (records not finished, and finished records queued behind "
            + "one, which keep only their offset). Consumption resumes when objects and records "
            + "are below half of their bound and the bytes below half of braze.buffer.max.bytes.",
        GROUP_DELIVERY,
        ++order,
        Width.SHORT,
        "Buffer: max objects");
    def.define(
        BUFFER_MAX_BYTES,
        Type.LONG,
        64L * 1024 * 1024,
        Range.atLeast(1024),
        Importance.LOW,
        "Serialized bytes of Braze objects a task may hold before it pauses its partitions "
            + "(see braze.buffer.max.objects).",
        GROUP_DELIVERY,
        ++order,
        Width.SHORT,
        "Buffer: max bytes");

    order = 0;
    def.define(
        RECORD_KIND,
        Type.STRING,
        RecordKind.AUTO.configValue(),
        Validators.oneOf(RecordKind.class),
        Importance.MEDIUM,
        "What the topic's records are. auto: decided per record by shape (cohort_id: cohort "
            + "change; event_type $identify or user_properties without event_type: user update; "
            + "other event_type: event). event, user or cohort: every record is read as that "
            + "kind (a user record without user_properties uses its other top-level keys as "
            + "plain properties).",
        GROUP_INPUT,
        ++order,
        Width.SHORT,
        "Record kind",
        Validators.recommend(RecordKind.class));
    def.define(
        NULL_VALUES,
        Type.STRING,
        NullValueBehavior.IGNORE.configValue(),
        Validators.oneOf(NullValueBehavior.class),
        Importance.LOW,
        "Tombstones (records with a null value). ignore: skipped and counted. fail: reported "
            + "as a bad record (dead letter queue, or task failure with errors.tolerance=none).",
        GROUP_INPUT,
        ++order,
        Width.SHORT,
        "Tombstones",
        Validators.recommend(NullValueBehavior.class));

    order = 0;
    def.define(
        ANONYMOUS,
        Type.STRING,
        AnonymousMode.SKIP.configValue(),
        Validators.oneOf(AnonymousMode.class),
        Importance.MEDIUM,
        "Records (and cohort users) with a device_id but no user_id. skip: not sent, counted "
            + "as skipped. alias: sent with user_alias {alias_name: <device_id>, alias_label: "
            + "<identity.alias.label>}. A record with neither id is always a bad record.",
        GROUP_IDENTITY,
        ++order,
        Width.SHORT,
        "Anonymous users",
        Validators.recommend(AnonymousMode.class));
    def.define(
        ALIAS_LABEL,
        Type.STRING,
        "amplitude_device_id",
        Validators.nonBlank(),
        Importance.LOW,
        "alias_label of the user aliases built from device ids (identity.anonymous=alias).",
        GROUP_IDENTITY,
        ++order,
        Width.MEDIUM,
        "Alias label");

    order = 0;
    def.define(
        EVENTS_INCLUDE,
        Type.LIST,
        "",
        Validators.regexList(),
        Importance.MEDIUM,
        "Regular expressions on event_type (whole-name match). Empty: every event. Otherwise "
            + "only events matching one of them are sent. Applies to events and revenue "
            + "events, not to $identify updates or cohort changes.",
        GROUP_EVENTS,
        ++order,
        Width.LONG,
        "Include events");
    def.define(
        EVENTS_EXCLUDE,
        Type.LIST,
        "",
        Validators.regexList(),
        Importance.MEDIUM,
        "Regular expressions on event_type (whole-name match); matching events are not sent, "
            + "even when events.include matches them.",
        GROUP_EVENTS,
        ++order,
        Width.LONG,
        "Exclude events");
    def.define(
        EVENT_PROPERTIES_INCLUDE,
        Type.LIST,
        "",
        Validators.nonEmptyEntries(),
        Importance.MEDIUM,
        "Names of the event_properties sent as Braze event (or purchase) properties. Empty: "
            + "all of them. Selecting properties also keeps unselected bad properties (reserved "
            + "names, long strings) from rejecting a record.",
        GROUP_EVENTS,
        ++order,
        Width.LONG,
        "Event properties to send");
    def.define(
        EVENT_USER_PROPERTIES_AS_ATTRIBUTES,
        Type.BOOLEAN,
        false,
        Importance.MEDIUM,
        "Also send an event's user_properties as Braze attributes of its user (in the same "
            + "request, before the event). Unchanged values are skipped by the attribute "
            + "de-duplication.",
        GROUP_EVENTS,
        ++order,
        Width.SHORT,
        "Event user properties as attributes");

    order = 0;
    def.define(
        PURCHASES_MODE,
        Type.STRING,
        PurchasesMode.PURCHASE.configValue(),
        Validators.oneOf(PurchasesMode.class),
        Importance.MEDIUM,
        "What an event with revenue (price or revenue) becomes. purchase: a Braze purchase "
            + "object (product_id, currency, price, quantity). ecommerce: a Braze "
            + "ecommerce.order_placed recommended event (Braze's replacement for legacy "
            + "purchases). event: a custom event whose properties carry the revenue fields. "
            + "off: a custom event like any other, revenue fields dropped.",
        GROUP_PURCHASES,
        ++order,
        Width.SHORT,
        "Purchases mode",
        Validators.recommend(PurchasesMode.class));
    def.define(
        DEFAULT_CURRENCY,
        Type.STRING,
        "USD",
        Validators.currencyCode(),
        Importance.LOW,
        "ISO-4217 currency used when a revenue event carries none.",
        GROUP_PURCHASES,
        ++order,
        Width.SHORT,
        "Default currency");

    order = 0;
    def.define(
        DEDUP_ENABLED,
        Type.BOOLEAN,
        true,
        Importance.MEDIUM,
        "Skip attribute values identical to the last value this task sent for that user and "
            + "attribute (saves Braze data points). Only plain sets are de-duplicated; "
            + "increments and array add/remove always go. A value whose delivery failed is "
            + "forgotten, so it is sent again next time.",
        GROUP_ATTRIBUTES,
        ++order,
        Width.SHORT,
        "De-duplicate attributes");
    def.define(
        DEDUP_MAX_ENTRIES,
        Type.INT,
        100_000,
        Range.atLeast(1),
        Importance.LOW,
        "Entries (user x attribute) of the de-duplication cache per task; the least recently "
            + "used entries are evicted.",
        GROUP_ATTRIBUTES,
        ++order,
        Width.SHORT,
        "De-duplication cache size");
    def.define(
        STANDARD_MAPPING,
        Type.BOOLEAN,
        true,
        Importance.MEDIUM,
        "true: well-known Amplitude user properties (email, first_name/firstName, last_name, "
            + "phone, country, language, gender, city, dob, time_zone, ...) go to Braze's "
            + "standard attributes, with values normalised (country and language names to ISO "
            + "codes, gender to M/F/O/N/P). false: they stay custom attributes, renamed with "
            + "attributes.reserved.prefix where their name is a Braze standard field.",
        GROUP_ATTRIBUTES,
        ++order,
        Width.SHORT,
        "Map standard attributes");
    def.define(
        RESERVED_PREFIX,
        Type.STRING,
        "amplitude_",
        Validators.attributeName(),
        Importance.LOW,
        "Prefix put before a user property whose name Braze reserves (external_id, "
            + "user_alias, braze_id, push_tokens, ...; and the standard attributes when "
            + "attributes.standard.mapping=false), so that it lands in a custom attribute.",
        GROUP_ATTRIBUTES,
        ++order,
        Width.SHORT,
        "Reserved-name prefix");

    order = 0;
    def.define(
        COHORTS_MODE,
        Type.STRING,
        CohortsMode.ARRAY.configValue(),
        Validators.oneOf(CohortsMode.class),
        Importance.MEDIUM,
        "How cohort membership is written. array: one array attribute "
            + "(cohorts.attribute.name) to which the cohort id is added or from which it is "
            + "removed. boolean: one attribute per cohort, <cohorts.attribute.name>_<cohort_id>, "
            + "true on entry and false on exit.",
        GROUP_COHORTS,
        ++order,
        Width.SHORT,
        "Cohorts mode",
        Validators.recommend(CohortsMode.class));
    def.define(
        COHORTS_ATTRIBUTE,
        Type.STRING,
        "amplitude_cohorts",
        Validators.attributeName(),
        Importance.LOW,
        "Name of the cohort array attribute, or prefix of the boolean attributes.",
        GROUP_COHORTS,
        ++order,
        Width.MEDIUM,
        "Cohorts attribute");

    return def;
  }

  /** The endpoint without a trailing slash. */
  public String restUrl() {
    String url = getString(REST_URL).trim();
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    return url;
  }

  /** The endpoint's scheme, lowercase. */
  public String restScheme() {
    return URI.create(restUrl()).getScheme().toLowerCase(Locale.ROOT);
  }

  /** The API key. Keep it out of logs and messages. */
  public String apiKey() {
    return getPassword(API_KEY).value();
  }

  public String appId() {
    String id = getString(APP_ID);
    return id == null || id.isBlank() ? null : id.trim();
  }

  public boolean allowHttp() {
    return getBoolean(ALLOW_HTTP);
  }

  public boolean updateExistingOnly() {
    return getBoolean(UPDATE_EXISTING_ONLY);
  }

  public int batchMaxObjects() {
    return getInt(BATCH_MAX_OBJECTS);
  }

  public boolean batchLimitPerArray() {
    return getBoolean(BATCH_LIMIT_PER_ARRAY);
  }

  public int batchMaxBytes() {
    return getInt(BATCH_MAX_BYTES);
  }

  public int rateLimitRequests() {
    return getInt(RATE_LIMIT_REQUESTS);
  }

  public long rateLimitWindowMs() {
    return getLong(RATE_LIMIT_WINDOW_MS);
  }

  /** This task's share of the connector's budget (the whole budget outside a connector). */
  public int taskRateLimitRequests() {
    return taskRateLimitRequests > 0 ? taskRateLimitRequests : rateLimitRequests();
  }

  public int taskId() {
    return taskId;
  }

  public int taskCount() {
    return taskCount;
  }

  public int maxInFlight() {
    return getInt(MAX_IN_FLIGHT);
  }

  public long lingerMs() {
    return getLong(LINGER_MS);
  }

  public long requestTimeoutMs() {
    return getLong(REQUEST_TIMEOUT_MS);
  }

  public long retryBackoffMs() {
    return getLong(RETRY_BACKOFF_MS);
  }

  public long retryBackoffMaxMs() {
    return getLong(RETRY_BACKOFF_MAX_MS);
  }

  public long retryTimeoutMs() {
    return getLong(RETRY_TIMEOUT_MS);
  }

  public int bufferMaxObjects() {
    return getInt(BUFFER_MAX_OBJECTS);
  }

  public long bufferMaxBytes() {
    return getLong(BUFFER_MAX_BYTES);
  }

  public RecordKind recordKind() {
    return ConfigEnum.parse(RecordKind.class, getString(RECORD_KIND));
  }

  public NullValueBehavior nullValues() {
    return ConfigEnum.parse(NullValueBehavior.class, getString(NULL_VALUES));
  }

  public AnonymousMode anonymousMode() {
    return ConfigEnum.parse(AnonymousMode.class, getString(ANONYMOUS));
  }

  public String aliasLabel() {
    return getString(ALIAS_LABEL).trim();
  }

  public List<Pattern> eventsInclude() {
    return compile(getList(EVENTS_INCLUDE));
  }

  public List<Pattern> eventsExclude() {
    return compile(getList(EVENTS_EXCLUDE));
  }

  public List<String> eventPropertiesInclude() {
    return getList(EVENT_PROPERTIES_INCLUDE);
  }

  public boolean eventUserPropertiesAsAttributes() {
    return getBoolean(EVENT_USER_PROPERTIES_AS_ATTRIBUTES);
  }

  public PurchasesMode purchasesMode() {
    return ConfigEnum.parse(PurchasesMode.class, getString(PURCHASES_MODE));
  }

  public String defaultCurrency() {
    return getString(DEFAULT_CURRENCY).toUpperCase(Locale.ROOT);
  }

  public boolean dedupEnabled() {
    return getBoolean(DEDUP_ENABLED);
  }

  public int dedupMaxEntries() {
    return getInt(DEDUP_MAX_ENTRIES);
  }

  public boolean standardMapping() {
    return getBoolean(STANDARD_MAPPING);
  }

  public String reservedPrefix() {
    return getString(RESERVED_PREFIX);
  }

  public CohortsMode cohortsMode() {
    return ConfigEnum.parse(CohortsMode.class, getString(COHORTS_MODE));
  }

  public String cohortsAttribute() {
    return getString(COHORTS_ATTRIBUTE).trim();
  }

  private static List<Pattern> compile(List<String> regexes) {
    return regexes.stream().map(Pattern::compile).collect(Collectors.toUnmodifiableList());
  }
}
