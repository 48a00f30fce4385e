package io.strata.kinesis;

import io.strata.api.error.InvalidInputException;
import io.strata.api.spec.stream.KinesisTaskIoConfig;
import io.strata.stream.StreamPositions;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.time.Instant;

/**
 * Positions in a Kinesis shard, as committed with the segments: a sequence number (the last record read; reading
 * goes on after it), {@code AT_SEQUENCE_NUMBER:n} (reading starts at n), {@code TRIM_HORIZON} (nothing read yet,
 * from the oldest record) or {@code AT_TIMESTAMP:ms} (nothing read yet, from the records that arrived at that time
 * on — "latest", pinned, so that a restart before the first read neither skips nor repeats a record).
 */
final class KinesisPositions {
  private KinesisPositions() {
  }

  static String timestampMarker(long epochMillis) {
    return KinesisTaskIoConfig.AT_TIMESTAMP + epochMillis;
  }

  static boolean isValid(String position) {
    if (StreamPositions.isNumber(position) || position.equals(KinesisTaskIoConfig.TRIM_HORIZON)) {
      return true;
    }
    String n = afterPrefix(position);
    return n != null && StreamPositions.isNumber(n);
  }

  private static String afterPrefix(String position) {
    if (position.startsWith(KinesisTaskIoConfig.AT_TIMESTAMP)) {
      return position.substring(KinesisTaskIoConfig.AT_TIMESTAMP.length());
    }
    if (position.startsWith(KinesisTaskIoConfig.AT_SEQUENCE_NUMBER)) {
      return position.substring(KinesisTaskIoConfig.AT_SEQUENCE_NUMBER.length());
    }
    return null;
  }

  /** A GetShardIterator request that reads on from {@code position}. */
  static GetShardIteratorRequest iteratorRequest(String stream, String shard, String position) {
    GetShardIteratorRequest.Builder b = GetShardIteratorRequest.builder().streamName(stream).shardId(shard);
    if (StreamPositions.isNumber(position)) {
      return b.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).startingSequenceNumber(position).build();
    }
    if (position.equals(KinesisTaskIoConfig.TRIM_HORIZON)) {
      return b.shardIteratorType(ShardIteratorType.TRIM_HORIZON).build();
    }
    if (position.startsWith(KinesisTaskIoConfig.AT_TIMESTAMP)) {
      long millis = Long.parseLong(position.substring(KinesisTaskIoConfig.AT_TIMESTAMP.length()));
      return b.shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(Instant.ofEpochMilli(millis)).build();
    }
    if (position.startsWith(KinesisTaskIoConfig.AT_SEQUENCE_NUMBER)) {
      return b.shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
          .startingSequenceNumber(position.substring(KinesisTaskIoConfig.AT_SEQUENCE_NUMBER.length())).build();
    }
    throw new InvalidInputException("partitionSequenceNumberMap", "position [" + position + "] of shard [" + shard
        + "] is not a Kinesis sequence number");
  }
}
