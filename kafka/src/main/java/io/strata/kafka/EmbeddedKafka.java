package io.strata.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A single-node Kafka broker in this process (KRaft: broker and controller in one, no ZooKeeper), for the
 * quickstart, {@code strata kafka} and tests. Its data lives in a directory of the caller's; a directory formatted
 * before is reused, so topics and records survive a restart.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

  private final KafkaRaftServer server;
  private final int port;
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  private EmbeddedKafka(KafkaRaftServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /**
   * Starts a broker on 127.0.0.1.
   *
   * @param dataDir where the broker keeps its log (created and formatted if empty)
   * @param port    the client port, or 0 for a free one
   */
  public static EmbeddedKafka start(Path dataDir, int port) throws IOException {
    Files.createDirectories(dataDir);
    for (int attempt = 0; ; attempt++) {
      int brokerPort = port == 0 ? freePort() : port;
      int controllerPort = freePort();
      try {
        return startOn(dataDir, brokerPort, controllerPort);
      } catch (RuntimeException e) {
        boolean bind = e.getCause() instanceof BindException || e instanceof org.apache.kafka.common.KafkaException
            && String.valueOf(e.getMessage()).contains("bind");
        if (!bind || port != 0 || attempt >= 3) {
          throw e;
        }
      }
    }
  }

  private static EmbeddedKafka startOn(Path dir, int brokerPort, int controllerPort) throws IOException {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", dir.toAbsolutePath().toString());
    p.put("num.partitions", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    KafkaConfig config = new KafkaConfig(p, false);
    if (!Files.exists(dir.resolve("meta.properties"))) {
      try {
        new Formatter()
            .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
            .setNodeId(1).setClusterId(Uuid.randomUuid().toString())
            .setControllerListenerName("CONTROLLER")
            .setMetadataLogDirectory(dir.toAbsolutePath().toString())
            .addDirectory(dir.toAbsolutePath().toString())
            .run();
      } catch (Exception e) {
        throw new IOException("cannot format the Kafka data directory " + dir + ": " + e.getMessage(), e);
      }
    }
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    server.startup();
    LOG.info("Embedded Kafka broker listening on 127.0.0.1:{} (data in {})", brokerPort, dir);
    return new EmbeddedKafka(server, brokerPort);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    }
  }

  /** {@code 127.0.0.1:<port>}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /**
   * Creates a topic (nothing happens if it exists) and waits until every partition has its leader: a producer
   * writing at once to a partition whose leadership is still moving can see its first batch refused and retried
   * behind later ones, which the broker then rejects as out of sequence.
   */
  public void createTopic(String topic, int partitions) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    try (Admin admin = Admin.create(p)) {
      try {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException("cannot create topic [" + topic + "]: " + e.getCause().getMessage(), e);
        }
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (true) {
        try {
          var description = admin.describeTopics(List.of(topic)).allTopicNames().get(60, TimeUnit.SECONDS)
              .get(topic);
          if (description.partitions().stream().allMatch(i -> i.leader() != null && !i.leader().isEmpty())) {
            return;
          }
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) {
            throw e;
          }
          // just created: the metadata has not reached the broker yet
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("topic [" + topic + "] has partitions without a leader after 60 s");
        }
        Thread.sleep(20);
      }
    } catch (IllegalStateException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topic [" + topic + "]", e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create topic [" + topic + "]: " + e.getMessage(), e);
    }
  }

  /** Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.shutdown();
    server.awaitShutdown();
  }
}
