package io.ampbraze.connect.currents.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

import io.ampbraze.connect.currents.storage.CurrentsStorage;
import io.ampbraze.connect.currents.storage.ListPage;
import io.ampbraze.connect.currents.storage.StorageException;
import io.ampbraze.connect.currents.storage.StorageObject;

class SourceTaskMetricsTest {
  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

  @Test
  void registersUnderTheConnectorAndTaskAndUnregisters() throws Exception {
    SourceTaskMetrics m = new SourceTaskMetrics();
    m.register("my-source", 2);
    ObjectName name =
        new ObjectName("io.ampbraze.connect.currents:type=source-task-metrics,connector=my-source,task=2");
    try {
      m.recordEmitted();
      m.recordEmitted();
      m.fileSkipped("a/b.avro", "truncated");
      m.pending(3, 1234);
      assertThat(server.getAttribute(name, "RecordsEmitted")).isEqualTo(2L);
      assertThat(server.getAttribute(name, "FilesSkipped")).isEqualTo(1L);
      assertThat(server.getAttribute(name, "LastCorruptFile")).isEqualTo("a/b.avro: truncated");
      assertThat(server.getAttribute(name, "PendingFiles")).isEqualTo(3L);
      assertThat(server.getAttribute(name, "OldestPendingFileAgeMs")).isEqualTo(1234L);
    } finally {
      m.unregister();
    }
    assertThat(server.isRegistered(name)).isFalse();
  }

  @Test
  void aRestartedTaskReplacesItsLeftoverRegistration() {
    SourceTaskMetrics old = new SourceTaskMetrics();
    old.register("restarted", 0);
    SourceTaskMetrics fresh = new SourceTaskMetrics();
    fresh.register("restarted", 0);
    try {
      fresh.recordRead();
      assertThat(server.isRegistered(SourceTaskMetrics.objectName("restarted", 0))).isTrue();
    } finally {
      fresh.unregister();
    }
  }

  @Test
  void oddConnectorNamesAreQuoted() {
    ObjectName n = SourceTaskMetrics.objectName("a,b=c:d", 1);
    assertThat(n.getKeyProperty("connector")).isEqualTo("\"a,b=c:d\"");
  }

  private static final class StubStore implements CurrentsStorage {
    boolean fail;

    @Override
    public ListPage<String> listFolders(String prefix, String pageToken) throws StorageException {
      if (fail) {
        throw new StorageException(StorageException.Kind.UNAVAILABLE, "down", null);
      }
      return new ListPage<>(List.of("x/"), null);
    }

    @Override
    public ListPage<StorageObject> listFiles(String prefix, String pageToken) {
      return new ListPage<>(
          List.of(new StorageObject("a", 1, Instant.EPOCH), new StorageObject("b", 1, Instant.EPOCH)),
          null);
    }

    @Override
    public InputStream open(String key) throws StorageException {
      if (key.equals("missing")) {
        throw new StorageException(StorageException.Kind.NOT_FOUND, "gone", null);
      }
      return new ByteArrayInputStream(new byte[100]);
    }

    @Override
    public String describe() {
      return "stub://";
    }

    @Override
    public void close() {}
  }

  @Test
  void meteredStorageCountsCallsBytesAndErrors() throws Exception {
    SourceTaskMetrics m = new SourceTaskMetrics();
    StubStore stub = new StubStore();
    MeteredStorage s = new MeteredStorage(stub, m);
    s.listFolders("", null);
    s.listFiles("", null);
    try (InputStream in = s.open("k")) {
      in.read();
      in.read(new byte[60], 0, 60);
      in.skip(10);
      while (in.read() >= 0) {
        // drain
      }
    }
    stub.fail = true;
    assertThatThrownBy(() -> s.listFolders("", null)).isInstanceOf(StorageException.class);
    assertThatThrownBy(() -> s.open("missing")).isInstanceOf(StorageException.class);
    assertThat(m.getListCalls()).isEqualTo(3);
    assertThat(m.getFilesListed()).isEqualTo(2);
    assertThat(m.getReadCalls()).isEqualTo(2);
    assertThat(m.getBytesRead()).isEqualTo(100);
    assertThat(m.getStorageErrors()).isEqualTo(1); // a missing object is not a store failure
    assertThat(m.getLastStorageError()).isEqualTo("down");
    assertThat(s.describe()).isEqualTo("stub://");
  }
}
