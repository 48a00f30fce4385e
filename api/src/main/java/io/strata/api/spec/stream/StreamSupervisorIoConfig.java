package io.strata.api.spec.stream;

import io.strata.api.spec.InputFormatSpec;

/**
 * What every stream supervisor's {@code ioConfig} (Kafka, Kinesis) tells the supervising loop: the stream, how many
 * tasks read it and for how long, where unread partitions start, and which row times the tasks accept.
 */
public interface StreamSupervisorIoConfig {
  /** The topic, topic pattern or stream name, as offsets and status name it. */
  String stream();

  InputFormatSpec inputFormat();

  Integer taskCount();

  Integer replicas();

  String completionTimeout();

  String lateMessageRejectionPeriod();

  String earlyMessageRejectionPeriod();

  String lateMessageRejectionStartDateTime();

  /** Partitions without committed positions start at their earliest record (else at their latest). */
  boolean startsAtEarliest();

  long taskDurationMillis();

  long startDelayMillis();

  long periodMillis();

  long completionTimeoutMillis();

  long lateMessagePeriodMillis();

  long earlyMessagePeriodMillis();

  /** The lag-based auto-scaler, or null. */
  LagBasedAutoScalerConfig autoScaler();
}
