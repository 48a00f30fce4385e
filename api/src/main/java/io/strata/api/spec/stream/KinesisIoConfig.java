package io.strata.api.spec.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.strata.api.error.InvalidInputException;
import io.strata.api.query.Specs;
import io.strata.api.spec.InputFormatSpec;

import java.util.Map;

/**
 * {@code ioConfig} of a Kinesis supervisor, with Druid's defaults. Shards are the partitions, sequence numbers the
 * positions; lag is in milliseconds behind each shard's newest record (so are the auto-scaler's thresholds).
 *
 * @param stream                    the Kinesis stream to read
 * @param endpoint                  the Kinesis endpoint: a host ({@code kinesis.us-east-1.amazonaws.com}, the default;
 *                                  https) or a URL ({@code http://127.0.0.1:4567}, a local Kinesis-compatible
 *                                  server); the region is taken from an AWS host name, else {@code us-east-1}
 * @param useEarliestSequenceNumber shards without committed positions start at their oldest record (default: at the
 *                                  newest, that is, records arriving from the task's start on)
 * @param fetchDelayMillis          ms to wait between reads of a shard; default 0
 * @param awsAssumedRoleArn         an IAM role to assume; not supported (refused)
 * @param awsExternalId             the external id of the assumed role; not supported (refused)
 * @param recordsPerFetch           records one read of a shard returns at most (removed from Druid's docs in 29, still
 *                                  read); default 10,000, the most Kinesis returns
 * @param deaggregate               KPL-aggregated records: refused when true (not supported)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KinesisIoConfig(@JsonProperty("type") String type,
                              @JsonProperty("stream") String stream,
                              @JsonProperty("inputFormat") InputFormatSpec inputFormat,
                              @JsonProperty("endpoint") String endpoint,
                              @JsonProperty("useEarliestSequenceNumber") Boolean useEarliestSequenceNumber,
                              @JsonProperty("fetchDelayMillis") Integer fetchDelayMillis,
                              @JsonProperty("awsAssumedRoleArn") String awsAssumedRoleArn,
                              @JsonProperty("awsExternalId") String awsExternalId,
                              @JsonProperty("recordsPerFetch") Integer recordsPerFetch,
                              @JsonProperty("deaggregate") Boolean deaggregate,
                              @JsonProperty("taskCount") Integer taskCount,
                              @JsonProperty("replicas") Integer replicas,
                              @JsonProperty("taskDuration") String taskDuration,
                              @JsonProperty("startDelay") String startDelay,
                              @JsonProperty("period") String period,
                              @JsonProperty("completionTimeout") String completionTimeout,
                              @JsonProperty("lateMessageRejectionPeriod") String lateMessageRejectionPeriod,
                              @JsonProperty("earlyMessageRejectionPeriod") String earlyMessageRejectionPeriod,
                              @JsonProperty("lateMessageRejectionStartDateTime")
                              String lateMessageRejectionStartDateTime,
                              @JsonProperty("autoScalerConfig") Map<String, Object> autoScalerConfig,
                              @JsonProperty("idleConfig") Map<String, Object> idleConfig)
    implements StreamSupervisorIoConfig {
  public static final String DEFAULT_ENDPOINT = "kinesis.us-east-1.amazonaws.com";
  /** The most records one GetRecords call returns. */
  public static final int MAX_RECORDS_PER_FETCH = 10_000;

  public KinesisIoConfig {
    if (type != null && !type.equals("kinesis")) {
      throw new InvalidInputException("ioConfig.type", "Unknown type [" + type + "] at [ioConfig.type] of a kinesis "
          + "supervisor; known types: kinesis");
    }
    Specs.required(stream, "stream", "the Kinesis stream to read");
    if (stream.isBlank()) {
      throw new InvalidInputException("stream", "stream must not be empty");
    }
    endpoint = Specs.orDefault(endpoint, DEFAULT_ENDPOINT);
    checkEndpoint(endpoint);
    useEarliestSequenceNumber = Specs.orDefault(useEarliestSequenceNumber, false);
    fetchDelayMillis = Specs.orDefault(fetchDelayMillis, 0);
    if (fetchDelayMillis < 0) {
      throw new InvalidInputException("fetchDelayMillis", "fetchDelayMillis must be 0 or more, got "
          + fetchDelayMillis);
    }
    if (awsAssumedRoleArn != null || awsExternalId != null) {
      throw new InvalidInputException(awsAssumedRoleArn != null ? "awsAssumedRoleArn" : "awsExternalId",
          "assuming an IAM role (awsAssumedRoleArn, awsExternalId) is not supported yet: give the credentials with "
              + "-Ddruid.kinesis.accessKey and -Ddruid.kinesis.secretKey or the AWS default credential chain");
    }
    recordsPerFetch = Specs.orDefault(recordsPerFetch, MAX_RECORDS_PER_FETCH);
    if (recordsPerFetch < 1 || recordsPerFetch > MAX_RECORDS_PER_FETCH) {
      throw new InvalidInputException("recordsPerFetch", "recordsPerFetch must be between 1 and "
          + MAX_RECORDS_PER_FETCH + ", got " + recordsPerFetch);
    }
    if (Boolean.TRUE.equals(deaggregate)) {
      throw new InvalidInputException("deaggregate", "deaggregate (KPL-aggregated records) is not supported yet");
    }
    taskCount = Specs.orDefault(taskCount, 1);
    replicas = Specs.orDefault(replicas, 1);
    taskDuration = Specs.orDefault(taskDuration, "PT1H");
    startDelay = Specs.orDefault(startDelay, "PT5S");
    period = Specs.orDefault(period, "PT30S");
    completionTimeout = Specs.orDefault(completionTimeout, "PT30M");
    StreamSupervisorIoConfig.checkShared(taskCount, replicas, taskDuration, startDelay, period, completionTimeout,
        lateMessageRejectionPeriod, earlyMessageRejectionPeriod, lateMessageRejectionStartDateTime, autoScalerConfig,
        idleConfig);
  }

  /** Refuses an endpoint that is neither a host name nor an http(s) URL. */
  public static void checkEndpoint(String endpoint) {
    String e = endpoint.trim();
    boolean url = e.startsWith("http://") || e.startsWith("https://");
    String host = url ? e.substring(e.indexOf("://") + 3) : e;
    if (host.isEmpty() || host.contains(" ") || (!url && host.contains("/"))) {
      throw new InvalidInputException("endpoint", "endpoint [" + endpoint + "] is not a Kinesis endpoint: give a host "
          + "such as " + DEFAULT_ENDPOINT + " or a URL such as http://localhost:4567");
    }
  }

  @Override
  public boolean startsAtEarliest() {
    return useEarliestSequenceNumber;
  }

  @Override
  public LagBasedAutoScalerConfig autoScaler() {
    return LagBasedAutoScalerConfig.parse(autoScalerConfig);
  }

  /** This config with another input format (the legacy {@code parser} translated). */
  public KinesisIoConfig withInputFormat(InputFormatSpec format) {
    return new KinesisIoConfig(type, stream, format, endpoint, useEarliestSequenceNumber, fetchDelayMillis,
        awsAssumedRoleArn, awsExternalId, recordsPerFetch, deaggregate, taskCount, replicas, taskDuration, startDelay,
        period, completionTimeout, lateMessageRejectionPeriod, earlyMessageRejectionPeriod,
        lateMessageRejectionStartDateTime, autoScalerConfig, idleConfig);
  }
}
