package io.ampbraze.connect.currents.currents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CurrentsKeyTest {
  private static final String BRAZE_KEY =
      "currents/dataexport.prod-01.S3.integration.5f0c1e2d/event_type=users.behaviors.CustomEvent/"
          + "date=2024-03-05-07/312/0/dataexport.prod-01.S3.integration.5f0c1e2d+2+0000035465.avro";

  @Test
  void parsesBrazesDocumentedLayout() {
    CurrentsKey k = CurrentsKey.parse(BRAZE_KEY).orElseThrow();
    assertThat(k.integrationFolder())
        .isEqualTo("currents/dataexport.prod-01.S3.integration.5f0c1e2d/");
    assertThat(k.eventType()).isEqualTo("users.behaviors.CustomEvent");
    assertThat(k.hour().toString()).isEqualTo("2024-03-05-07");
    assertThat(k.schemaId()).contains(312);
    assertThat(k.fileName())
        .isEqualTo("dataexport.prod-01.S3.integration.5f0c1e2d+2+0000035465.avro");
    assertThat(k.integration())
        .contains(new CurrentsKey.Integration("prod-01", "S3", "5f0c1e2d"));
    assertThat(k.eventTypeFolder())
        .isEqualTo(
            "currents/dataexport.prod-01.S3.integration.5f0c1e2d/event_type=users.behaviors.CustomEvent/");
    assertThat(k.isDataFile()).isTrue();
  }

  @Test
  void emptyPrefixAndOtherConnections() {
    CurrentsKey k =
        CurrentsKey.parse(
                "dataexport.prod-04.AzureBlob.integration.x1/event_type=users.messages.email.Send/"
                    + "date=2025-12-31-23/3/zone-b/f.avro")
            .orElseThrow();
    assertThat(k.integrationFolder()).isEqualTo("dataexport.prod-04.AzureBlob.integration.x1/");
    assertThat(k.integration().orElseThrow().connectionType()).isEqualTo("AzureBlob");
    assertThat(k.hour().toString()).isEqualTo("2025-12-31-23");
  }

  @Test
  void integrationFolderWithAnUnexpectedNameIsKeptWithoutItsParts() {
    CurrentsKey k =
        CurrentsKey.parse("exports/my-integration/event_type=users.Foo/date=2024-01-01-00/1/0/a.avro")
            .orElseThrow();
    assertThat(k.integrationFolder()).isEqualTo("exports/my-integration/");
    assertThat(k.integration()).isEmpty();
    assertThat(k.eventType()).isEqualTo("users.Foo");
  }

  @Test
  void schemaIdAndZoneAreOptional() {
    CurrentsKey flat =
        CurrentsKey.parse("p/event_type=users.Foo/date=2024-01-01-00/only-a-name.avro").orElseThrow();
    assertThat(flat.schemaId()).isEmpty();
    assertThat(flat.fileName()).isEqualTo("only-a-name.avro");
    CurrentsKey odd =
        CurrentsKey.parse("p/event_type=users.Foo/date=2024-01-01-00/v2/0/x.avro").orElseThrow();
    assertThat(odd.schemaId()).isEmpty();
    CurrentsKey deep =
        CurrentsKey.parse("p/event_type=users.Foo/date=2024-01-01-00/7/a/b/c/x.avro").orElseThrow();
    assertThat(deep.schemaId()).contains(7);
    assertThat(deep.fileName()).isEqualTo("x.avro");
    CurrentsKey huge =
        CurrentsKey.parse("p/event_type=users.Foo/date=2024-01-01-00/99999999999/0/x.avro")
            .orElseThrow();
    assertThat(huge.schemaId()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "currents/",
        "currents/readme.txt",
        "currents/dataexport.prod-01.S3.integration.a/event_type=users.Foo/x.avro",
        "currents/event_type=users.Foo/date=2024-13-01-00/1/0/x.avro",
        "currents/event_type=users.Foo/date=2024-02-30-00/1/0/x.avro",
        "currents/event_type=users.Foo/date=2024-01-01-24/1/0/x.avro",
        "currents/event_type=users.Foo/date=2024-01-01/1/0/x.avro",
        "currents/event_type=/date=2024-01-01-00/1/0/x.avro",
        "currents/event_type=users Foo/date=2024-01-01-00/1/0/x.avro",
        "currents/event_type=users.Foo/date=2024-01-01-00/",
        "currents/date=2024-01-01-00/event_type=users.Foo/x.avro",
        "currents/event_type=users.Foo/date=2024-01-01-00"
      })
  void rejectsKeysOutsideTheLayout(String key) {
    assertThat(CurrentsKey.parse(key)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "p/event_type=users.Foo/date=2024-01-01-00/1/0/x.avro.tmp",
        "p/event_type=users.Foo/date=2024-01-01-00/1/0/_SUCCESS",
        "p/event_type=users.Foo/date=2024-01-01-00/1/0/.x.avro",
        "p/event_type=users.Foo/date=2024-01-01-00/1/0/notes.json"
      })
  void namesThatAreNotDataFilesParseButAreFlagged(String key) {
    Optional<CurrentsKey> k = CurrentsKey.parse(key);
    assertThat(k).isPresent();
    assertThat(k.get().isDataFile()).isFalse();
  }

  @Test
  void upperCaseExtensionIsADataFile() {
    assertThat(CurrentsKey.parse("p/event_type=a.B/date=2024-01-01-00/1/0/X.AVRO").orElseThrow().isDataFile())
        .isTrue();
  }

  @Test
  void eventTypeOfFolder() {
    assertThat(CurrentsKey.eventTypeOfFolder("a/b/event_type=users.behaviors.Purchase/"))
        .contains("users.behaviors.Purchase");
    assertThat(CurrentsKey.eventTypeOfFolder("event_type=x.Y")).contains("x.Y");
    assertThat(CurrentsKey.eventTypeOfFolder("a/date=2024-01-01-00/")).isEmpty();
    assertThat(CurrentsKey.eventTypeOfFolder("a/event_type=/")).isEmpty();
  }
}
