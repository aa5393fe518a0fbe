package io.ampbraze.connect.braze.mapping;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.ampbraze.connect.braze.config.CohortsMode;
import io.ampbraze.connect.braze.input.CohortChange;
import io.ampbraze.connect.braze.input.PropertyOperation;
import io.ampbraze.connect.braze.input.PropertyOperation.Operation;

/**
 * A cohort change to one attributes object per user: in array mode {@code {"<attr>": {"add":
 * [cohort_id]}}} or {@code {"remove": [...]}}; in boolean mode {@code {"<attr>_<cohort_id>":
 * true|false}} (a plain set, so de-duplicated).
 */
final class CohortMapper {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The attribute fields for one user. */
  record UserFields(Identifier user, AttributeMapper.Fields fields) {}

  private final CohortsMode mode;
  private final String attribute;
  private final IdentityMapper identity;
  private final AttributeMapper attributes;

  CohortMapper(CohortsMode mode, String attribute, IdentityMapper identity, AttributeMapper attributes) {
    this.mode = mode;
    this.attribute = attribute;
    this.identity = identity;
    this.attributes = attributes;
  }

  /** Per user, in record order; anonymous users are left out when they are skipped. */
  List<UserFields> map(CohortChange change) {
    List<UserFields> out = new ArrayList<>(change.users().size());
    for (int i = 0; i < change.users().size(); i++) {
      Identifier user = identity.resolve(change.users().get(i), "users[" + i + "]");
      if (user == null) {
        continue;
      }
      PropertyOperation op;
      if (mode == CohortsMode.ARRAY) {
        op =
            new PropertyOperation(
                change.entered() ? Operation.APPEND : Operation.REMOVE,
                attribute,
                NODES.textNode(change.cohortId()),
                "cohort_id");
      } else {
        op =
            new PropertyOperation(
                Operation.SET,
                attribute + "_" + change.cohortId(),
                BooleanNode.valueOf(change.entered()),
                "cohort_id");
      }
      out.add(new UserFields(user, attributes.map(user, List.of(op))));
    }
    return out;
  }
}
