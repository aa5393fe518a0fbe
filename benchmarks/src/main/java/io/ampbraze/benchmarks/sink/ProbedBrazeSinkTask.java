package io.ampbraze.benchmarks.sink;

import java.util.Map;

import io.ampbraze.connect.braze.BrazeSinkTask;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The sink task with one addition for measuring acknowledgement latency: {@link #probe} asks
 * {@code preCommit} which offsets are acknowledged without the flush that a real commit does,
 * so probing often does not send partial batches early. Without that flush preCommit only reads:
 * the task releases finished records as they finish, whatever calls it, so a probed run sends
 * what an unprobed one does. Only the steady-load scenario probes by default (the backlog runs
 * with {@code --probe-backlog-ms}).
 */
public final class ProbedBrazeSinkTask extends BrazeSinkTask {
  private boolean probing;

  /** The offsets preCommit would return now, without flushing. Call on the task's thread. */
  Map<TopicPartition, OffsetAndMetadata> probe(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    probing = true;
    try {
      return preCommit(currentOffsets);
    } finally {
      probing = false;
    }
  }

  @Override
  public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    if (!probing) {
      super.flush(currentOffsets);
    }
  }
}
