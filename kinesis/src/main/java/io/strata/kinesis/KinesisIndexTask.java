package io.strata.kinesis;

import io.strata.api.spec.TaskSpec;
import io.strata.api.spec.stream.KinesisTaskIoConfig;
import io.strata.ingest.TaskEnvironment;
import io.strata.ingest.TaskRecords;
import io.strata.ingest.Versions;
import io.strata.stream.RealtimeAnnouncer;
import io.strata.stream.StreamReader;
import io.strata.stream.StreamingTask;

import java.time.Duration;
import java.util.Map;

/**
 * Druid's {@code index_kinesis} task: a {@link StreamingTask} over Kinesis shards, from its
 * {@code startSequenceNumbers} until its supervisor stops it; what it publishes carries the sequence number of the
 * last record read in each shard.
 */
public final class KinesisIndexTask extends StreamingTask {
  /** How long one poll of the shards waits for records before the task checks persists and hand-offs. */
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
  private final KinesisTaskIoConfig io;

  KinesisIndexTask(String id, TaskSpec.KinesisIndexTask spec, TaskEnvironment env, long createdMillis,
                   TaskRecords records, RealtimeAnnouncer announcer) {
    super(id, spec, createdMillis, spec.dataSchema(), spec.tuningConfig(), spec.ioConfig().inputFormat(),
        spec.ioConfig().startSequenceNumbers().stream(), spec.ioConfig().startPositions(), Map.of(),
        epochMillis(spec.ioConfig().minimumMessageTime()), epochMillis(spec.ioConfig().maximumMessageTime()),
        POLL_TIMEOUT, env, records, announcer);
    this.io = spec.ioConfig();
  }

  @Override
  protected StreamReader openReader() {
    return new KinesisStreamReader(KinesisClients.create(io.endpoint()), io.startSequenceNumbers().stream(),
        io.useEarliestSequenceNumber(), io.fetchDelayMillis(), io.recordsPerFetch());
  }

  @Override
  public TaskSpec.KinesisIndexTask spec() {
    return (TaskSpec.KinesisIndexTask) super.spec();
  }

  @Override
  protected String replicaSequence() {
    return replicaSequence(spec().context(), io.baseSequenceName());
  }

  @Override
  protected String nextVersion() {
    return Versions.next(System.currentTimeMillis());
  }
}
