package io.strata.kafka;

import io.strata.api.spec.TaskSpec;
import io.strata.api.spec.stream.KafkaTaskIoConfig;
import io.strata.ingest.TaskEnvironment;
import io.strata.ingest.TaskRecords;
import io.strata.ingest.Versions;
import io.strata.stream.RealtimeAnnouncer;
import io.strata.stream.StreamReader;
import io.strata.stream.StreamingTask;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Druid's {@code index_kafka} task: a {@link StreamingTask} over Kafka partitions, from its
 * {@code startSequenceNumbers} to its {@code endSequenceNumbers} (Long.MAX_VALUE: until its supervisor stops it).
 */
public final class KafkaIndexTask extends StreamingTask {
  private final KafkaTaskIoConfig io;
  private final boolean resetOffsetAutomatically;

  KafkaIndexTask(String id, TaskSpec.KafkaIndexTask spec, TaskEnvironment env, long createdMillis,
                 TaskRecords records, RealtimeAnnouncer announcer) {
    super(id, spec, createdMillis, spec.dataSchema(), spec.tuningConfig(), spec.ioConfig().inputFormat(),
        spec.ioConfig().startSequenceNumbers().stream(), starts(spec.ioConfig()), ends(spec.ioConfig()),
        epochMillis(spec.ioConfig().minimumMessageTime()), epochMillis(spec.ioConfig().maximumMessageTime()),
        Duration.ofMillis(spec.ioConfig().pollTimeout()), env, records, announcer);
    this.io = spec.ioConfig();
    this.resetOffsetAutomatically = spec.tuningConfig().resetOffsetAutomatically();
  }

  private static Map<String, String> starts(KafkaTaskIoConfig io) {
    Map<String, String> out = new TreeMap<>();
    io.startSequenceNumbers().partitionSequenceNumberMap().forEach((p, o) -> out.put(p, o == null ? null : Long.toString(o)));
    return out;
  }

  /** The end offsets; Long.MAX_VALUE (no end) is left out. */
  private static Map<String, String> ends(KafkaTaskIoConfig io) {
    Map<String, String> out = new TreeMap<>();
    io.endSequenceNumbers().partitionSequenceNumberMap().forEach((p, o) -> {
      if (o != Long.MAX_VALUE) {
        out.put(p, Long.toString(o));
      }
    });
    return out;
  }

  @Override
  protected StreamReader openReader() {
    return new KafkaStreamReader(io.startSequenceNumbers().stream(), io.consumerProperties(), io.useEarliestOffset(),
        resetOffsetAutomatically);
  }

  @Override
  protected io.strata.stream.DeadLetter openDeadLetter() {
    if ("kafka".equals(spec().tuningConfig().deadLetter().type())) {
      return new KafkaDeadLetter(io.consumerProperties(),
          spec().tuningConfig().deadLetter().topicFor(dataSource()), dataSource(), id());
    }
    return super.openDeadLetter();
  }

  @Override
  public TaskSpec.KafkaIndexTask spec() {
    return (TaskSpec.KafkaIndexTask) super.spec();
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
