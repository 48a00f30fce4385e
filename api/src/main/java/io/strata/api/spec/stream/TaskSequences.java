package io.strata.api.spec.stream;

import io.strata.api.error.InvalidInputException;

import java.util.Set;

/** The checks a streaming task's start and end sequence numbers share (Kafka partitions, Kinesis shards). */
final class TaskSequences {
  private TaskSequences() {
  }

  /**
   * Refuses start and end sequence numbers of different streams or different partitions.
   *
   * @param partitions what the stream's partitions are called in the error ("partitions", "shards")
   */
  static void checkMatching(String startStream, Set<String> startPartitions, String endStream,
                            Set<String> endPartitions, String partitions) {
    if (!startStream.equals(endStream)) {
      throw new InvalidInputException("endSequenceNumbers", "startSequenceNumbers and endSequenceNumbers name "
          + "different streams");
    }
    if (!startPartitions.equals(endPartitions)) {
      throw new InvalidInputException("endSequenceNumbers", "startSequenceNumbers and endSequenceNumbers must name "
          + "the same " + partitions);
    }
  }
}
