package io.strata.api.spec.stream;

import io.strata.api.error.InvalidInputException;
import io.strata.api.spec.InputFormatSpec;
import io.strata.api.time.DateTimes;

import java.time.DateTimeException;
import java.util.Map;

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

  String taskDuration();

  String startDelay();

  String period();

  String completionTimeout();

  String lateMessageRejectionPeriod();

  String earlyMessageRejectionPeriod();

  String lateMessageRejectionStartDateTime();

  /** Partitions without committed positions start at their earliest record (else at their latest). */
  boolean startsAtEarliest();

  default long taskDurationMillis() {
    return Durations.millis(taskDuration(), "taskDuration");
  }

  default long startDelayMillis() {
    return Durations.millis(startDelay(), "startDelay");
  }

  default long periodMillis() {
    return Durations.millis(period(), "period");
  }

  default long completionTimeoutMillis() {
    return Durations.millis(completionTimeout(), "completionTimeout");
  }

  default long lateMessagePeriodMillis() {
    return Durations.millis(lateMessageRejectionPeriod(), "lateMessageRejectionPeriod");
  }

  default long earlyMessagePeriodMillis() {
    return Durations.millis(earlyMessageRejectionPeriod(), "earlyMessageRejectionPeriod");
  }

  /** The lag-based auto-scaler, or null. */
  LagBasedAutoScalerConfig autoScaler();

  /**
   * The checks every supervisor ioConfig shares, on values with their defaults applied: counts at least 1, periods
   * that parse (and are longer than zero where a zero would make no sense), one late-message bound at most, a valid
   * auto-scaler, no idle supervisors.
   *
   * @throws InvalidInputException naming the field
   */
  static void checkShared(int taskCount, int replicas, String taskDuration, String startDelay, String period,
                          String completionTimeout, String lateMessageRejectionPeriod,
                          String earlyMessageRejectionPeriod, String lateMessageRejectionStartDateTime,
                          Map<String, Object> autoScalerConfig, Map<String, Object> idleConfig) {
    if (taskCount < 1) {
      throw new InvalidInputException("taskCount", "taskCount must be at least 1, got " + taskCount);
    }
    if (replicas < 1) {
      throw new InvalidInputException("replicas", "replicas must be at least 1, got " + replicas);
    }
    positive(taskDuration, "taskDuration");
    Durations.millis(startDelay, "startDelay");
    positive(period, "period");
    positive(completionTimeout, "completionTimeout");
    if (lateMessageRejectionPeriod != null) {
      Durations.millis(lateMessageRejectionPeriod, "lateMessageRejectionPeriod");
    }
    if (earlyMessageRejectionPeriod != null) {
      Durations.millis(earlyMessageRejectionPeriod, "earlyMessageRejectionPeriod");
    }
    if (lateMessageRejectionStartDateTime != null) {
      if (lateMessageRejectionPeriod != null) {
        throw new InvalidInputException("lateMessageRejectionStartDateTime", "lateMessageRejectionStartDateTime and "
            + "lateMessageRejectionPeriod are mutually exclusive");
      }
      try {
        DateTimes.parseIso(lateMessageRejectionStartDateTime);
      } catch (DateTimeException e) {
        throw new InvalidInputException("lateMessageRejectionStartDateTime", "Invalid value for field "
            + "[lateMessageRejectionStartDateTime]: [" + lateMessageRejectionStartDateTime + "] is not an ISO time");
      }
    }
    LagBasedAutoScalerConfig.parse(autoScalerConfig); // refuses a wrong config with the field named
    if (idleConfig != null && Boolean.TRUE.equals(idleConfig.get("enabled"))) {
      throw new InvalidInputException("idleConfig", "idle supervisors are not supported yet");
    }
  }

  private static void positive(String iso, String field) {
    if (Durations.millis(iso, field) <= 0) {
      throw new InvalidInputException(field, field + " must be longer than zero, got " + iso);
    }
  }
}
