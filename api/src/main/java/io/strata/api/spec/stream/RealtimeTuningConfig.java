package io.strata.api.spec.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.strata.api.error.InvalidInputException;
import io.strata.api.query.Specs;

import java.util.Map;

/**
 * {@code tuningConfig} of the legacy realtime node and of {@code index_realtime} tasks ({@code type: realtime}),
 * with Druid's defaults.
 *
 * <p>Rows are accepted per the {@code rejectionPolicy} and {@code windowPeriod}: {@code serverTime} (the default)
 * accepts rows within the window around the server's clock, {@code messageTime} rows no older than the newest row
 * seen minus the window, {@code none} every row. A time chunk is handed off (published) once its end plus the window
 * has passed on the policy's clock; with {@code none}, when the task ends.
 *
 * <p>Fields that only tune Druid's machinery ({@code maxPendingPersists}, thread priorities, hand-off and alert
 * timeouts, {@code basePersistDirectory} — Strata persists under its data directory) are accepted without effect on
 * what is ingested; {@code dedupColumn} would change it and is refused.
 *
 * @param shardSpec {@code {"type":"linear"|"numbered","partitionNum":N}}: the shard a push task fills; replicas of a
 *                  shard (same {@code resource.availabilityGroup}) publish each time chunk once
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RealtimeTuningConfig(@JsonProperty("type") String type,
                                   @JsonProperty("maxRowsInMemory") Integer maxRowsInMemory,
                                   @JsonProperty("maxBytesInMemory") Long maxBytesInMemory,
                                   @JsonProperty("intermediatePersistPeriod") String intermediatePersistPeriod,
                                   @JsonProperty("windowPeriod") String windowPeriod,
                                   @JsonProperty("basePersistDirectory") String basePersistDirectory,
                                   @JsonProperty("rejectionPolicy") Map<String, Object> rejectionPolicy,
                                   @JsonProperty("versioningPolicy") Map<String, Object> versioningPolicy,
                                   @JsonProperty("shardSpec") Map<String, Object> shardSpec,
                                   @JsonProperty("maxPendingPersists") Integer maxPendingPersists,
                                   @JsonProperty("reportParseExceptions") Boolean reportParseExceptions,
                                   @JsonProperty("maxSavedParseExceptions") Integer maxSavedParseExceptions,
                                   @JsonProperty("logParseExceptions") Boolean logParseExceptions,
                                   @JsonProperty("dedupColumn") String dedupColumn,
                                   @JsonProperty("indexSpec") Map<String, Object> indexSpec,
                                   @JsonProperty("deadLetter") DeadLetterSpec deadLetter) {
  /** Druid's default for realtime tuning. */
  public static final int DEFAULT_MAX_ROWS_IN_MEMORY = 1_000_000;

  /** How rows are accepted and when chunks are handed off. */
  public enum Rejection {
    SERVER_TIME, MESSAGE_TIME, NONE
  }

  public RealtimeTuningConfig {
    if (type != null && !type.equals("realtime")) {
      throw new InvalidInputException("tuningConfig.type", "Unknown type [" + type + "] at [tuningConfig.type] of a "
          + "realtime spec; known types: realtime");
    }
    maxRowsInMemory = Specs.orDefault(maxRowsInMemory, DEFAULT_MAX_ROWS_IN_MEMORY);
    if (maxRowsInMemory < 1) {
      throw new InvalidInputException("maxRowsInMemory", "maxRowsInMemory must be at least 1, got " + maxRowsInMemory);
    }
    maxBytesInMemory = Specs.orDefault(maxBytesInMemory, 0L);
    intermediatePersistPeriod = Specs.orDefault(intermediatePersistPeriod, "PT10M");
    if (Durations.millis(intermediatePersistPeriod, "intermediatePersistPeriod") <= 0) {
      throw new InvalidInputException("intermediatePersistPeriod", "intermediatePersistPeriod must be longer than "
          + "zero");
    }
    windowPeriod = Specs.orDefault(windowPeriod, "PT10M");
    Durations.millis(windowPeriod, "windowPeriod");
    rejectionPolicy = Specs.orDefault(rejectionPolicy, Map.of("type", "serverTime"));
    rejection(rejectionPolicy);
    if (versioningPolicy != null && !"intervalStart".equals(versioningPolicy.get("type"))) {
      throw new InvalidInputException("versioningPolicy", "Unknown versioningPolicy [" + versioningPolicy.get("type")
          + "]; known: intervalStart (segment versions are Strata's own either way: appended data joins the time "
          + "chunk's current version)");
    }
    shardSpec = Specs.orDefault(shardSpec, Map.of("type", "none"));
    partitionNum(shardSpec);
    if (dedupColumn != null) {
      throw new InvalidInputException("dedupColumn", "dedupColumn is not supported: rows are not deduplicated");
    }
    reportParseExceptions = Specs.orDefault(reportParseExceptions, false);
    maxSavedParseExceptions = Specs.orDefault(maxSavedParseExceptions, 0);
    if (maxSavedParseExceptions < 0) {
      throw new InvalidInputException("maxSavedParseExceptions", "maxSavedParseExceptions must be non-negative");
    }
    logParseExceptions = Specs.orDefault(logParseExceptions, false);
    deadLetter = Specs.orDefault(deadLetter, DeadLetterSpec.FILE);
  }

  public static RealtimeTuningConfig defaults() {
    return new RealtimeTuningConfig(null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null);
  }

  private static Rejection rejection(Map<String, Object> policy) {
    Object t = policy.get("type");
    if ("serverTime".equals(t)) {
      return Rejection.SERVER_TIME;
    }
    if ("messageTime".equals(t)) {
      return Rejection.MESSAGE_TIME;
    }
    if ("none".equals(t)) {
      return Rejection.NONE;
    }
    throw new InvalidInputException("rejectionPolicy", "Unknown rejectionPolicy [" + t + "]; known: serverTime, "
        + "messageTime, none");
  }

  /** The shard's partition number, or null without a shardSpec (type none). */
  private static Integer partitionNum(Map<String, Object> shardSpec) {
    Object t = shardSpec.get("type");
    if ("none".equals(t)) {
      return null;
    }
    if (!"linear".equals(t) && !"numbered".equals(t)) {
      throw new InvalidInputException("shardSpec", "Unknown shardSpec type [" + t + "] for a realtime spec; known: "
          + "none, linear, numbered");
    }
    Object p = shardSpec.get("partitionNum");
    if (!(p instanceof Integer n) || n < 0) {
      throw new InvalidInputException("shardSpec.partitionNum", "Invalid value for field [shardSpec.partitionNum]: "
          + "expected a partition number of 0 or more, got " + p);
    }
    return n;
  }

  public Rejection rejection() {
    return rejection(rejectionPolicy);
  }

  public long windowMillis() {
    return Durations.millis(windowPeriod, "windowPeriod");
  }

  /** The shard's partition number, or null without one. */
  public Integer partitionNum() {
    return partitionNum(shardSpec);
  }

  /** The tuning the streaming core runs with: hand-offs come from the window, never from row counts. */
  public StreamTuningConfig asStreamTuning() {
    return new StreamTuningConfig(null, maxRowsInMemory, maxBytesInMemory, null, Long.MAX_VALUE,
        intermediatePersistPeriod, null, false, reportParseExceptions ? 0 : null, maxSavedParseExceptions,
        logParseExceptions, null, null, indexSpec, null, null, deadLetter);
  }
}
