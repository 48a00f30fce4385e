package io.strata.api.spec.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.strata.api.error.InvalidInputException;
import io.strata.api.query.Specs;
import io.strata.api.spec.InputFormatSpec;

import java.util.Map;

/**
 * {@code ioConfig} of an {@code index_kafka} task, in Druid's form: the partitions it reads, from
 * {@code startSequenceNumbers} up to (not including) {@code endSequenceNumbers} (Long.MAX_VALUE: until its
 * supervisor stops it), with the consumer settings and input format of its supervisor.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KafkaTaskIoConfig(@JsonProperty("type") String type,
                                @JsonProperty("taskGroupId") Integer taskGroupId,
                                @JsonProperty("baseSequenceName") String baseSequenceName,
                                @JsonProperty("startSequenceNumbers") SequenceNumbers startSequenceNumbers,
                                @JsonProperty("endSequenceNumbers") SequenceNumbers endSequenceNumbers,
                                @JsonProperty("consumerProperties") Map<String, Object> consumerProperties,
                                @JsonProperty("pollTimeout") Long pollTimeout,
                                @JsonProperty("useTransaction") Boolean useTransaction,
                                @JsonProperty("minimumMessageTime") String minimumMessageTime,
                                @JsonProperty("maximumMessageTime") String maximumMessageTime,
                                @JsonProperty("inputFormat") InputFormatSpec inputFormat,
                                @JsonProperty("useEarliestOffset") Boolean useEarliestOffset) {
  public KafkaTaskIoConfig {
    if (type != null && !type.equals("kafka")) {
      throw new InvalidInputException("ioConfig.type", "Unknown type [" + type + "] at [ioConfig.type] of an "
          + "index_kafka task; known types: kafka");
    }
    Specs.required(startSequenceNumbers, "startSequenceNumbers", "the partitions to read and where to start");
    Specs.required(endSequenceNumbers, "endSequenceNumbers", "where to stop in each partition");
    TaskSequences.checkMatching(startSequenceNumbers.stream(),
        startSequenceNumbers.partitionSequenceNumberMap().keySet(), endSequenceNumbers.stream(),
        endSequenceNumbers.partitionSequenceNumberMap().keySet(), "partitions");
    Specs.required(consumerProperties, "consumerProperties", "Kafka consumer settings, with \"bootstrap.servers\"");
    if (!(consumerProperties.get("bootstrap.servers") instanceof String)) {
      throw new InvalidInputException("consumerProperties", "Missing required field "
          + "[consumerProperties.bootstrap.servers]");
    }
    consumerProperties = Map.copyOf(consumerProperties);
    pollTimeout = Specs.orDefault(pollTimeout, 100L);
    useTransaction = Specs.orDefault(useTransaction, true);
    if (!useTransaction) {
      throw new InvalidInputException("useTransaction", "useTransaction false (publishing without committing the "
          + "offsets with the segments) is not supported: Strata is always exactly-once");
    }
    Specs.required(inputFormat, "inputFormat", "how to read the messages");
    useEarliestOffset = Specs.orDefault(useEarliestOffset, false);
  }

  /**
   * Druid's {@code SeekableStreamStart/EndSequenceNumbers}: {@code {"type":"start"|"end","stream":...,
   * "partitionSequenceNumberMap":{"0":123}}}.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SequenceNumbers(@JsonProperty("type") String type, @JsonProperty("stream") String stream,
                                @JsonProperty("partitionSequenceNumberMap") Map<String, Long> partitionSequenceNumberMap,
                                @JsonProperty("exclusivePartitions") java.util.List<String> exclusivePartitions) {
    public SequenceNumbers {
      Specs.required(stream, "stream", "the topic");
      partitionSequenceNumberMap = partitionSequenceNumberMap == null ? Map.of()
          : Map.copyOf(new java.util.TreeMap<>(partitionSequenceNumberMap));
      if (partitionSequenceNumberMap.isEmpty()) {
        throw new InvalidInputException("partitionSequenceNumberMap", "name at least one partition");
      }
      exclusivePartitions = exclusivePartitions == null ? java.util.List.of() : java.util.List.copyOf(exclusivePartitions);
    }
  }
}
