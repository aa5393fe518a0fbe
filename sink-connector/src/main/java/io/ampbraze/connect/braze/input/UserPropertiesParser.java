package io.ampbraze.connect.braze.input;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ampbraze.connect.braze.input.BadRecordException.Reason;
import io.ampbraze.connect.braze.input.PropertyOperation.Operation;

/**
 * Reads Amplitude user_properties into operations. Keys starting with '$' are operations
 * ({@code $set}, {@code $setOnce}, {@code $add}, {@code $append}, {@code $prepend},
 * {@code $preInsert}, {@code $postInsert}, {@code $remove}, {@code $unset}); other keys are plain
 * sets. Like Amplitude's SDKs, one property takes one operation: the first one in the record
 * wins.
 */
final class UserPropertiesParser {
  private UserPropertiesParser() {}

  static List<PropertyOperation> parse(ObjectNode properties, String field) {
    List<PropertyOperation> ops = new ArrayList<>();
    if (properties == null) {
      return ops;
    }
    Set<String> seen = new LinkedHashSet<>();
    for (Map.Entry<String, JsonNode> e : properties.properties()) {
      String key = e.getKey();
      if (!key.startsWith("$")) {
        add(ops, seen, new PropertyOperation(Operation.SET, key, e.getValue(), field + "." + key));
        continue;
      }
      Operation op = Operation.forKey(key);
      if (op == null) {
        throw new BadRecordException(
            Reason.UNSUPPORTED_OPERATION,
            field + "." + key,
            key.equals("$clearAll")
                ? "$clearAll (remove every user property) has no Braze equivalent"
                : "is not an Amplitude user-property operation the sink knows ($set, $setOnce, "
                    + "$add, $append, $prepend, $preInsert, $postInsert, $remove, $unset)");
      }
      JsonNode body = e.getValue();
      String opField = field + "." + key;
      if (op == Operation.UNSET && body.isArray()) {
        // Tolerated: {"$unset": ["a", "b"]} names the properties directly.
        for (JsonNode name : body) {
          String n = Fields.text(name, opField);
          add(ops, seen, new PropertyOperation(op, n, null, opField + "." + n));
        }
        continue;
      }
      if (!body.isObject()) {
        throw new BadRecordException(
            Reason.INVALID_FIELD,
            opField,
            "must be an object of property names to values, not " + Fields.describe(body));
      }
      for (Map.Entry<String, JsonNode> p : body.properties()) {
        add(ops, seen, new PropertyOperation(op, p.getKey(), p.getValue(), opField + "." + p.getKey()));
      }
    }
    return ops;
  }

  private static void add(List<PropertyOperation> ops, Set<String> seen, PropertyOperation op) {
    if (seen.add(op.name())) {
      ops.add(op);
    }
  }
}
