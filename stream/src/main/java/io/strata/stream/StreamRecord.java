package io.strata.stream;

/**
 * One record read from a stream partition.
 *
 * @param partition  the partition (Kafka partition number, Kinesis shard id)
 * @param offset     the record's position in the partition
 * @param nextOffset where reading continues after it (for Kafka, offset + 1)
 * @param value      the record's bytes, or null for a record without a value
 */
public record StreamRecord(String partition, long offset, long nextOffset, byte[] value) {
}
