package io.ampbraze.connect.currents.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;

import io.ampbraze.connect.currents.currents.UtcHour;
import io.ampbraze.connect.currents.storage.StorageConfig;

/** The source connector's configuration: every key, its default, validation and typed access. */
public final class CurrentsSourceConfig extends AbstractConfig {
  private static final String LAYOUT_GROUP = "Currents layout";
  private static final String POLLING_GROUP = "Polling and listing";
  private static final String ERRORS_GROUP = "Errors";
  private static final String OUTPUT_GROUP = "Output";

  public static final String PREFIX = "currents.prefix";
  public static final String EVENT_TYPES_INCLUDE = "currents.event.types.include";
  public static final String EVENT_TYPES_EXCLUDE = "currents.event.types.exclude";
  public static final String START_HOUR = "currents.start.hour";
  public static final String POLL_INTERVAL_MS = "currents.poll.interval.ms";
  public static final String LOOKBACK_HOURS = "currents.lookback.hours";
  public static final String SWEEP_INTERVAL_MS = "currents.sweep.interval.ms";
  public static final String SWEEP_HORIZON_HOURS = "currents.sweep.horizon.hours";
  public static final String DISCOVERY_INTERVAL_MS = "currents.discovery.interval.ms";
  public static final String BATCH_SIZE = "currents.batch.size";
  public static final String ON_CORRUPT_FILE = "currents.on.corrupt.file";
  public static final String RETRY_TIMEOUT_MS = "currents.storage.retry.timeout.ms";
  public static final String RETRY_BACKOFF_MAX_MS = "currents.storage.retry.backoff.max.ms";
  public static final String TOPIC = "topic";
  public static final String OUTPUT_FORMAT = "output.format";
  public static final String EVENT_TYPE_PREFIX = "amplitude.event.type.prefix";
  public static final String EVENT_NAMES = "amplitude.event.names";

  /** Set by the connector in each task's configuration; not for users. */
  public static final String TASK_ID = "currents.task.id";
  public static final String TASK_COUNT = "currents.task.count";

  public static final String EARLIEST = "earliest";
  public static final String DEFAULT_EVENT_TYPE_PREFIX = "[Appboy] ";

  public static final ConfigDef CONFIG_DEF = define();

  public CurrentsSourceConfig(Map<String, String> props) {
    super(CONFIG_DEF, props, false);
    Map<String, String> problems = crossKeyProblems(this);
    if (!problems.isEmpty()) {
      Map.Entry<String, String> first = problems.entrySet().iterator().next();
      throw new ConfigException(first.getKey(), originals().get(first.getKey()), first.getValue());
    }
  }

