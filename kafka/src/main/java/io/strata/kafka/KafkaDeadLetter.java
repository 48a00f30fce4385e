package io.strata.kafka;

import io.strata.stream.DeadLetter;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Properties;

/**
 * Rejected rows sent to a Kafka topic on the stream's brokers, one JSON message each (the shape of
 * {@link DeadLetter#writeJson}), keyed by the source partition. {@link #flush} waits until the broker has them all.
 */
final class KafkaDeadLetter implements DeadLetter {
  private final String topic;
  private final String dataSource;
  private final String taskId;
  private final KafkaProducer<byte[], byte[]> producer;
  private final ByteArrayOutputStream buf = new ByteArrayOutputStream(512);
  private volatile Exception failure;
  private long written;

  KafkaDeadLetter(Map<String, Object> consumerProperties, String topic, String dataSource, String taskId) {
    this.topic = topic;
    this.dataSource = dataSource;
    this.taskId = taskId;
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.valueOf(consumerProperties.get("bootstrap.servers")));
    // Security settings of the consumer apply to the producer too.
    consumerProperties.forEach((k, v) -> {
      if (k.startsWith("security.") || k.startsWith("sasl.") || k.startsWith("ssl.")) {
        p.put(k, String.valueOf(v));
      }
    });
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  @Override
  public void write(Rejected row) throws IOException {
    buf.reset();
    DeadLetter.writeJson(row, dataSource, taskId, buf);
    byte[] key = row.partition() == null ? null : row.partition().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    producer.send(new ProducerRecord<>(topic, key, buf.toByteArray()), (meta, e) -> {
      if (e != null && failure == null) {
        failure = e;
      }
    });
    written++;
  }

  @Override
  public void flush() throws IOException {
    producer.flush();
    Exception e = failure;
    if (e != null) {
      // The hand-off fails and the records are read again, so the rows are not lost.
      throw new IOException("rejected rows could not be written to topic [" + topic + "]: " + e.getMessage(), e);
    }
  }

  @Override
  public long written() {
    return written;
  }

  @Override
  public String destination() {
    return "kafka:" + topic;
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(5));
  }
}
