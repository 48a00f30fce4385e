package io.strata.kinesis;

import io.strata.api.error.InvalidInputException;
import io.strata.api.spec.SupervisorSpec;
import io.strata.api.spec.TaskSpec;
import io.strata.api.spec.stream.KinesisIoConfig;
import io.strata.api.spec.stream.KinesisTaskIoConfig;
import io.strata.ingest.TaskRunner;
import io.strata.metadata.MetadataStore;
import io.strata.stream.SeekableStreamSupervisor;
import io.strata.stream.StreamPositions;
import io.strata.stream.StreamingTask;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Druid's Kinesis supervisor: the stream's shards go to {@code taskCount} groups (by the number in the shard id,
 * modulo the count), each read by one {@code index_kinesis} task; the supervising itself is the
 * {@link SeekableStreamSupervisor}'s. Kinesis cannot tell a shard's newest sequence number without reading it, so
 * the status has no {@code latestOffsets}, and lag is time: each reading task's milliseconds behind the newest record
 * per shard ({@code minimumLagMillis}, {@code aggregateLagMillis}), as in Druid.
 */
final class KinesisSupervisor extends SeekableStreamSupervisor {
  private final SupervisorSpec.Kinesis spec;
  private final KinesisIoConfig io;
  private KinesisClient client;

  KinesisSupervisor(SupervisorSpec.Kinesis spec, TaskRunner tasks, MetadataStore store) {
    super(spec, spec.spec().ioConfig(), tasks, store);
    this.spec = spec;
    this.io = spec.spec().ioConfig();
  }

  @Override
  protected StreamView discover() {
    if (client == null) {
      client = KinesisClients.create(io.endpoint());
    }
    List<String> shards;
    try {
      shards = KinesisStreamReader.listShards(client, io.stream());
    } catch (ResourceNotFoundException e) {
      throw new IllegalStateException("Kinesis stream [" + io.stream() + "] does not exist at [" + io.endpoint() + "]");
    }
    if (shards.isEmpty()) {
      throw new IllegalStateException("Kinesis stream [" + io.stream() + "] has no shards");
    }
    return new StreamView(shards, Map.of(), Map.of());
  }

  /** The oldest record ({@code TRIM_HORIZON}), or the records arriving from now on, pinned to this time. */
  @Override
  protected Map<String, String> edgePositions(List<String> partitions, boolean earliest) {
    String edge = earliest ? KinesisTaskIoConfig.TRIM_HORIZON
        : KinesisPositions.timestampMarker(System.currentTimeMillis());
    Map<String, String> out = new HashMap<>();
    partitions.forEach(p -> out.put(p, edge));
    return out;
  }

  @Override
  protected int groupOf(String partition, int taskCount) {
    int dash = partition.lastIndexOf('-');
    String digits = dash < 0 ? "" : partition.substring(dash + 1);
    if (StreamPositions.isNumber(digits) && digits.length() < 18) {
      return (int) (Long.parseLong(digits) % taskCount);
    }
    return Math.floorMod(partition.hashCode(), taskCount);
  }

  @Override
  protected String taskType() {
    return "index_kinesis";
  }

  @Override
  protected TaskSpec taskSpec(int group, String taskId, String baseName, Map<String, String> starts,
                              String minimumMessageTime, String maximumMessageTime, Map<String, Object> context) {
    Map<String, String> ends = new TreeMap<>();
    List<String> exclusive = new ArrayList<>();
    starts.forEach((shard, at) -> {
      ends.put(shard, KinesisTaskIoConfig.NO_END);
      if (StreamPositions.isNumber(at)) {
        exclusive.add(shard); // a committed sequence number was read: go on after it
      }
    });
    KinesisTaskIoConfig taskIo = new KinesisTaskIoConfig("kinesis", group, baseName,
        new KinesisTaskIoConfig.SequenceNumbers("start", io.stream(), starts, exclusive),
        new KinesisTaskIoConfig.SequenceNumbers("end", io.stream(), ends, null), true, minimumMessageTime,
        maximumMessageTime, io.inputFormat(), io.endpoint(), io.fetchDelayMillis(), io.recordsPerFetch(),
        io.useEarliestSequenceNumber(), null, null);
    return new TaskSpec.KinesisIndexTask("index_kinesis", taskId, spec.spec().dataSchema(),
        spec.spec().tuningConfig(), taskIo, context);
  }

  /** Milliseconds behind the newest record, per shard a reading task has read. */
  @Override
  protected Map<String, Long> partitionLag(Map<String, String> positions, Map<String, String> latest,
                                           Map<String, String> earliest, List<StreamingTask> readingTasks) {
    Map<String, Long> out = new HashMap<>();
    readingTasks.forEach(t -> out.putAll(t.lagMillis()));
    return out;
  }

  @Override
  protected Map<String, Long> taskLag(StreamingTask task, Map<String, String> latest) {
    return new TreeMap<>(task.lagMillis());
  }

  @Override
  protected String[] lagFields() {
    return new String[] {"minimumLagMillis", "aggregateLagMillis"};
  }

  @Override
  protected Object positionJson(String position) {
    return position;
  }

  @Override
  protected void checkPosition(String partition, String position) {
    if (!KinesisPositions.isValid(position) || position.startsWith(KinesisTaskIoConfig.AT_SEQUENCE_NUMBER)) {
      throw new InvalidInputException("partitionOffsetMap", "position [" + position + "] of shard [" + partition
          + "] is not a Kinesis sequence number (or " + KinesisTaskIoConfig.TRIM_HORIZON + ")");
    }
  }

  @Override
  protected void closeStream() {
    if (client != null) {
      try {
        client.close();
      } catch (RuntimeException ignored) {
        // the next run makes a new one
      }
      client = null;
    }
  }
}
