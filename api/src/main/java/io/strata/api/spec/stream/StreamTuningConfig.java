package io.strata.api.spec.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.strata.api.error.InvalidInputException;
import io.strata.api.query.Specs;
import io.strata.api.spec.PartitionsSpec;
import io.strata.api.spec.TuningConfig;

import java.util.Map;

/**
 * {@code tuningConfig} of streaming ingestion ({@code type: kafka}, {@code kinesis}), with Druid's streaming
 * defaults. Fields that only tune Druid's own machinery (threads, HTTP chat, handoff waits) are accepted and have no
 * effect on what is ingested; every field that changes what is ingested or when it becomes a segment is honoured.
 *
 * @param maxRowsInMemory           rows (after rollup) held per task before a persist; default 150,000
 * @param maxBytesInMemory          estimated heap bytes held before a persist; 0 = a sixth of the heap, -1 = no limit
 * @param maxRowsPerSegment         rows per published segment; default 5,000,000
 * @param maxTotalRows              rows a task holds in all (memory and persists) before it hands off early;
 *                                  default 20,000,000
 * @param intermediatePersistPeriod longest time between persists; default PT10M
 * @param intermediateHandoffPeriod longest time between hand-offs; default P2147483647D (only at the task's end)
 * @param deadLetter                where rejected rows are written; default a file per task
 * @param resetOffsetAutomatically  when an offset is gone from the stream (retention), start from the earliest (or
 *                                  latest, per useEarliestOffset) instead of failing; default false
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StreamTuningConfig(@JsonProperty("type") String type,
                                 @JsonProperty("maxRowsInMemory") Integer maxRowsInMemory,
                                 @JsonProperty("maxBytesInMemory") Long maxBytesInMemory,
                                 @JsonProperty("maxRowsPerSegment") Integer maxRowsPerSegment,
                                 @JsonProperty("maxTotalRows") Long maxTotalRows,
                                 @JsonProperty("intermediatePersistPeriod") String intermediatePersistPeriod,
                                 @JsonProperty("intermediateHandoffPeriod") String intermediateHandoffPeriod,
                                 @JsonProperty("resetOffsetAutomatically") Boolean resetOffsetAutomatically,
                                 @JsonProperty("maxParseExceptions") Integer maxParseExceptions,
                                 @JsonProperty("maxSavedParseExceptions") Integer maxSavedParseExceptions,
                                 @JsonProperty("logParseExceptions") Boolean logParseExceptions,
                                 @JsonProperty("reportParseExceptions") Boolean reportParseExceptions,
                                 @JsonProperty("partitionsSpec") PartitionsSpec partitionsSpec,
                                 @JsonProperty("indexSpec") Map<String, Object> indexSpec,
                                 @JsonProperty("indexSpecForIntermediatePersists") Map<String, Object> persistIndexSpec,
                                 @JsonProperty("skipSequenceNumberAvailabilityCheck") Boolean skipAvailabilityCheck,
                                 @JsonProperty("deadLetter") DeadLetterSpec deadLetter) {
  public static final int DEFAULT_MAX_ROWS_IN_MEMORY = 150_000;
  public static final long DEFAULT_MAX_TOTAL_ROWS = 20_000_000L;

  public StreamTuningConfig {
    if (type != null && !type.equals("kafka") && !type.equals("kinesis") && !type.equals("KafkaTuningConfig")
        && !type.equals("KinesisTuningConfig")) {
      throw new InvalidInputException("tuningConfig.type", "Unknown type [" + type + "] at [tuningConfig.type] of a "
          + "streaming spec; known types: kafka, kinesis");
    }
    maxRowsInMemory = Specs.orDefault(maxRowsInMemory, DEFAULT_MAX_ROWS_IN_MEMORY);
    if (maxRowsInMemory < 1) {
      throw new InvalidInputException("maxRowsInMemory", "maxRowsInMemory must be at least 1, got " + maxRowsInMemory);
    }
    maxBytesInMemory = Specs.orDefault(maxBytesInMemory, 0L);
    if (partitionsSpec != null) {
      if (maxRowsPerSegment == null) {
        maxRowsPerSegment = partitionsSpec.maxRowsPerSegment();
      }
      if (maxTotalRows == null) {
        maxTotalRows = partitionsSpec.maxTotalRows();
      }
    }
    maxRowsPerSegment = Specs.orDefault(maxRowsPerSegment, TuningConfig.DEFAULT_MAX_ROWS_PER_SEGMENT);
    if (maxRowsPerSegment < 1) {
      throw new InvalidInputException("maxRowsPerSegment", "maxRowsPerSegment must be at least 1");
    }
    maxTotalRows = Specs.orDefault(maxTotalRows, DEFAULT_MAX_TOTAL_ROWS);
    if (maxTotalRows < 1) {
      throw new InvalidInputException("maxTotalRows", "maxTotalRows must be at least 1");
    }
    intermediatePersistPeriod = Specs.orDefault(intermediatePersistPeriod, "PT10M");
    Durations.millis(intermediatePersistPeriod, "intermediatePersistPeriod");
    intermediateHandoffPeriod = Specs.orDefault(intermediateHandoffPeriod, "P2147483647D");
    Durations.millis(intermediateHandoffPeriod, "intermediateHandoffPeriod");
    resetOffsetAutomatically = Specs.orDefault(resetOffsetAutomatically, false);
    if (Boolean.TRUE.equals(reportParseExceptions)) {
      maxParseExceptions = 0;
      maxSavedParseExceptions = Math.min(1, Specs.orDefault(maxSavedParseExceptions, 0));
    }
    maxParseExceptions = Specs.orDefault(maxParseExceptions, Integer.MAX_VALUE);
    if (maxParseExceptions < 0) {
      throw new InvalidInputException("maxParseExceptions", "maxParseExceptions must be non-negative");
    }
    maxSavedParseExceptions = Specs.orDefault(maxSavedParseExceptions, 0);
    if (maxSavedParseExceptions < 0) {
      throw new InvalidInputException("maxSavedParseExceptions", "maxSavedParseExceptions must be non-negative");
    }
    logParseExceptions = Specs.orDefault(logParseExceptions, false);
    deadLetter = Specs.orDefault(deadLetter, DeadLetterSpec.FILE);
  }

  public static StreamTuningConfig defaults(String type) {
    return new StreamTuningConfig(type, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null);
  }

  public long intermediatePersistMillis() {
    return Durations.millis(intermediatePersistPeriod, "intermediatePersistPeriod");
  }

  public long intermediateHandoffMillis() {
    return Durations.millis(intermediateHandoffPeriod, "intermediateHandoffPeriod");
  }

  /** The byte budget in force: the configured value, a sixth of the max heap for 0, or no limit for -1. */
  public long effectiveMaxBytesInMemory() {
    if (maxBytesInMemory < 0) {
      return Long.MAX_VALUE;
    }
    return maxBytesInMemory == 0 ? Runtime.getRuntime().maxMemory() / 6 : maxBytesInMemory;
  }

  /** The batch tuning the segment building shares with batch ingestion. */
  public TuningConfig asBatchTuning() {
    return new TuningConfig(null, maxRowsInMemory, maxBytesInMemory, maxRowsPerSegment, maxTotalRows, null,
        maxParseExceptions, maxSavedParseExceptions, logParseExceptions, null, 1, false, indexSpec);
  }
}
