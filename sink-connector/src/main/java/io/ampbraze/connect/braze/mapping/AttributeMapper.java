package io.ampbraze.connect.braze.mapping;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ampbraze.connect.braze.input.BadRecordException;
import io.ampbraze.connect.braze.input.BadRecordException.Reason;
import io.ampbraze.connect.braze.input.PropertyOperation;

/**
 * User-property operations to the fields of a Braze attributes object.
 *
 * <ul>
 *   <li>{@code $set} and plain keys: the value ({@code null} removes the attribute);
 *   <li>{@code $setOnce}: a set, skipped when this task already sent or is sending a value for
 *       that attribute (Braze has no set-once; with de-duplication off it is a plain set);
 *   <li>{@code $add}: {@code {"inc": n}} (integers only);
 *   <li>{@code $append}, {@code $postInsert}, {@code $prepend}, {@code $preInsert}: {@code
 *       {"add": [...]}} (Braze arrays have no front: prepends are appended), or {@code {"$add":
 *       [...]}} for arrays of objects;
 *   <li>{@code $remove}: {@code {"remove": [...]}};
 *   <li>{@code $unset}: {@code null}.
 * </ul>
 */
final class AttributeMapper {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Attribute fields plus the de-duplication entries to remember once they are queued. */
  record Fields(ObjectNode values, List<Candidate> dedup, int skipped) {
    boolean isEmpty() {
      return values.isEmpty();
    }
  }

  /** A set value to remember as pending when its object is queued. */
  record Candidate(String key, String fingerprint) {}

  private final StandardAttributes standard;
  private final AttributeDedupCache cache; // null when de-duplication is off

  AttributeMapper(StandardAttributes standard, AttributeDedupCache cache) {
    this.standard = standard;
    this.cache = cache;
  }

  Fields map(Identifier user, List<PropertyOperation> ops) {
    ObjectNode values = NODES.objectNode();
    List<Candidate> dedup = new ArrayList<>();
    int skipped = 0;
    for (PropertyOperation op : ops) {
      StandardAttributes.Target target = standard.target(op.name());
      PropertyRules.name(target.name(), op.field());
      if (values.has(target.name())) {
        continue; // two Amplitude names for one Braze field (email + ...): the first wins
      }
      String cacheKey = AttributeDedupCache.key(user.key(), target.name());
      switch (op.op()) {
        case SET:
        case SET_ONCE:
        case UNSET:
          JsonNode value = op.op() == PropertyOperation.Operation.UNSET ? null : op.value();
          value = target.standard()
              ? StandardAttributes.normalize(target.name(), value, op.field())
              : nullToNull(value);
          if (value != null) {
            PropertyRules.attributeValue(value, op.field());
          }
          String fingerprint = AttributeDedupCache.fingerprint(value);
          if (cache != null) {
            boolean seen =
                op.op() == PropertyOperation.Operation.SET_ONCE
                    ? cache.knows(cacheKey)
                    : cache.isConfirmed(cacheKey, fingerprint);
            if (seen) {
              skipped++;
              continue;
            }
            dedup.add(new Candidate(cacheKey, fingerprint));
          }
          values.set(target.name(), value == null ? NODES.nullNode() : value);
          break;
        case ADD:
          requireCustom(target, op);
          if (op.value() == null || !op.value().isIntegralNumber() && !isWholeNumber(op.value())) {
            throw new BadRecordException(
                Reason.INVALID_FIELD, op.field(), "$add takes an integer (Braze increments integers only)");
          }
          values.putObject(target.name()).set("inc", NODES.numberNode(op.value().bigIntegerValue()));
          break;
        case APPEND:
        case PREPEND:
        case PRE_INSERT:
        case POST_INSERT:
          requireCustom(target, op);
          ArrayNode added = items(op);
          boolean objects = added.size() > 0 && added.get(0).isObject();
          values.putObject(target.name()).set(objects ? "$add" : "add", added);
          break;
        case REMOVE:
          requireCustom(target, op);
          ArrayNode removed = items(op);
          if (removed.size() > 0 && removed.get(0).isObject()) {
            throw new BadRecordException(
                Reason.UNSUPPORTED_OPERATION,
                op.field(),
                "$remove of objects has no Braze equivalent without an identifier key");
          }
          values.putObject(target.name()).set("remove", removed);
          break;
        default:
          throw new IllegalStateException("unhandled operation " + op.op());
      }
    }
    return new Fields(values, dedup, skipped);
  }

  private static JsonNode nullToNull(JsonNode value) {
    return value == null || value.isNull() ? null : value;
  }

  private static boolean isWholeNumber(JsonNode n) {
    return n.isNumber() && n.decimalValue().stripTrailingZeros().scale() <= 0;
  }

  private static void requireCustom(StandardAttributes.Target target, PropertyOperation op) {
    if (target.standard()) {
      throw new BadRecordException(
          Reason.UNSUPPORTED_OPERATION,
          op.field(),
          op.op().key() + " cannot apply to Braze's standard attribute " + target.name());
    }
  }

  /** The values of an array operation: one value or an array, all scalars or all objects. */
  private static ArrayNode items(PropertyOperation op) {
    ArrayNode items = NODES.arrayNode();
    JsonNode v = op.value();
    if (v == null || v.isNull()) {
      throw new BadRecordException(Reason.INVALID_FIELD, op.field(), op.op().key() + " needs a value");
    }
    if (v.isArray()) {
      items.addAll((ArrayNode) v);
    } else {
      items.add(v);
    }
    boolean objects = items.size() > 0 && items.get(0).isObject();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      if (item.isNull() || item.isArray() || item.isObject() != objects) {
        throw new BadRecordException(
            Reason.INVALID_FIELD,
            op.field() + "[" + i + "]",
            "array values must be all scalars or all objects, without nulls or nested arrays");
      }
    }
    PropertyRules.attributeValue(items, op.field());
    return items;
  }
}
