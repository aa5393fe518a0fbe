package io.ampbraze.connect.braze.mapping;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ampbraze.connect.braze.braze.BrazeObject;
import io.ampbraze.connect.braze.braze.ObjectKind;
import io.ampbraze.connect.braze.braze.TrackRequest;
import io.ampbraze.connect.braze.config.BrazeSinkConfig;
import io.ampbraze.connect.braze.input.AmplitudeEvent;
import io.ampbraze.connect.braze.input.AmplitudeRecord;
import io.ampbraze.connect.braze.input.BadRecordException;
import io.ampbraze.connect.braze.input.BadRecordException.Reason;
import io.ampbraze.connect.braze.input.CohortChange;
import io.ampbraze.connect.braze.input.IgnoredRecord;
import io.ampbraze.connect.braze.input.JsonDocuments;
import io.ampbraze.connect.braze.input.UserUpdate;
import io.ampbraze.connect.braze.mapping.MappedRecord.MappedObject;

/**
 * The Amplitude model to Braze objects, as configured. Runs on the task thread; a record is
 * either mapped whole or rejected whole with a {@link BadRecordException}.
 */
public final class RecordMapper {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final IdentityMapper identity;
  private final AttributeMapper attributes;
  private final EventMapper events;
  private final CohortMapper cohorts;
  private final AttributeDedupCache cache;
  private final boolean eventUserPropertiesAsAttributes;
  private final boolean updateExistingOnly;
  private final int maxObjectBytes;

  /**
   * @param cache the de-duplication cache, or null when de-duplication is off
   */
  public RecordMapper(BrazeSinkConfig config, AttributeDedupCache cache) {
    this.cache = cache;
    this.identity = new IdentityMapper(config.anonymousMode(), config.aliasLabel());
    this.attributes =
        new AttributeMapper(new StandardAttributes(config.standardMapping(), config.reservedPrefix()), cache);
    this.events =
        new EventMapper(
            config.eventsInclude(),
            config.eventsExclude(),
            config.eventPropertiesInclude(),
            config.purchasesMode(),
            config.defaultCurrency(),
            config.appId());
    this.cohorts =
        new CohortMapper(config.cohortsMode(), config.cohortsAttribute(), identity, attributes);
    this.eventUserPropertiesAsAttributes = config.eventUserPropertiesAsAttributes();
    this.updateExistingOnly = config.updateExistingOnly();
    // What a request holding only this object may take (envelope, object, separator).
    this.maxObjectBytes = config.batchMaxBytes() - TrackRequest.ENVELOPE_BYTES - 1;
  }

  /**
   * @param recordId a stable id of the Kafka record (topic-partition-offset), used as the
   *     order id of an ecommerce.order_placed event that carries none
   */
  public MappedRecord map(AmplitudeRecord record, String recordId) {
    List<Draft> drafts = new ArrayList<>();
    int dedupSkipped = 0;
    String skip = null;
    if (record instanceof IgnoredRecord) {
      return MappedRecord.skipped(((IgnoredRecord) record).why(), 0);
    } else if (record instanceof AmplitudeEvent) {
      AmplitudeEvent event = (AmplitudeEvent) record;
      Identifier user = identity.resolve(event.user(), "user_id");
      if (user == null) {
        return MappedRecord.skipped("anonymous (identity.anonymous=skip)", 0);
      }
      if (!events.passesFilters(event.eventType())) {
        return MappedRecord.skipped("filtered by events.include/events.exclude", 0);
      }
      if (eventUserPropertiesAsAttributes && !event.userProperties().isEmpty()) {
        AttributeMapper.Fields fields = attributes.map(user, event.userProperties());
        dedupSkipped += fields.skipped();
        if (!fields.isEmpty()) {
          drafts.add(new Draft(ObjectKind.ATTRIBUTES, user, fields.values(), fields.dedup()));
        }
      }
      EventMapper.Mapped mapped = events.map(event, recordId);
      drafts.add(new Draft(mapped.kind(), user, mapped.body(), List.of()));
    } else if (record instanceof UserUpdate) {
      UserUpdate update = (UserUpdate) record;
      Identifier user = identity.resolve(update.user(), "user_id");
      if (user == null) {
        return MappedRecord.skipped("anonymous (identity.anonymous=skip)", 0);
      }
      AttributeMapper.Fields fields = attributes.map(user, update.operations());
      dedupSkipped += fields.skipped();
      if (!fields.isEmpty()) {
        drafts.add(new Draft(ObjectKind.ATTRIBUTES, user, fields.values(), fields.dedup()));
      } else {
        skip = "no attribute changes";
      }
    } else {
      CohortChange change = (CohortChange) record;
      for (CohortMapper.UserFields u : cohorts.map(change)) {
        dedupSkipped += u.fields().skipped();
        if (!u.fields().isEmpty()) {
          drafts.add(new Draft(ObjectKind.ATTRIBUTES, u.user(), u.fields().values(), u.fields().dedup()));
        }
      }
      skip = "no membership changes to send";
    }
    if (drafts.isEmpty()) {
      return MappedRecord.skipped(skip, dedupSkipped);
    }
    List<BrazeObject> objects = new ArrayList<>(drafts.size());
    for (Draft d : drafts) {
      objects.add(serialize(d));
    }
    // Only now that the whole record is accepted do its values become "being sent".
    List<MappedObject> out = new ArrayList<>(drafts.size());
    for (int i = 0; i < drafts.size(); i++) {
      List<AttributeDedupCache.Mark> marks = new ArrayList<>();
      if (cache != null) {
        for (AttributeMapper.Candidate c : drafts.get(i).dedup) {
          marks.add(cache.markPending(c.key(), c.fingerprint()));
        }
      }
      out.add(new MappedObject(objects.get(i), marks));
    }
    return new MappedRecord(out, null, dedupSkipped);
  }

  private BrazeObject serialize(Draft d) {
    ObjectNode object = NODES.objectNode();
    d.user.writeTo(object);
    object.setAll(d.body);
    // With an alias Braze defaults to update-only: say explicitly what the config says.
    if (updateExistingOnly || d.user.isAlias()) {
      object.put("_update_existing_only", updateExistingOnly);
    }
    byte[] json;
    try {
      json = JsonDocuments.MAPPER.writeValueAsBytes(object);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    if (json.length > maxObjectBytes) {
      throw new BadRecordException(
          Reason.OBJECT_TOO_LARGE,
          null,
          "its Braze " + d.kind.arrayName() + " object is " + json.length
              + " bytes, more than fits in one request (braze.batch.max.bytes)");
    }
    return new BrazeObject(d.kind, d.user.key(), json);
  }

  private record Draft(
      ObjectKind kind, Identifier user, ObjectNode body, List<AttributeMapper.Candidate> dedup) {}
}