  private static ConfigDef define() {
    ConfigDef def = StorageConfig.define(new ConfigDef());
    int o = 0;
    def.define(
        PREFIX,
        Type.STRING,
        "",
        Importance.HIGH,
        "The key prefix (folder) under which Braze Currents writes in the bucket, e.g."
            + " 'currents' (Braze's default folder on S3), without a trailing slash; empty for the"
            + " top of the bucket. It may also point directly at one integration folder"
            + " ('currents/dataexport.prod-01.S3.integration.<id>'). The connector looks for"
            + " 'event_type=' folders at most two levels below it.",
        LAYOUT_GROUP,
        ++o,
        Width.LONG,
        "Prefix");
    def.define(
        EVENT_TYPES_INCLUDE,
        Type.LIST,
        "",
        EventTypeFilter.validator(),
        Importance.MEDIUM,
        "Comma-separated Java regular expressions; only Currents event types matching one of"
            + " them (in full) are read, e.g. 'users\\.behaviors\\..*,users\\.messages\\.email\\..*'."
            + " Empty (default) reads every event type.",
        LAYOUT_GROUP,
        ++o,
        Width.LONG,
        "Event types to include");
    def.define(
        EVENT_TYPES_EXCLUDE,
        Type.LIST,
        "",
        EventTypeFilter.validator(),
        Importance.MEDIUM,
        "Comma-separated Java regular expressions; Currents event types matching one of them (in"
            + " full) are not read, even when included. Empty (default) excludes nothing.",
        LAYOUT_GROUP,
        ++o,
        Width.LONG,
        "Event types to exclude");
    def.define(
        START_HOUR,
        Type.STRING,
        EARLIEST,
        startHourValidator(),
        Importance.MEDIUM,
        "'earliest' (default) reads every hour folder in the bucket; 'YYYY-MM-DD-HH' (UTC) ignores"
            + " 'date=' hour folders older than that hour. Currents names hour folders by the hour"
            + " Braze queued the events, not by event time.",
        LAYOUT_GROUP,
        ++o,
        Width.SHORT,
        "Start hour");
    o = 0;
    def.define(
        POLL_INTERVAL_MS,
        Type.LONG,
        60_000L,
        ConfigDef.Range.atLeast(100),
        Importance.MEDIUM,
        "How often, in milliseconds, each task re-lists the hour folders of the lookback window"
            + " for new files. Braze writes a file per event type every 5 minutes or 15,000 events.",
        POLLING_GROUP,
        ++o,
        Width.SHORT,
        "Poll interval (ms)");
    def.define(
        LOOKBACK_HOURS,
        Type.INT,
        48,
        ConfigDef.Range.between(1, 24 * 31),
        Importance.MEDIUM,
        "How many hours back from the current hour are re-listed on every poll, so that files"
            + " Braze writes late into a recent hour folder are picked up within one poll"
            + " interval. Older hours are re-listed by the slow sweep.",
        POLLING_GROUP,
        ++o,
        Width.SHORT,
        "Lookback window (hours)");
    def.define(
        SWEEP_INTERVAL_MS,
        Type.LONG,
        6 * 3_600_000L,
        ConfigDef.Range.atLeast(1_000),
        Importance.LOW,
        "How often, in milliseconds, each task re-lists the hours older than the lookback window"
            + " (back to the sweep horizon), to find files that landed there late, e.g. after a"
            + " Braze delivery outage. Also done once when a task starts.",
        POLLING_GROUP,
        ++o,
        Width.SHORT,
        "Sweep interval (ms)");
    def.define(
        SWEEP_HORIZON_HOURS,
        Type.INT,
        168,
        ConfigDef.Range.atLeast(0),
        Importance.LOW,
        "Hours older than this many hours are considered final once read: the sweep no longer"
            + " lists them. The default (7 days) is past Braze's longest retry of a failed export"
            + " (5 days for S3, 48 hours for GCS and Azure). 0 sweeps every hour back to"
            + " currents.start.hour forever (listing cost then grows with the bucket's age). Must"
            + " be 0 or at least currents.lookback.hours.",
        POLLING_GROUP,
        ++o,
        Width.SHORT,
        "Sweep horizon (hours)");
    def.define(
        DISCOVERY_INTERVAL_MS,
        Type.LONG,
        600_000L,
        ConfigDef.Range.atLeast(100),
        Importance.LOW,
        "How often, in milliseconds, each task lists the folders above the event types to find"
            + " new integration and event-type folders.",
        POLLING_GROUP,
        ++o,
        Width.SHORT,
        "Discovery interval (ms)");
    def.define(
        BATCH_SIZE,
        Type.INT,
        1000,
        ConfigDef.Range.between(1, 100_000),
        Importance.LOW,
        "The most records one poll of a task returns to the worker (with exactly-once support"
            + " and the default transaction boundary, one poll is one transaction).",
        POLLING_GROUP,
        ++o,
        Width.SHORT,
        "Batch size");
    o = 0;
    def.define(
        ON_CORRUPT_FILE,
        Type.STRING,
        CorruptFilePolicy.SKIP.configValue(),
        ConfigDef.CaseInsensitiveValidString.in("skip", "fail"),
        Importance.MEDIUM,
        "What to do with a file that is truncated, corrupt, not Avro, or not a Currents record"
            + " (no 'id' or 'time'). 'skip' (default): emit the good records before the damage,"
            + " log the file's path, count it in the FilesSkipped metric, and go on. 'fail':"
            + " emit the good records, then fail the task with a message naming the file.",
        ERRORS_GROUP,
        ++o,
        Width.SHORT,
        "On corrupt file");
    def.define(
        RETRY_TIMEOUT_MS,
        Type.LONG,
        900_000L,
        ConfigDef.Range.atLeast(-1),
        Importance.MEDIUM,
        "How long, in milliseconds, a task retries a failing store (outage, throttling,"
            + " permission denied) with exponential backoff before it fails with a message"
            + " naming the store and the error, which shows in the task's status. Offsets never"
            + " advance past what was read. -1 retries forever (the task stays RUNNING; errors"
            + " show in the log and the StorageErrors metric).",
        ERRORS_GROUP,
        ++o,
        Width.SHORT,
        "Storage retry timeout (ms)");
    def.define(
        RETRY_BACKOFF_MAX_MS,
        Type.LONG,
        60_000L,
        ConfigDef.Range.atLeast(1),
        Importance.LOW,
        "The longest wait, in milliseconds, between two attempts at a failing store. Waits start"
            + " at 1 second (or this value, if lower) and double.",
        ERRORS_GROUP,
        ++o,
        Width.SHORT,
        "Storage retry backoff max (ms)");
    o = 0;
    def.define(
        TOPIC,
        Type.STRING,
        ConfigDef.NO_DEFAULT_VALUE,
        TopicTemplate.validator(),
        Importance.HIGH,
        "The topic to write to. '${event_type}' in the name is replaced by the Currents event"
            + " type, e.g. 'braze.${event_type}' writes custom events to"
            + " 'braze.users.behaviors.CustomEvent'.",
        OUTPUT_GROUP,
        ++o,
        Width.MEDIUM,
        "Topic");
    def.define(
        OUTPUT_FORMAT,
        Type.STRING,
        OutputFormat.AMPLITUDE.configValue(),
        ConfigDef.CaseInsensitiveValidString.in("amplitude", "currents"),
        Importance.HIGH,
        "'amplitude' (default): each record becomes an Amplitude HTTP V2 event (JSON object),"
            + " keyed by the Amplitude user; records with neither an external user id nor a"
            + " device id are skipped. 'currents': the Currents record itself as JSON, keyed by"
            + " the external user id, else the device id, else the Braze user id.",
        OUTPUT_GROUP,
        ++o,
        Width.SHORT,
        "Output format");
    def.define(
        EVENT_TYPE_PREFIX,
        Type.STRING,
        DEFAULT_EVENT_TYPE_PREFIX,
        Importance.MEDIUM,
        "Put in front of every Amplitude event type the connector makes (not '$identify'), used"
            + " exactly as given, trailing space included. The default '[Appboy] ' matches"
            + " Braze's own Currents-to-Amplitude export.",
        OUTPUT_GROUP,
        ++o,
        Width.SHORT,
        "Amplitude event type prefix");
    def.define(
        EVENT_NAMES,
        Type.LIST,
        "",
        EventNameOverrides.validator(),
        Importance.LOW,
        "Comma-separated '<currents event type>=<name>' entries that replace the built-in"
            + " Amplitude name (what follows amplitude.event.type.prefix), e.g."
            + " 'users.messages.email.Open=Email Opened'. '${name}' stands for a custom event's"
            + " name: the built-in entry is 'users.behaviors.CustomEvent=[Custom Event] ${name}'."
            + " Names cannot contain commas.",
        OUTPUT_GROUP,
        ++o,
        Width.LONG,
        "Amplitude event names");
    def.defineInternal(TASK_ID, Type.INT, 0, Importance.LOW);
    def.defineInternal(TASK_COUNT, Type.INT, 1, Importance.LOW);
    return def;
  }

