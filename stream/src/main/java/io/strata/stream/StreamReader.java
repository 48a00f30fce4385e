package io.strata.stream;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The seam between the streaming core and a stream (a Kafka topic, a Kinesis stream): read records of assigned
 * partitions from given positions. A position is a string the stream defines, ordered by {@link StreamPositions}:
 * a Kafka offset (the next record to read), a Kinesis sequence number (the last record read), or a marker of a
 * partition's start the stream names. Positions are what is committed with the segments, so a reader given the
 * positions another reader reported goes on exactly after the records that one returned.
 * Not thread-safe: one per reading task.
 */
public interface StreamReader extends AutoCloseable {
  /**
   * Reads these partitions from these positions (as {@link #positions} reported them); a null position means the
   * partition's earliest or latest record, as the reader was configured.
   */
  void assign(Map<String, String> startPositions);

  /** The records that arrived, waiting at most {@code timeout}; may be empty. */
  List<StreamRecord> poll(Duration timeout);

  /** Where reading continues in each assigned partition (after the last record returned). */
  Map<String, String> positions();

  /**
   * The end of each assigned partition (the position reading will reach after its last record), for lag; may be
   * stale, and empty for a stream that cannot tell (Kinesis tells {@link #lagMillis} instead).
   */
  Map<String, String> endPositions();

  /** Per assigned partition, how far (milliseconds) the last read was behind the partition's newest record; or empty. */
  default Map<String, Long> lagMillis() {
    return Map.of();
  }

  /** The stream's partitions, for a reader that reads all of them (a legacy firehose). */
  default List<String> listPartitions() {
    throw new UnsupportedOperationException("this stream cannot list its partitions");
  }

  /** True when the stream has ended for this reader (a shut-off time passed, finite input read); then the task hands off. */
  default boolean isFinished() {
    return false;
  }

  @Override
  void close();
}
