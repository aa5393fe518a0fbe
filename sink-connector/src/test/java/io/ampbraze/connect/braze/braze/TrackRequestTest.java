package io.ampbraze.connect.braze.braze;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.ampbraze.connect.braze.input.JsonDocuments;
import org.junit.jupiter.api.Test;

class TrackRequestTest {
  static BrazeObject object(ObjectKind kind, String user, String json) {
    return new BrazeObject(kind, "external_id:" + user, json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void groupsObjectsIntoTheirArraysKeepingRelativeOrder() throws Exception {
    TrackRequest r =
        new TrackRequest(
            List.of(
                object(ObjectKind.EVENTS, "a", "{\"e\":1}"),
                object(ObjectKind.ATTRIBUTES, "b", "{\"a\":1}"),
                object(ObjectKind.PURCHASES, "c", "{\"p\":1}"),
                object(ObjectKind.EVENTS, "d", "{\"e\":2}")));
    String body = new String(r.body(), StandardCharsets.UTF_8);
    assertThat(body)
        .isEqualTo("{\"attributes\":[{\"a\":1}],\"events\":[{\"e\":1},{\"e\":2}],\"purchases\":[{\"p\":1}]}");
    assertThat(JsonDocuments.MAPPER.readTree(body).isObject()).isTrue();
    assertThat(r.positionOf(ObjectKind.EVENTS, 1)).isEqualTo(3);
    assertThat(r.positionOf(ObjectKind.ATTRIBUTES, 0)).isEqualTo(1);
    assertThat(r.positionOf(ObjectKind.PURCHASES, 1)).isEqualTo(-1);
    assertThat(r.positionOf(null, 0)).isEqualTo(-1);
    assertThat(r.count(ObjectKind.EVENTS)).isEqualTo(2);
    assertThat(r.size()).isEqualTo(4);
  }

  @Test
  void leavesOutEmptyArrays() {
    TrackRequest r = new TrackRequest(List.of(object(ObjectKind.EVENTS, "a", "{}")));
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"events\":[{}]}");
  }

  @Test
  void theEstimateBoundsTheBody() {
    List<BrazeObject> objects =
        List.of(
            object(ObjectKind.EVENTS, "a", "{\"e\":1}"),
            object(ObjectKind.ATTRIBUTES, "b", "{\"a\":1}"),
            object(ObjectKind.PURCHASES, "c", "{\"p\":1}"));
    long sizes = objects.stream().mapToLong(BrazeObject::size).sum();
    assertThat(new TrackRequest(objects).body().length).isLessThanOrEqualTo((int) TrackRequest.estimateBytes(sizes, 3));
  }

  @Test
  void objectsDoNotPrintTheirContent() {
    assertThat(object(ObjectKind.EVENTS, "secret-user", "{\"email\":\"x\"}").toString())
        .doesNotContain("secret-user")
        .doesNotContain("email");
  }
}
