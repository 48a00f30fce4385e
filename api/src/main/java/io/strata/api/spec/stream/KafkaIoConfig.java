package io.strata.api.spec.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.strata.api.error.InvalidInputException;
import io.strata.api.query.Specs;
import io.strata.api.spec.InputFormatSpec;

import java.util.Map;

/**
 * {@code ioConfig} of a Kafka supervisor, with Druid's defaults.
 *
 * @param topic                             the topic to read
 * @param topicPattern                      instead of {@code topic}: a regular expression; every topic whose whole name
 *                                          it matches is read, topics created later included
 * @param consumerProperties                Kafka consumer settings; {@code bootstrap.servers} is required
 * @param pollTimeout                       ms a poll waits for records; default 100
 * @param useEarliestOffset                 partitions without committed offsets start at the earliest record
 *                                          (default: the latest)
 * @param taskCount                         tasks reading in parallel, each a share of the partitions; default 1
 * @param replicas                          copies of each task; default 1
 * @param taskDuration                      how long a task reads before it hands off; default PT1H
 * @param startDelay                        wait before the supervisor's first run; default PT5S
 * @param period                            how often the supervisor checks its tasks and partitions; default PT30S
 * @param completionTimeout                 longest a hand-off may take before the task is failed; default PT30M
 * @param lateMessageRejectionPeriod        rows older than the task's start minus this are thrown away (counted)
 * @param earlyMessageRejectionPeriod       rows newer than the task's end plus this are thrown away (counted)
 * @param lateMessageRejectionStartDateTime rows older than this time are thrown away (counted)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KafkaIoConfig(@JsonProperty("type") String type,
                            @JsonProperty("topic") String topic,
                            @JsonProperty("topicPattern") String topicPattern,
                            @JsonProperty("inputFormat") InputFormatSpec inputFormat,
                            @JsonProperty("consumerProperties") Map<String, Object> consumerProperties,
                            @JsonProperty("pollTimeout") Long pollTimeout,
                            @JsonProperty("useEarliestOffset") Boolean useEarliestOffset,
                            @JsonProperty("taskCount") Integer taskCount,
                            @JsonProperty("replicas") Integer replicas,
                            @JsonProperty("taskDuration") String taskDuration,
                            @JsonProperty("startDelay") String startDelay,
                            @JsonProperty("period") String period,
                            @JsonProperty("completionTimeout") String completionTimeout,
                            @JsonProperty("lateMessageRejectionPeriod") String lateMessageRejectionPeriod,
                            @JsonProperty("earlyMessageRejectionPeriod") String earlyMessageRejectionPeriod,
                            @JsonProperty("lateMessageRejectionStartDateTime") String lateMessageRejectionStartDateTime,
                            @JsonProperty("autoScalerConfig") Map<String, Object> autoScalerConfig,
                            @JsonProperty("idleConfig") Map<String, Object> idleConfig)
    implements StreamSupervisorIoConfig {
  public KafkaIoConfig {
    if (type != null && !type.equals("kafka")) {
      throw new InvalidInputException("ioConfig.type", "Unknown type [" + type + "] at [ioConfig.type] of a kafka "
          + "supervisor; known types: kafka");
    }
    if (topic != null && topicPattern != null) {
      throw new InvalidInputException("topicPattern", "Only one of [topic] or [topicPattern] may be given: topic ["
          + topic + "], topicPattern [" + topicPattern + "]");
    }
    if (topicPattern != null) {
      if (topicPattern.isBlank()) {
        throw new InvalidInputException("topicPattern", "topicPattern must not be empty");
      }
      try {
        java.util.regex.Pattern.compile(topicPattern);
      } catch (java.util.regex.PatternSyntaxException e) {
        throw new InvalidInputException("topicPattern", "topicPattern [" + topicPattern + "] is not a valid regular "
            + "expression: " + e.getDescription());
      }
    } else {
      Specs.required(topic, "topic", "the Kafka topic to read (or topicPattern, a regular expression of topics)");
    }
    Specs.required(consumerProperties, "consumerProperties", "Kafka consumer settings, with \"bootstrap.servers\"");
    Object servers = consumerProperties.get("bootstrap.servers");
    if (!(servers instanceof String s) || s.isBlank()) {
      throw new InvalidInputException("consumerProperties", "Missing required field "
          + "[consumerProperties.bootstrap.servers]: the Kafka brokers, for example \"localhost:9092\"");
    }
    consumerProperties = Map.copyOf(consumerProperties);
    pollTimeout = Specs.orDefault(pollTimeout, 100L);
    if (pollTimeout < 1) {
      throw new InvalidInputException("pollTimeout", "pollTimeout must be at least 1 ms, got " + pollTimeout);
    }
    useEarliestOffset = Specs.orDefault(useEarliestOffset, false);
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

  @Override
  public boolean startsAtEarliest() {
    return useEarliestOffset;
  }

  /** The lag-based auto-scaler, or null when {@code autoScalerConfig} does not enable it. */
  @Override
  public LagBasedAutoScalerConfig autoScaler() {
    return LagBasedAutoScalerConfig.parse(autoScalerConfig);
  }

  /** True when the supervisor reads every topic {@code topicPattern} matches. */
  public boolean multiTopic() {
    return topicPattern != null;
  }

  /** What offsets and status name as the stream: the topic, or the pattern. */
  public String stream() {
    return topicPattern != null ? topicPattern : topic;
  }

  /** {@code topicPattern} compiled; it matches whole topic names. */
  public java.util.regex.Pattern topicRegex() {
    return java.util.regex.Pattern.compile(topicPattern);
  }

  /** This config with another input format (the legacy {@code parser} translated). */
  public KafkaIoConfig withInputFormat(InputFormatSpec format) {
    return new KafkaIoConfig(type, topic, topicPattern, format, consumerProperties, pollTimeout, useEarliestOffset,
        taskCount, replicas, taskDuration, startDelay, period, completionTimeout, lateMessageRejectionPeriod,
        earlyMessageRejectionPeriod, lateMessageRejectionStartDateTime, autoScalerConfig, idleConfig);
  }
}
