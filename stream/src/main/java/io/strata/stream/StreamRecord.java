package io.strata.stream;

/**
 * One record read from a stream partition.
 *
 * @param partition the partition (Kafka partition number, Kinesis shard id)
 * @param position  the record's own position in the partition (Kafka offset, Kinesis sequence number)
 * @param value     the record's bytes, or null for a record without a value
 */
public record StreamRecord(String partition, String position, byte[] value) {
}
