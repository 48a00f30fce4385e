package io.strata.kafka;

import io.strata.api.error.InvalidInputException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The consumer properties of Druid's legacy Kafka firehoses ({@code kafka-0.7.2}, {@code kafka-0.8}) mapped onto the
 * current Kafka client: {@code autooffset.reset}/{@code auto.offset.reset} {@code largest}/{@code smallest} (or
 * {@code latest}/{@code earliest}) choose where partitions without committed offsets start; {@code fetch.size} and
 * {@code fetch.message.max.bytes} become {@code max.partition.fetch.bytes}; ZooKeeper settings ({@code zk.*},
 * {@code zookeeper.*}), the consumer group and auto-commit are not needed (partitions are assigned and the offsets
 * are committed with the segments) and are logged as such; settings the current client knows pass through.
 *
 * <p>The brokers: {@code bootstrap.servers} in the properties, else the system property
 * {@code druid.kafka.bootstrap.servers}, else {@code localhost:9092}.
 */
public final class LegacyKafkaProperties {
  private static final Logger LOG = LoggerFactory.getLogger(LegacyKafkaProperties.class);
  public static final String BOOTSTRAP_PROPERTY = "druid.kafka.bootstrap.servers";
  private static final Set<String> CURRENT = ConsumerConfig.configNames();

  /** The translation: the current client's settings, and whether new partitions start at the earliest record. */
  public record Translated(Map<String, Object> consumerProperties, boolean useEarliestOffset) {
  }

  private LegacyKafkaProperties() {
  }

  public static Translated translate(Map<String, Object> legacy, String dataSource) {
    Map<String, Object> out = new TreeMap<>();
    boolean earliest = false;
    for (Map.Entry<String, Object> e : legacy.entrySet()) {
      String key = e.getKey();
      String value = String.valueOf(e.getValue());
      switch (key) {
        case "autooffset.reset", "auto.offset.reset" -> earliest = switch (value) {
          case "smallest", "earliest" -> true;
          case "largest", "latest" -> false;
          default -> throw new InvalidInputException("consumerProps." + key, "Invalid value for field "
              + "[consumerProps." + key + "]: [" + value + "]; use largest or smallest");
        };
        case "fetch.size", "fetch.message.max.bytes" -> out.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, value);
        case "groupid", "group.id", "autocommit.enable", "auto.commit.enable", "auto.commit.interval.ms",
             "topic" -> LOG.info("[{}] Kafka firehose: consumerProps.{} is not needed (partitions are assigned, "
            + "offsets are committed with the segments)", dataSource, key);
        default -> {
          if (key.startsWith("zk.") || key.startsWith("zookeeper.")) {
            LOG.info("[{}] Kafka firehose: consumerProps.{} is not needed (no ZooKeeper)", dataSource, key);
          } else if (CURRENT.contains(key)) {
            out.put(key, value);
          } else {
            LOG.warn("[{}] Kafka firehose: consumerProps.{} is a setting of the old Kafka consumer with no "
                + "equivalent in the current one; it has no effect", dataSource, key);
          }
        }
      }
    }
    if (!out.containsKey(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
      String servers = System.getProperty(BOOTSTRAP_PROPERTY, "localhost:9092");
      out.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
      LOG.info("[{}] Kafka firehose: reading from {} ({})", dataSource, servers,
          System.getProperty(BOOTSTRAP_PROPERTY) == null ? "the default; set consumerProps.bootstrap.servers or -D"
              + BOOTSTRAP_PROPERTY : "-D" + BOOTSTRAP_PROPERTY);
    }
    return new Translated(Map.copyOf(out), earliest);
  }
}
