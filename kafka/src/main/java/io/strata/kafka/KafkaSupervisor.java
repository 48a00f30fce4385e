package io.strata.kafka;

import io.strata.api.error.InvalidInputException;
import io.strata.api.spec.SupervisorSpec;
import io.strata.api.spec.TaskSpec;
import io.strata.api.spec.stream.KafkaIoConfig;
import io.strata.api.spec.stream.KafkaTaskIoConfig;
import io.strata.ingest.TaskRunner;
import io.strata.metadata.MetadataStore;
import io.strata.stream.SeekableStreamSupervisor;
import io.strata.stream.StreamPositions;
import io.strata.stream.StreamingTask;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Druid's Kafka supervisor: the topic's partitions (or those of every topic {@code topicPattern} matches) go to
 * {@code taskCount} groups by partition number modulo the count, each read by one {@code index_kafka} task; the
 * supervising itself is the {@link SeekableStreamSupervisor}'s. Lag is in records: the partition's end offset minus
 * where reading is.
 */
final class KafkaSupervisor extends SeekableStreamSupervisor {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaSupervisor.class);

  private final SupervisorSpec.Kafka spec;
  private final KafkaIoConfig io;
  /** How long a call to the brokers may take: the consumer's {@code default.api.timeout.ms}, else 10 s. */
  private final Duration streamTimeout;
  private KafkaConsumer<byte[], byte[]> consumer;

  KafkaSupervisor(SupervisorSpec.Kafka spec, TaskRunner tasks, MetadataStore store) {
    super(spec, spec.spec().ioConfig(), tasks, store);
    this.spec = spec;
    this.io = spec.spec().ioConfig();
    Object timeout = io.consumerProperties().get("default.api.timeout.ms");
    long timeoutMillis = 10_000;
    try {
      timeoutMillis = timeout == null ? timeoutMillis : Long.parseLong(String.valueOf(timeout).trim());
    } catch (NumberFormatException e) {
      LOG.warn("Supervisor [{}]: default.api.timeout.ms [{}] is not a number; using 10 s", spec.id(), timeout);
    }
    this.streamTimeout = Duration.ofMillis(timeoutMillis);
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    if (consumer == null) {
      consumer = new KafkaConsumer<>(KafkaStreamReader.consumerConfig(io.consumerProperties()),
          new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
    return consumer;
  }

  @Override
  protected StreamView discover() {
    KafkaConsumer<byte[], byte[]> consumer = consumer();
    List<PartitionInfo> infos = new ArrayList<>();
    if (io.multiTopic()) {
      // Whole names only, as Druid matches them: "metrics-.*" takes "metrics-a", never "my-metrics-a".
      java.util.regex.Pattern pattern = io.topicRegex();
      consumer.listTopics(streamTimeout).forEach((name, parts) -> {
        if (pattern.matcher(name).matches()) {
          infos.addAll(parts);
        }
      });
      if (infos.isEmpty()) {
        throw new IllegalStateException("no topic matches topicPattern [" + io.topicPattern() + "]");
      }
    } else {
      List<PartitionInfo> found = consumer.partitionsFor(io.topic(), streamTimeout);
      if (found == null || found.isEmpty()) {
        throw new IllegalStateException("topic [" + io.topic() + "] does not exist or has no partitions");
      }
      infos.addAll(found);
    }
    List<String> keys = new ArrayList<>();
    List<TopicPartition> tps = new ArrayList<>();
    for (PartitionInfo i : infos) {
      TopicPartition tp = new TopicPartition(i.topic(), i.partition());
      keys.add(KafkaPartitionKeys.key(tp, io.multiTopic()));
      tps.add(tp);
    }
    // Assigned (never polled) so that the client keeps the offsets it fetches instead of warning at every look.
    if (!consumer.assignment().equals(new java.util.HashSet<>(tps))) {
      consumer.assign(tps);
    }
    Map<String, String> latest = keyed(consumer.endOffsets(tps, streamTimeout));
    // Partitions nothing has read yet start at their earliest record: their whole backlog is lag.
    Map<String, String> earliest = io.useEarliestOffset() ? keyed(consumer.beginningOffsets(tps, streamTimeout))
        : Map.of();
    return new StreamView(keys, latest, earliest);
  }

  private Map<String, String> keyed(Map<TopicPartition, Long> offsets) {
    Map<String, String> out = new HashMap<>();
    offsets.forEach((tp, o) -> out.put(KafkaPartitionKeys.key(tp, io.multiTopic()), Long.toString(o)));
    return out;
  }

  @Override
  protected Map<String, String> edgePositions(List<String> partitions, boolean earliest) {
    List<TopicPartition> tps = new ArrayList<>();
    partitions.forEach(p -> tps.add(KafkaPartitionKeys.partition(p, io.topic())));
    return keyed(earliest ? consumer().beginningOffsets(tps, streamTimeout)
        : consumer().endOffsets(tps, streamTimeout));
  }

  @Override
  protected int groupOf(String partition, int taskCount) {
    return KafkaPartitionKeys.group(partition, taskCount);
  }

  @Override
  protected String taskType() {
    return "index_kafka";
  }

  @Override
  protected TaskSpec taskSpec(int group, String taskId, String baseName, Map<String, String> starts,
                              String minimumMessageTime, String maximumMessageTime, Map<String, Object> context) {
    Map<String, Long> startOffsets = new TreeMap<>();
    Map<String, Long> ends = new TreeMap<>();
    starts.forEach((p, o) -> {
      startOffsets.put(p, Long.parseLong(o));
      ends.put(p, Long.MAX_VALUE);
    });
    KafkaTaskIoConfig taskIo = new KafkaTaskIoConfig("kafka", group, baseName,
        new KafkaTaskIoConfig.SequenceNumbers("start", io.stream(), startOffsets, List.of()),
        new KafkaTaskIoConfig.SequenceNumbers("end", io.stream(), ends, null), io.consumerProperties(),
        io.pollTimeout(), true, minimumMessageTime, maximumMessageTime, io.inputFormat(), io.useEarliestOffset());
    return new TaskSpec.KafkaIndexTask("index_kafka", taskId, spec.spec().dataSchema(),
        spec.spec().tuningConfig(), taskIo, context);
  }

  /**
   * Per partition, records in the topic not yet read by the reading task (or not yet committed); a partition with
   * neither is all lag from its earliest record with useEarliestOffset, none with the latest.
   */
  @Override
  protected Map<String, Long> partitionLag(Map<String, String> positions, Map<String, String> latest,
                                           Map<String, String> earliest, List<StreamingTask> readingTasks) {
    Map<String, Long> out = new HashMap<>();
    latest.forEach((p, end) -> {
      String at = positions.getOrDefault(p, earliest.getOrDefault(p, end));
      out.put(p, Math.max(0, Long.parseLong(end) - Long.parseLong(at)));
    });
    return out;
  }

  @Override
  protected Map<String, Long> taskLag(StreamingTask task, Map<String, String> latest) {
    Map<String, Long> lag = new TreeMap<>();
    task.currentPositions().forEach((p, at) -> {
      String end = latest.get(p);
      if (end != null) {
        lag.put(p, Math.max(0, Long.parseLong(end) - Long.parseLong(at)));
      }
    });
    return lag;
  }

  @Override
  protected Object positionJson(String position) {
    return Long.parseLong(position);
  }

  @Override
  protected void checkPosition(String partition, String position) {
    if (!StreamPositions.isNumber(position) || position.length() > 18) {
      throw new InvalidInputException("partitionOffsetMap", "offset [" + position
          + "] of partition [" + partition + "] is not a Kafka offset (a whole number, 0 or more)");
    }
  }

  @Override
  protected void closeStream() {
    if (consumer != null) {
      try {
        consumer.close(Duration.ofSeconds(2));
      } catch (RuntimeException ignored) {
        // nothing to do: the next run makes a new one
      }
      consumer = null;
    }
  }
}
