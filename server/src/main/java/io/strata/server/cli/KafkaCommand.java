package io.strata.server.cli;

import io.strata.kafka.EmbeddedKafka;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code strata kafka}: a single-node Kafka broker (KRaft, no ZooKeeper) in the foreground, for users without a Kafka
 * installation. Topics and records are kept under the data directory and survive a restart.
 */
@Command(name = "kafka", description = "Run an embedded single-node Kafka broker (KRaft) in the foreground "
    + "(stop with ctrl-C or SIGTERM).")
final class KafkaCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "9092", description = "client port on 127.0.0.1 (default ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--data-dir", defaultValue = "var/kafka",
      description = "where the broker keeps its log (default ${DEFAULT-VALUE})")
  Path dataDir;

  @Option(names = "--topic", description = "topics to create if missing (repeatable)")
  List<String> topics = List.of();

  @Option(names = "--partitions", defaultValue = "1",
      description = "partitions of the topics created with --topic (default ${DEFAULT-VALUE})")
  int partitions;

  @Override
  public Integer call() throws Exception {
    EmbeddedKafka kafka = startBroker(dataDir, port);
    if (kafka == null) {
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      kafka.close();
      stopped.countDown();
    }, "kafka-shutdown"));
    for (String topic : topics) {
      kafka.createTopic(topic, partitions);
      System.out.println("Topic " + topic + " is ready (" + partitions + " partition(s))");
    }
    System.out.println("Kafka is ready at " + kafka.bootstrapServers() + " (data in " + dataDir.toAbsolutePath()
        + "). Send events with: bin/strata produce --topic TOPIC --bootstrap " + kafka.bootstrapServers());
    stopped.await();
    return 0;
  }

  /** Starts the broker, or prints why it cannot (a taken port, most often) and returns null. */
  static EmbeddedKafka startBroker(Path dataDir, int port) {
    try {
      return EmbeddedKafka.start(dataDir, port);
    } catch (Exception e) {
      String why = CliSpecs.describe(e);
      System.err.println("Cannot start the embedded Kafka broker on 127.0.0.1:" + port + ": " + why
          + (why != null && why.toLowerCase(java.util.Locale.ROOT).contains("bind")
          ? " (is another Kafka running there? choose another port with --kafka-port / --port)" : ""));
      return null;
    }
  }
}
