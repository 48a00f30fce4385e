package io.strata.stream;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The seam between the streaming core and a stream (a Kafka topic, a Kinesis stream): read records of assigned
 * partitions from given positions. Positions are longs: Kafka offsets; a stream with other positions maps them.
 * Not thread-safe: one per reading task.
 */
public interface StreamReader extends AutoCloseable {
  /**
   * Reads these partitions from these positions (the next record to read); a null position means the partition's
   * earliest or latest record, as the reader was configured.
   */
  void assign(Map<String, Long> startPositions);

  /** The records that arrived, waiting at most {@code timeout}; may be empty. */
  List<StreamRecord> poll(Duration timeout);

  /** Where reading continues in each assigned partition (after the last record returned). */
  Map<String, Long> positions();

  /** The end of each assigned partition (the position after its last record), for lag; may be stale. */
  Map<String, Long> endPositions();

  /** The stream's partitions, for a reader that reads all of them (a legacy firehose). */
  default java.util.List<String> listPartitions() {
    throw new UnsupportedOperationException("this stream cannot list its partitions");
  }

  /** True when the stream has ended for this reader (a shut-off time passed, finite input read); then the task hands off. */
  default boolean isFinished() {
    return false;
  }

  @Override
  void close();
}
