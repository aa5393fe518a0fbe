package io.ampbraze.connect.braze.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TimestampsTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2020-02-15 01:00:00.123456 | 2020-02-15T01:00:00.123456Z",
        "2015-08-10T12:00:00.000000 | 2015-08-10T12:00:00Z",
        "2022-02-28 20:07:01.795 | 2022-02-28T20:07:01.795Z",
        "2022-02-28 20:07:01 | 2022-02-28T20:07:01Z",
        "2022-02-28T20:07 | 2022-02-28T20:07:00Z",
        "2022-02-28T20:07:01Z | 2022-02-28T20:07:01Z",
        "2022-02-28T20:07:01.5+02:00 | 2022-02-28T18:07:01.500Z",
        "2022-02-28 20:07:01 -0130 | 2022-02-28T21:37:01Z",
        "2022-02-28 20:07:01 UTC | 2022-02-28T20:07:01Z",
        "2022-02-28T20:07:01.123456789 | 2022-02-28T20:07:01.123456789Z",
        "2022-02-28 | 2022-02-28T00:00:00Z",
        "1700000000123 | 2023-11-14T22:13:20.123Z",
        "1700000000 | 2023-11-14T22:13:20Z",
        "1700000000.5 | 2023-11-14T22:13:20.500Z",
        "1700000000123456 | 2023-11-14T22:13:20.123456Z",
        " 1700000000123 | 2023-11-14T22:13:20.123Z",
      })
  void parsesTextLeniently(String text, String expected) {
    assertThat(Timestamps.parse(text, "event_time")).isEqualTo(Instant.parse(expected));
  }

  @Test
  void parsesNumbers() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    assertThat(Timestamps.parse(f.numberNode(1700000000123L), "time")).isEqualTo(Instant.ofEpochMilli(1700000000123L));
    assertThat(Timestamps.parse(f.numberNode(1700000000), "time")).isEqualTo(Instant.ofEpochSecond(1700000000));
    assertThat(Timestamps.parse(f.numberNode(1.7000000001235E12), "time"))
        .isEqualTo(Instant.ofEpochMilli(1700000000123L).plusNanos(500_000));
    assertThat(Timestamps.parse(f.textNode("1700000000123"), "time")).isEqualTo(Instant.ofEpochMilli(1700000000123L));
  }

  @ParameterizedTest
  @CsvSource({"yesterday", "2022-13-45 10:00:00", "15/02/2020", "''"})
  void rejectsNonTimestampsNamingTheField(String text) {
    assertThatThrownBy(() -> Timestamps.parse(text, "event_time"))
        .isInstanceOf(BadRecordException.class)
        .hasMessageContaining("field 'event_time'")
        .satisfies(e -> assertThat(((BadRecordException) e).reason()).isEqualTo(BadRecordException.Reason.INVALID_FIELD));
  }

  @Test
  void rejectsNonScalars() {
    assertThatThrownBy(() -> Timestamps.parse(JsonNodeFactory.instance.objectNode(), "time"))
        .isInstanceOf(BadRecordException.class)
        .hasMessageContaining("field 'time'");
  }
}