  private static ConfigDef.Validator startHourValidator() {
    return (name, value) -> {
      String s = value == null ? "" : ((String) value).trim();
      if (!s.equalsIgnoreCase(EARLIEST) && UtcHour.parse(s).isEmpty()) {
        throw new ConfigException(
            name, value, "must be 'earliest' or an hour 'YYYY-MM-DD-HH' (UTC), e.g. 2024-05-01-00");
      }
    };
  }

  /** Problems that involve more than one key, by the key to report them on. */
  static Map<String, String> crossKeyProblems(AbstractConfig c) {
    Map<String, String> out = new LinkedHashMap<>();
    int horizon = c.getInt(SWEEP_HORIZON_HOURS);
    int lookback = c.getInt(LOOKBACK_HOURS);
    if (horizon != 0 && horizon < lookback) {
      out.put(
          SWEEP_HORIZON_HOURS,
          SWEEP_HORIZON_HOURS + " (" + horizon + ") must be 0 or at least " + LOOKBACK_HOURS
              + " (" + lookback + ")");
    }
    return out;
  }

  /**
   * Adds the cross-key problems of {@code props} to {@code results} (the per-key results of
   * {@code ConfigDef.validate}). Keys that already failed on their own are not checked again.
   */
  public static void validateCrossKeys(Map<String, String> props, Map<String, ConfigValue> results) {
    boolean ownErrors =
        results.values().stream()
            .anyMatch(v -> !v.errorMessages().isEmpty()
                && (v.name().equals(SWEEP_HORIZON_HOURS) || v.name().equals(LOOKBACK_HOURS)));
    if (ownErrors) {
      return;
    }
    AbstractConfig parsed;
    try {
      parsed = new AbstractConfig(CONFIG_DEF, props, false);
    } catch (ConfigException e) {
      return; // a per-key error, already reported on its key
    }
    crossKeyProblems(parsed)
        .forEach((key, message) -> results.computeIfAbsent(key, ConfigValue::new).addErrorMessage(message));
  }

