package io.ampbraze.connect.currents.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;

import org.junit.jupiter.api.Test;

/** The contract of the stores that send requests, counted at the transport. */
abstract class RemoteStorageContract extends StorageContract {
  @Test
  void oneCallIsOneRequest() throws Exception {
    try (CurrentsStorage s = storage(1000)) {
      long before = requests();
      s.listFolders(INTEGRATION, null);
      assertThat(requests() - before).isEqualTo(1);
      s.listFiles("currents/", null);
      assertThat(requests() - before).isEqualTo(2);
      try (InputStream in = s.open("currents/readme.txt")) {
        in.readAllBytes();
      }
      // One GET for a small object on every store (Azure's first ranged GET brings it whole).
      assertThat(requests() - before).isEqualTo(3);
    }
  }
}
