package io.strata.api.spec.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.strata.api.error.InvalidInputException;
import io.strata.api.query.Specs;
import io.strata.api.spec.InputFormatSpec;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code ioConfig} of an {@code index_kinesis} task, in Druid's form: the shards it reads from
 * {@code startSequenceNumbers} (a shard in {@code exclusivePartitions} starts after its sequence number, any other at
 * it; or a start marker: {@code TRIM_HORIZON}, the shard's oldest record, {@code AT_TIMESTAMP:<epoch ms>}, records
 * that arrived from then on) until its supervisor stops it ({@code endSequenceNumbers} all
 * {@code NO_END_SEQUENCE_NUMBER}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KinesisTaskIoConfig(@JsonProperty("type") String type,
                                  @JsonProperty("taskGroupId") Integer taskGroupId,
                                  @JsonProperty("baseSequenceName") String baseSequenceName,
                                  @JsonProperty("startSequenceNumbers") SequenceNumbers startSequenceNumbers,
                                  @JsonProperty("endSequenceNumbers") SequenceNumbers endSequenceNumbers,
                                  @JsonProperty("useTransaction") Boolean useTransaction,
                                  @JsonProperty("minimumMessageTime") String minimumMessageTime,
                                  @JsonProperty("maximumMessageTime") String maximumMessageTime,
                                  @JsonProperty("inputFormat") InputFormatSpec inputFormat,
                                  @JsonProperty("endpoint") String endpoint,
                                  @JsonProperty("fetchDelayMillis") Integer fetchDelayMillis,
                                  @JsonProperty("recordsPerFetch") Integer recordsPerFetch,
                                  @JsonProperty("useEarliestSequenceNumber") Boolean useEarliestSequenceNumber,
                                  @JsonProperty("awsAssumedRoleArn") String awsAssumedRoleArn,
                                  @JsonProperty("awsExternalId") String awsExternalId) {
  /** Druid's end marker of a task that reads until it is stopped. */
  public static final String NO_END = "NO_END_SEQUENCE_NUMBER";
  public static final String TRIM_HORIZON = "TRIM_HORIZON";
  public static final String AT_TIMESTAMP = "AT_TIMESTAMP:";
  /** A position at (not after) a sequence number: a start not listed in exclusivePartitions. */
  public static final String AT_SEQUENCE_NUMBER = "AT_SEQUENCE_NUMBER:";

  public KinesisTaskIoConfig {
    if (type != null && !type.equals("kinesis")) {
      throw new InvalidInputException("ioConfig.type", "Unknown type [" + type + "] at [ioConfig.type] of an "
          + "index_kinesis task; known types: kinesis");
    }
    Specs.required(startSequenceNumbers, "startSequenceNumbers", "the shards to read and where to start");
    Specs.required(endSequenceNumbers, "endSequenceNumbers", "where to stop in each shard");
    TaskSequences.checkMatching(startSequenceNumbers.stream(),
        startSequenceNumbers.partitionSequenceNumberMap().keySet(), endSequenceNumbers.stream(),
        endSequenceNumbers.partitionSequenceNumberMap().keySet(), "shards");
    endSequenceNumbers.partitionSequenceNumberMap().forEach((shard, end) -> {
      if (!NO_END.equals(end)) {
        throw new InvalidInputException("endSequenceNumbers", "end sequence number [" + end + "] of shard [" + shard
            + "]: index_kinesis tasks read until their supervisor stops them; give " + NO_END);
      }
    });
    startSequenceNumbers.partitionSequenceNumberMap().forEach((shard, start) -> {
      if (!isSequenceNumber(start) && !start.equals(TRIM_HORIZON) && !isTimestampMarker(start)) {
        throw new InvalidInputException("startSequenceNumbers", "start [" + start + "] of shard [" + shard + "] is "
            + "neither a sequence number nor " + TRIM_HORIZON + " or " + AT_TIMESTAMP + "<epoch millis>");
      }
    });
    useTransaction = Specs.orDefault(useTransaction, true);
    if (!useTransaction) {
      throw new InvalidInputException("useTransaction", "useTransaction false (publishing without committing the "
          + "sequence numbers with the segments) is not supported: Strata is always exactly-once");
    }
    Specs.required(inputFormat, "inputFormat", "how to read the records");
    endpoint = Specs.orDefault(endpoint, KinesisIoConfig.DEFAULT_ENDPOINT);
    KinesisIoConfig.checkEndpoint(endpoint);
    fetchDelayMillis = Specs.orDefault(fetchDelayMillis, 0);
    recordsPerFetch = Specs.orDefault(recordsPerFetch, KinesisIoConfig.MAX_RECORDS_PER_FETCH);
    useEarliestSequenceNumber = Specs.orDefault(useEarliestSequenceNumber, false);
    if (awsAssumedRoleArn != null || awsExternalId != null) {
      throw new InvalidInputException(awsAssumedRoleArn != null ? "awsAssumedRoleArn" : "awsExternalId",
          "assuming an IAM role is not supported yet");
    }
  }

  private static boolean isSequenceNumber(String s) {
    return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static boolean isTimestampMarker(String s) {
    return s.startsWith(AT_TIMESTAMP) && isSequenceNumber(s.substring(AT_TIMESTAMP.length()))
        && s.length() - AT_TIMESTAMP.length() <= 18;
  }

  /**
   * The start of each shard as a reader position: a sequence number (read after it), {@code AT_SEQUENCE_NUMBER:n}
   * (read from it), or a marker.
   */
  public Map<String, String> startPositions() {
    Map<String, String> out = new TreeMap<>();
    List<String> exclusive = startSequenceNumbers.exclusivePartitions();
    startSequenceNumbers.partitionSequenceNumberMap().forEach((shard, start) -> out.put(shard,
        isSequenceNumber(start) && !exclusive.contains(shard) ? AT_SEQUENCE_NUMBER + start : start));
    return out;
  }

  /**
   * Druid's {@code SeekableStreamStart/EndSequenceNumbers} of Kinesis: {@code {"type":"start"|"end","stream":...,
   * "partitionSequenceNumberMap":{"shardId-000000000000":"4959..."},"exclusivePartitions":[...]}}.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SequenceNumbers(@JsonProperty("type") String type, @JsonProperty("stream") String stream,
                                @JsonProperty("partitionSequenceNumberMap")
                                Map<String, String> partitionSequenceNumberMap,
                                @JsonProperty("exclusivePartitions") List<String> exclusivePartitions) {
    public SequenceNumbers {
      Specs.required(stream, "stream", "the Kinesis stream");
      if (partitionSequenceNumberMap != null && partitionSequenceNumberMap.containsValue(null)) {
        throw new InvalidInputException("partitionSequenceNumberMap", "every shard needs a sequence number");
      }
      partitionSequenceNumberMap = partitionSequenceNumberMap == null ? Map.of()
          : Map.copyOf(new TreeMap<>(partitionSequenceNumberMap));
      if (partitionSequenceNumberMap.isEmpty()) {
        throw new InvalidInputException("partitionSequenceNumberMap", "name at least one shard");
      }
      exclusivePartitions = exclusivePartitions == null ? List.of() : List.copyOf(exclusivePartitions);
    }
  }
}
