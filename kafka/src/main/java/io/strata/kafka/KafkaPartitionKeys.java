package io.strata.kafka;

import org.apache.kafka.common.TopicPartition;

import java.util.Comparator;

/**
 * How Kafka partitions are named in offsets, task specs and supervisor status, as Druid names them: the partition
 * number alone ({@code "3"}) when a supervisor reads one {@code topic}, {@code "topic:3"} when it reads every topic
 * a {@code topicPattern} matches. Topic names cannot contain {@code ':'}, so a key says by itself which form it has.
 */
final class KafkaPartitionKeys {
  /** Keys in Druid's listing order: by topic, then by partition number. */
  static final Comparator<String> ORDER = Comparator.comparing(KafkaPartitionKeys::topicPart)
      .thenComparingInt(KafkaPartitionKeys::numberPart);

  private KafkaPartitionKeys() {
  }

  /** The key of {@code tp}: with its topic when the supervisor reads several topics. */
  static String key(TopicPartition tp, boolean multiTopic) {
    return multiTopic ? tp.topic() + ":" + tp.partition() : Integer.toString(tp.partition());
  }

  /** The partition a key names; a bare number is a partition of {@code topic}. */
  static TopicPartition partition(String key, String topic) {
    int colon = key.lastIndexOf(':');
    if (colon < 0) {
      return new TopicPartition(topic, Integer.parseInt(key));
    }
    return new TopicPartition(key.substring(0, colon), Integer.parseInt(key.substring(colon + 1)));
  }

  /**
   * The task group reading a partition: its number modulo {@code taskCount} for one topic; for several, a hash of
   * topic and number (as Druid spreads them), so partition 0 of every topic does not land in the same group.
   */
  static int group(String key, int taskCount) {
    int colon = key.lastIndexOf(':');
    if (colon < 0) {
      return Integer.parseInt(key) % taskCount;
    }
    return Math.floorMod(31 * key.substring(0, colon).hashCode() + Integer.parseInt(key.substring(colon + 1)),
        taskCount);
  }

  private static String topicPart(String key) {
    int colon = key.lastIndexOf(':');
    return colon < 0 ? "" : key.substring(0, colon);
  }

  private static int numberPart(String key) {
    return Integer.parseInt(key.substring(key.lastIndexOf(':') + 1));
  }
}
