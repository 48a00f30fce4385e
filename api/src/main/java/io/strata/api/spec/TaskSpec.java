package io.strata.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.strata.api.error.InvalidInputException;
import io.strata.api.query.Specs;
import io.strata.api.time.DateTimes;
import io.strata.api.time.Interval;

import java.time.DateTimeException;
import java.util.List;
import java.util.Map;

/**
 * A task submitted to {@code POST /druid/indexer/v1/task}. Task types, all in one place: {@code index} and
 * {@code index_parallel} (native batch), {@code kill} (permanent deletion of unused segments), {@code index_kafka}
 * (reading Kafka partitions; started by a Kafka supervisor, or submitted with finite end offsets), {@code index_kinesis}
 * (reading Kinesis shards; started by a Kinesis supervisor),
 * {@code index_realtime} (a realtime spec: pushed events, or a Kafka firehose).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type",
    visible = true)
@JsonSubTypes({
    @JsonSubTypes.Type(value = TaskSpec.IndexTask.class, names = {"index", "index_parallel"}),
    @JsonSubTypes.Type(value = TaskSpec.KillTask.class, name = "kill"),
    @JsonSubTypes.Type(value = TaskSpec.KafkaIndexTask.class, name = "index_kafka"),
    @JsonSubTypes.Type(value = TaskSpec.KinesisIndexTask.class, name = "index_kinesis"),
    @JsonSubTypes.Type(value = TaskSpec.RealtimeIndexTask.class, name = "index_realtime"),
})
public sealed interface TaskSpec {
  String type();

  /** The id the user asked for, or null to have one generated. */
  String id();

  String dataSource();

  /** Native batch: {@code {"type":"index_parallel","id":...,"spec":{dataSchema, ioConfig, tuningConfig}}}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record IndexTask(@JsonProperty("type") String type, @JsonProperty("id") String id,
                   @JsonProperty("spec") IngestionSpec spec,
                   @JsonProperty("context") Map<String, Object> context) implements TaskSpec {
    public IndexTask {
      Specs.required(spec, "spec", "the ingestion spec: {dataSchema, ioConfig, tuningConfig}");
      context = Specs.mapOrEmpty(context);
    }

    @Override
    public String dataSource() {
      return spec.dataSchema().dataSource();
    }
  }

  /**
   * Druid's {@code kill} task: deletes, from the metadata store and from deep storage, the unused segments lying
   * entirely within {@code interval}. Used segments are never touched; mark them unused first.
   *
   * @param versions                     only segments of these versions (null: any)
   * @param batchSize                    segments deleted per metadata transaction (default 100)
   * @param limit                        at most this many segments in all (null: no limit)
   * @param maxUsedStatusLastUpdatedTime only segments that became unused no later than this (null: any)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record KillTask(@JsonProperty("type") String type, @JsonProperty("id") String id,
                  @JsonProperty("dataSource") String dataSource,
                  @JsonProperty("interval") Interval interval,
                  @JsonProperty("versions") List<String> versions,
                  @JsonProperty("batchSize") Integer batchSize, @JsonProperty("limit") Integer limit,
                  @JsonProperty("maxUsedStatusLastUpdatedTime") String maxUsedStatusLastUpdatedTime,
                  @JsonProperty("markAsUnused") Boolean markAsUnused,
                  @JsonProperty("context") Map<String, Object> context) implements TaskSpec {
    public static final int DEFAULT_BATCH_SIZE = 100;

    public KillTask {
      Specs.required(dataSource, "dataSource", "the datasource whose unused segments to delete");
      Identifiers.dataSource(dataSource, "dataSource");
      Specs.required(interval, "interval", "the interval whose unused segments to delete, for example "
          + "\"2013-08-31/2013-09-01\"");
      versions = versions == null ? null : List.copyOf(versions);
      batchSize = Specs.orDefault(batchSize, DEFAULT_BATCH_SIZE);
      if (batchSize < 1) {
        throw new InvalidInputException("batchSize", "Invalid value for field [batchSize]: "
            + "must be at least 1, got " + batchSize);
      }
      if (limit != null && limit < 1) {
        throw new InvalidInputException("limit", "Invalid value for field [limit]: must be at "
            + "least 1, got " + limit);
      }
      if (maxUsedStatusLastUpdatedTime != null) {
        try {
          DateTimes.parseIso(maxUsedStatusLastUpdatedTime);
        } catch (DateTimeException e) {
          throw new InvalidInputException("maxUsedStatusLastUpdatedTime", "Invalid value for "
              + "field [maxUsedStatusLastUpdatedTime]: [" + maxUsedStatusLastUpdatedTime
              + "] is not an ISO-8601 time");
        }
      }
      if (Boolean.TRUE.equals(markAsUnused)) {
        throw new InvalidInputException("markAsUnused", "markAsUnused is not supported (Druid "
            + "removed it in version 31): mark the segments unused first, with POST "
            + "/druid/coordinator/v1/datasources/{dataSource}/markUnused, then kill them");
      }
      context = Specs.mapOrEmpty(context);
    }

    /** {@link #maxUsedStatusLastUpdatedTime} in epoch millis, or null. */
    public Long maxUsedStatusLastUpdatedMillis() {
      return maxUsedStatusLastUpdatedTime == null ? null
          : DateTimes.parseIso(maxUsedStatusLastUpdatedTime);
    }
  }

  /** Druid's {@code index_kafka} task: reads Kafka partitions into real-time sinks and publishes with the offsets. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record KafkaIndexTask(@JsonProperty("type") String type, @JsonProperty("id") String id,
                        @JsonProperty("dataSchema") DataSchema dataSchema,
                        @JsonProperty("tuningConfig") io.strata.api.spec.stream.StreamTuningConfig tuningConfig,
                        @JsonProperty("ioConfig") io.strata.api.spec.stream.KafkaTaskIoConfig ioConfig,
                        @JsonProperty("context") Map<String, Object> context) implements TaskSpec {
    public KafkaIndexTask {
      Specs.required(dataSchema, "dataSchema", "what to ingest");
      Specs.required(ioConfig, "ioConfig", "the partitions to read");
      tuningConfig = Specs.orDefault(tuningConfig, io.strata.api.spec.stream.StreamTuningConfig.defaults("kafka"));
      context = Specs.mapOrEmpty(context);
    }

    @Override
    public String dataSource() {
      return dataSchema.dataSource();
    }
  }

  /** Druid's {@code index_kinesis} task: reads Kinesis shards into real-time sinks and publishes with the positions. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record KinesisIndexTask(@JsonProperty("type") String type, @JsonProperty("id") String id,
                          @JsonProperty("dataSchema") DataSchema dataSchema,
                          @JsonProperty("tuningConfig") io.strata.api.spec.stream.StreamTuningConfig tuningConfig,
                          @JsonProperty("ioConfig") io.strata.api.spec.stream.KinesisTaskIoConfig ioConfig,
                          @JsonProperty("context") Map<String, Object> context) implements TaskSpec {
    public KinesisIndexTask {
      Specs.required(dataSchema, "dataSchema", "what to ingest");
      Specs.required(ioConfig, "ioConfig", "the shards to read");
      tuningConfig = Specs.orDefault(tuningConfig,
          io.strata.api.spec.stream.StreamTuningConfig.defaults("kinesis"));
      context = Specs.mapOrEmpty(context);
    }

    @Override
    public String dataSource() {
      return dataSchema.dataSource();
    }
  }

  /**
   * Druid's {@code index_realtime} task: one realtime spec run as a task, typically with a {@code receiver}
   * firehose that Tranquility pushes events to.
   *
   * @param resource {@code {"availabilityGroup":...,"requiredCapacity":1}}: tasks of one availability group are
   *                 replicas of one shard, and each of its time chunks is published once
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record RealtimeIndexTask(@JsonProperty("type") String type, @JsonProperty("id") String id,
                           @JsonProperty("resource") Map<String, Object> resource,
                           @JsonProperty("spec") RealtimeSpec spec,
                           @JsonProperty("context") Map<String, Object> context) implements TaskSpec {
    public RealtimeIndexTask {
      Specs.required(spec, "spec", "the realtime spec: {dataSchema, ioConfig, tuningConfig}");
      resource = Specs.mapOrEmpty(resource);
      Object group = resource.get("availabilityGroup");
      if (group != null && !(group instanceof String)) {
        throw new InvalidInputException("resource.availabilityGroup", "Invalid value for field "
            + "[resource.availabilityGroup]: expected a string");
      }
      context = Specs.mapOrEmpty(context);
    }

    @Override
    public String dataSource() {
      return spec.dataSchema().dataSource();
    }

    /** The replica group, or null when the task has no replicas. */
    public String availabilityGroup() {
      return (String) resource.get("availabilityGroup");
    }
  }
}
