package io.strata.kafka;

import io.strata.stream.StreamReader;
import io.strata.stream.StreamRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads assigned partitions of one topic (or, given keys {@code "topic:N"}, of several: {@link KafkaPartitionKeys})
 * with a plain {@link KafkaConsumer}: partitions are assigned (no consumer
 * group, nothing committed to Kafka — the offsets are committed with the segments), records are read with
 * {@code isolation.level=read_committed} unless the consumer properties say otherwise, so aborted transactions are
 * skipped and offset gaps from transactions or compaction are fine.
 *
 * <p>An offset that is no longer in the partition (deleted by retention) fails the read, unless
 * {@code resetOffsetAutomatically}: then reading jumps to the earliest (or latest, per {@code useEarliestOffset})
 * record, as Druid does, and the skipped records are lost. Not thread-safe.
 */
public final class KafkaStreamReader implements StreamReader {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaStreamReader.class);
  private static final long END_POSITIONS_REFRESH_MILLIS = 1000;

  private final String topic;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final boolean useEarliestOffset;
  private final boolean resetOffsetAutomatically;
  private final Map<String, String> positions = new TreeMap<>();
  private List<TopicPartition> assigned = List.of();
  /** The key each assigned partition has in positions ({@link KafkaPartitionKeys}). */
  private final Map<TopicPartition, String> keys = new HashMap<>();
  private Map<String, String> endPositions = Map.of();
  private long endPositionsAt;

  public KafkaStreamReader(String topic, Map<String, Object> consumerProperties, boolean useEarliestOffset,
                           boolean resetOffsetAutomatically) {
    this.topic = topic;
    this.useEarliestOffset = useEarliestOffset;
    this.resetOffsetAutomatically = resetOffsetAutomatically;
    this.consumer = new KafkaConsumer<>(consumerConfig(consumerProperties), new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  /** The consumer settings Strata reads with: the user's, plus what exactly-once reading needs. */
  static Properties consumerConfig(Map<String, Object> consumerProperties) {
    Properties p = new Properties();
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    consumerProperties.forEach((k, v) -> p.put(k, String.valueOf(v)));
    // Offsets live with the segments, never in Kafka; and where a partition starts is decided here.
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    p.remove(ConsumerConfig.GROUP_ID_CONFIG);
    return p;
  }

  @Override
  public void assign(Map<String, String> startPositions) {
    List<TopicPartition> parts = new ArrayList<>();
    keys.clear();
    for (String p : startPositions.keySet()) {
      TopicPartition tp = KafkaPartitionKeys.partition(p, topic);
      parts.add(tp);
      keys.put(tp, p);
    }
    assigned = List.copyOf(parts);
    consumer.assign(assigned);
    List<TopicPartition> fromEdge = new ArrayList<>();
    for (TopicPartition tp : assigned) {
      String start = startPositions.get(keys.get(tp));
      if (start == null) {
        fromEdge.add(tp);
      } else {
        consumer.seek(tp, offset(tp, start));
      }
    }
    if (!fromEdge.isEmpty()) {
      seekToEdge(fromEdge);
    }
    for (TopicPartition tp : assigned) {
      positions.put(keys.get(tp), Long.toString(consumer.position(tp, Duration.ofSeconds(60))));
    }
  }

  private static long offset(TopicPartition tp, String position) {
    try {
      return Long.parseLong(position);
    } catch (NumberFormatException e) {
      throw new io.strata.api.error.InvalidInputException("offset", "offset [" + position + "] of partition ["
          + tp.partition() + "] is not a Kafka offset");
    }
  }

  private void seekToEdge(Collection<TopicPartition> parts) {
    if (useEarliestOffset) {
      consumer.seekToBeginning(parts);
    } else {
      consumer.seekToEnd(parts);
    }
  }

  @Override
  public List<StreamRecord> poll(Duration timeout) {
    ConsumerRecords<byte[], byte[]> records;
    try {
      records = consumer.poll(timeout);
    } catch (OffsetOutOfRangeException e) {
      if (!resetOffsetAutomatically) {
        throw new IllegalStateException("offsets " + e.offsetOutOfRangePartitions() + " of topic [" + topic
            + "] are no longer in Kafka (retention deleted them); reset the supervisor, or set "
            + "resetOffsetAutomatically to skip to the " + (useEarliestOffset ? "earliest" : "latest") + " records");
      }
      LOG.warn("Offsets {} of topic [{}] are gone; resetting to the {} records (the records in between are lost)",
          e.offsetOutOfRangePartitions(), topic, useEarliestOffset ? "earliest" : "latest");
      seekToEdge(e.offsetOutOfRangePartitions().keySet());
      return List.of();
    }
    List<StreamRecord> out = new ArrayList<>(records.count());
    for (ConsumerRecord<byte[], byte[]> r : records) {
      out.add(new StreamRecord(keyOf(r.topic(), r.partition()), Long.toString(r.offset()), r.value()));
    }
    // Positions come from the consumer, not the records: it moves past transaction markers and compacted gaps.
    for (TopicPartition tp : records.partitions()) {
      positions.put(keys.get(tp), Long.toString(consumer.position(tp)));
    }
    if (records.isEmpty()) {
      for (TopicPartition tp : assigned) {
        positions.put(keys.get(tp), Long.toString(consumer.position(tp)));
      }
    }
    return out;
  }

  private String keyOf(String recordTopic, int partition) {
    String key = keys.get(new TopicPartition(recordTopic, partition));
    return key != null ? key : Integer.toString(partition);
  }

  @Override
  public Map<String, String> positions() {
    return Map.copyOf(positions);
  }

  @Override
  public Map<String, String> endPositions() {
    long now = System.currentTimeMillis();
    if (now - endPositionsAt >= END_POSITIONS_REFRESH_MILLIS && !assigned.isEmpty()) {
      try {
        Map<String, String> out = new HashMap<>();
        consumer.endOffsets(assigned, Duration.ofSeconds(5)).forEach((tp, o) ->
            out.put(keys.get(tp), Long.toString(o)));
        endPositions = Map.copyOf(out);
      } catch (RuntimeException e) {
        LOG.debug("cannot read the end offsets of [{}]: {}", topic, e.getMessage());
      }
      endPositionsAt = now;
    }
    return endPositions;
  }

  /** The topic's partitions (their numbers as strings); empty while the topic does not exist. */
  @Override
  public List<String> listPartitions() {
    Set<String> out = new java.util.TreeSet<>(java.util.Comparator.comparingInt(Integer::parseInt));
    List<org.apache.kafka.common.PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
    if (infos != null) {
      infos.forEach(p -> out.add(Integer.toString(p.partition())));
    }
    return new ArrayList<>(out);
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
