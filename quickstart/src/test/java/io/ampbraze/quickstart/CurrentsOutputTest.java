package io.ampbraze.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.ampbraze.quickstart.CurrentsOutput.Emitted;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CurrentsOutputTest {
  private final CurrentsOutput output =
      new CurrentsOutput(
          List.of("braze-currents"),
          List.of(
              new Emitted("braze-currents", "users.behaviors.Purchase", "{\"insert_id\":\"a\"}"),
              new Emitted("braze-currents", "users.behaviors.CustomEvent", "{\"insert_id\":\"b\"}"),
              new Emitted("braze-currents", "users.behaviors.Purchase", "{\"insert_id\":\"c\"}"),
              new Emitted("braze-currents", "users.behaviors.Purchase", "not json")));

  @Test
  void countsRecordsByTheirCurrentsEventTypeHeader() {
    assertThat(output.recordsByEventType())
        .containsExactly(
            Map.entry("users.behaviors.CustomEvent", 1L),
            Map.entry("users.behaviors.Purchase", 3L));
  }

  @Test
  void findsTheEventACurrentsRecordBecameByItsInsertId() {
    assertThat(output.byInsertId("c")).map(Emitted::value).hasValue("{\"insert_id\":\"c\"}");
    assertThat(output.byInsertId("z")).isEmpty();
  }
}