  // Typed access.

  /** The prefix as a folder: "" or ending in '/'. */
  public String prefix() {
    String p = getString(PREFIX).replaceAll("^/+", "");
    return p.isEmpty() || p.endsWith("/") ? p : p + "/";
  }

  public EventTypeFilter eventTypeFilter() {
    return new EventTypeFilter(getList(EVENT_TYPES_INCLUDE), getList(EVENT_TYPES_EXCLUDE));
  }

  /** The first hour to read, or empty for 'earliest'. */
  public Optional<UtcHour> startHour() {
    return UtcHour.parse(getString(START_HOUR).trim());
  }

  public Duration pollInterval() {
    return Duration.ofMillis(getLong(POLL_INTERVAL_MS));
  }

  public int lookbackHours() {
    return getInt(LOOKBACK_HOURS);
  }

  public Duration sweepInterval() {
    return Duration.ofMillis(getLong(SWEEP_INTERVAL_MS));
  }

  /** 0 for no horizon. */
  public int sweepHorizonHours() {
    return getInt(SWEEP_HORIZON_HOURS);
  }

  public Duration discoveryInterval() {
    return Duration.ofMillis(getLong(DISCOVERY_INTERVAL_MS));
  }

  public int batchSize() {
    return getInt(BATCH_SIZE);
  }

  public CorruptFilePolicy corruptFilePolicy() {
    return CorruptFilePolicy.parse(getString(ON_CORRUPT_FILE));
  }

  /** Empty for "retry forever". */
  public Optional<Duration> storageRetryTimeout() {
    long ms = getLong(RETRY_TIMEOUT_MS);
    return ms < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(ms));
  }

  public Duration storageRetryBackoffMax() {
    return Duration.ofMillis(getLong(RETRY_BACKOFF_MAX_MS));
  }

  public TopicTemplate topic() {
    return TopicTemplate.parse(TOPIC, getString(TOPIC));
  }

  public OutputFormat outputFormat() {
    return OutputFormat.parse(getString(OUTPUT_FORMAT));
  }

  /**
   * The event type prefix exactly as the user wrote it: ConfigDef trims string values, which
   * would eat the trailing space of '[Appboy] '.
   */
  public String eventTypePrefix() {
    Object raw = originals().get(EVENT_TYPE_PREFIX);
    return raw instanceof String s ? s : DEFAULT_EVENT_TYPE_PREFIX;
  }

  public EventNameOverrides eventNames() {
    return EventNameOverrides.parse(EVENT_NAMES, getList(EVENT_NAMES));
  }

  public int taskId() {
    return getInt(TASK_ID);
  }

  public int taskCount() {
    return getInt(TASK_COUNT);
  }

  /** The connector's name as the worker passes it, for logs and metric names. */
  public String connectorName() {
    Object name = originals().get("name");
    return name instanceof String s && !s.isBlank() ? s : "currents-source";
  }

  /** Keys a user may set, in the order of the docs. */
  public static List<String> userKeys() {
    return CONFIG_DEF.names().stream().filter(k -> !k.equals(TASK_ID) && !k.equals(TASK_COUNT)).toList();
  }
}
