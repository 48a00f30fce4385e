package io.strata.server.cli;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code strata produce}: sends lines (JSON events, one per line) from a file or stdin to a Kafka topic, one record
 * per non-blank line, as the tutorial's {@code kafka-console-producer.sh} step does. It exits only once every record
 * is acknowledged by the broker, non-zero if any was not.
 */
@Command(name = "produce", description = "Send JSON lines from a file or stdin to a Kafka topic (one record per line).")
final class ProduceCommand implements Callable<Integer> {
  @Option(names = "--topic", required = true, description = "the topic")
  String topic;

  @Option(names = {"--bootstrap", "--bootstrap-server"}, defaultValue = "localhost:9092",
      description = "the brokers (default ${DEFAULT-VALUE})")
  String bootstrap;

  @Option(names = "--timeout-seconds", defaultValue = "60",
      description = "how long to wait for an unreachable broker before giving up (default ${DEFAULT-VALUE})")
  int timeoutSeconds;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "the file to send; '-' or none: stdin")
  String file;

  @Override
  public Integer call() throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(timeoutSeconds * 1000L));
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(Math.max(timeoutSeconds * 1000L, 30_000L)));
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(Math.min(timeoutSeconds * 1000L, 30_000L)));
    AtomicLong failed = new AtomicLong();
    AtomicReference<String> firstError = new AtomicReference<>();
    long sent = 0;
    try (BufferedReader in = file == null || file.equals("-")
        ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
        : Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
         KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
             new ByteArraySerializer())) {
      String line;
      while ((line = in.readLine()) != null && failed.get() == 0) {
        if (line.isBlank()) {
          continue;
        }
        producer.send(new ProducerRecord<>(topic, line.getBytes(StandardCharsets.UTF_8)), (metadata, error) -> {
          if (error != null) {
            failed.incrementAndGet();
            firstError.compareAndSet(null, error.getMessage());
          }
        });
        sent++;
      }
      producer.flush();
    } catch (org.apache.kafka.common.KafkaException | java.nio.file.NoSuchFileException e) {
      System.err.println("Cannot send to topic [" + topic + "] at " + bootstrap + ": " + CliSpecs.describe(e));
      return 1;
    }
    if (failed.get() > 0) {
      System.err.printf("%,d of %,d record(s) were not sent to topic [%s] at %s: %s%n", failed.get(), sent, topic,
          bootstrap, firstError.get());
      return 1;
    }
    System.err.printf("Sent %,d record(s) to topic [%s] at %s%n", sent, topic, bootstrap);
    return 0;
  }
}
