package io.strata.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.strata.api.error.InvalidInputException;
import io.strata.api.query.Specs;

import java.util.List;
import java.util.Map;

/**
 * {@code tuningConfig} of native batch tasks, with Druid's defaults.
 *
 * @param maxRowsInMemory         rows (after rollup) held before a persist to disk; default 1,000,000
 * @param maxBytesInMemory        estimated heap bytes held before a persist; 0 = one-sixth of max heap, -1 = no limit
 * @param maxRowsPerSegment       rows per output segment (also from a dynamic partitionsSpec); default 5,000,000
 * @param maxParseExceptions      bad rows tolerated before the task fails; default unlimited
 * @param maxSavedParseExceptions bad rows kept for the task report; default 0
 * @param logParseExceptions      log each bad row; default false
 * @param maxNumConcurrentSubTasks parallel readers of input splits for index_parallel; default 1
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TuningConfig(@JsonProperty("type") String type,
                           @JsonProperty("maxRowsInMemory") Integer maxRowsInMemory,
                           @JsonProperty("maxBytesInMemory") Long maxBytesInMemory,
                           @JsonProperty("maxRowsPerSegment") Integer maxRowsPerSegment,
                           @JsonProperty("maxTotalRows") Long maxTotalRows,
                           @JsonProperty("partitionsSpec") PartitionsSpec partitionsSpec,
                           @JsonProperty("maxParseExceptions") Integer maxParseExceptions,
                           @JsonProperty("maxSavedParseExceptions") Integer maxSavedParseExceptions,
                           @JsonProperty("logParseExceptions") Boolean logParseExceptions,
                           @JsonProperty("reportParseExceptions") Boolean reportParseExceptions,
                           @JsonProperty("maxNumConcurrentSubTasks") Integer maxNumConcurrentSubTasks,
                           @JsonProperty("forceGuaranteedRollup") Boolean forceGuaranteedRollup,
                           @JsonProperty("indexSpec") Map<String, Object> indexSpec) {
  public static final int DEFAULT_MAX_ROWS_IN_MEMORY = 1_000_000;
  public static final int DEFAULT_MAX_ROWS_PER_SEGMENT = 5_000_000;
  /** The {@code type} names of native batch tuning configs. */
  static final List<String> TYPES = List.of("index", "index_parallel");

  public TuningConfig {
    if (type != null && !TYPES.contains(type)) {
      throw new InvalidInputException("tuningConfig.type", "Unknown type [" + type + "] at [tuningConfig.type]; "
          + "known types: " + String.join(", ", TYPES));
    }
    maxRowsInMemory = Specs.orDefault(maxRowsInMemory, DEFAULT_MAX_ROWS_IN_MEMORY);
    if (maxRowsInMemory < 1) {
      throw new InvalidInputException("maxRowsInMemory", "maxRowsInMemory must be at least 1, got " + maxRowsInMemory);
    }
    maxBytesInMemory = Specs.orDefault(maxBytesInMemory, 0L);
    if (partitionsSpec != null) {
      if (maxRowsPerSegment != null && partitionsSpec.maxRowsPerSegment() != null
          && !maxRowsPerSegment.equals(partitionsSpec.maxRowsPerSegment())) {
        throw new InvalidInputException("maxRowsPerSegment", "maxRowsPerSegment is set both in tuningConfig ("
            + maxRowsPerSegment + ") and in partitionsSpec (" + partitionsSpec.maxRowsPerSegment()
            + "); set it in partitionsSpec only");
      }
      if (maxRowsPerSegment == null) {
        maxRowsPerSegment = partitionsSpec.maxRowsPerSegment();
      }
      if (maxTotalRows == null) {
        maxTotalRows = partitionsSpec.maxTotalRows();
      }
    }
    maxRowsPerSegment = Specs.orDefault(maxRowsPerSegment, DEFAULT_MAX_ROWS_PER_SEGMENT);
    if (maxRowsPerSegment < 1) {
      throw new InvalidInputException("maxRowsPerSegment", "maxRowsPerSegment must be at least 1");
    }
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
      throw new InvalidInputException("maxSavedParseExceptions", "maxSavedParseExceptions must be non-negative, got "
          + maxSavedParseExceptions);
    }
    logParseExceptions = Specs.orDefault(logParseExceptions, false);
    maxNumConcurrentSubTasks = Specs.orDefault(maxNumConcurrentSubTasks, 1);
    if (maxNumConcurrentSubTasks < 1) {
      throw new InvalidInputException("maxNumConcurrentSubTasks", "maxNumConcurrentSubTasks must be at least 1");
    }
    forceGuaranteedRollup = Specs.orDefault(forceGuaranteedRollup, false);
  }

  public static TuningConfig defaults() {
    return new TuningConfig(null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** The byte budget in force: the configured value, one-sixth of the max heap for 0, or no limit for -1. */
  public long effectiveMaxBytesInMemory() {
    if (maxBytesInMemory < 0) {
      return Long.MAX_VALUE;
    }
    return maxBytesInMemory == 0 ? Runtime.getRuntime().maxMemory() / 6 : maxBytesInMemory;
  }
}
