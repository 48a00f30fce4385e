package io.strata.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.kafka.EmbeddedKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.LongPredicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Kafka supervisor with {@code replicas: 2}: two tasks per group read the same partitions; queries count each row
 * once (one replica is served), the replicas end each sequence together at the furthest offsets either reached, and
 * exactly one copy of each sequence is published — through taskDuration rotations, hand-offs a replica asks for
 * ({@code maxTotalRows}), a replica shut down mid-stream, suspend and a server restart.
 */
class KafkaReplicasTest {
  @TempDir
  static Path tmp;
  static EmbeddedKafka kafka;
  static KafkaProducer<byte[], byte[]> producer;

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = EmbeddedKafka.start(tmp.resolve("kafka"), 0);
    kafka.createTopic("rep", 3);
    kafka.createTopic("rep_early", 3);
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  @AfterAll
  static void stopKafka() {
    producer.close();
    kafka.close();
  }

  /** Produces and waits for every send to be acknowledged: a lost send would read as lost data. */
  static void produce(String topic, int first, int n) throws Exception {
    List<java.util.concurrent.Future<?>> sends = new ArrayList<>();
    for (int i = first; i < first + n; i++) {
      long t = 1577836800000L + (i % 2) * 86_400_000L + i * 1000L;
      String json = "{\"ts\":" + t + ",\"page\":\"p" + (i % 7) + "\",\"added\":" + i + "}";
      sends.add(producer.send(new ProducerRecord<>(topic, i % 3, null, json.getBytes(StandardCharsets.UTF_8))));
    }
    producer.flush();
    for (java.util.concurrent.Future<?> f : sends) {
      f.get(60, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  static String spec(String dataSource, String topic, String taskDuration, long maxTotalRows) {
    return """
        {"type":"kafka","spec":{
          "dataSchema":{"dataSource":"%s","timestampSpec":{"column":"ts","format":"millis"},
            "dimensionsSpec":{"dimensions":["page"]},
            "metricsSpec":[{"type":"count","name":"count"},{"type":"longSum","name":"added","fieldName":"added"}],
            "granularitySpec":{"segmentGranularity":"day","queryGranularity":"none","rollup":false}},
          "ioConfig":{"topic":"%s","inputFormat":{"type":"json"},
            "consumerProperties":{"bootstrap.servers":"%s"},"useEarliestOffset":true,"taskCount":1,"replicas":2,
            "taskDuration":"%s","startDelay":"PT0S","period":"PT1S"},
          "tuningConfig":{"type":"kafka","maxRowsInMemory":700,"intermediatePersistPeriod":"PT2S",
            "maxTotalRows":%d}}}"""
        .formatted(dataSource, topic, kafka.bootstrapServers(), taskDuration, maxTotalRows);
  }

  static long[] totals(TestServer server, String dataSource) throws Exception {
    JsonNode ts = server.query("""
        {"queryType":"timeseries","dataSource":"%s","granularity":"all","intervals":["2019/2021"],
         "aggregations":[{"type":"longSum","name":"rows","fieldName":"count"},
                         {"type":"longSum","name":"added","fieldName":"added"}]}""".formatted(dataSource));
    if (ts.isEmpty()) {
      return new long[] {0, 0};
    }
    return new long[] {ts.get(0).get("result").get("rows").asLong(), ts.get(0).get("result").get("added").asLong()};
  }

  static void awaitRows(TestServer server, String ds, LongPredicate done, LongPredicate always, Duration within)
      throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    long rows = -1;
    while (System.nanoTime() < deadline) {
      rows = totals(server, ds)[0];
      assertThat(always.test(rows)).as("row count %d seen while waiting", rows).isTrue();
      if (done.test(rows)) {
        return;
      }
      Thread.sleep(25);
    }
    throw new AssertionError("row count still " + rows + " after " + within);
  }

  static long publishedRows(TestServer server, String ds) throws Exception {
    long rows = 0;
    for (JsonNode s : server.get("/druid/coordinator/v1/metadata/datasources/" + ds + "/segments?full").json()) {
      rows += s.get("numRows").asLong();
    }
    return rows;
  }

  static void awaitPublished(TestServer server, String ds, long expected, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    long rows = -1;
    while (System.nanoTime() < deadline) {
      rows = publishedRows(server, ds);
      assertThat(rows).as("published rows never exceed what was produced").isLessThanOrEqualTo(expected);
      if (rows == expected) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("published rows still " + rows + " after " + within);
  }

  static long sumOfAdded(int n) {
    return (long) n * (n - 1) / 2;
  }

  static List<String> activeTasks(TestServer server, String ds) throws Exception {
    List<String> ids = new ArrayList<>();
    JsonNode status = server.get("/druid/indexer/v1/supervisor/" + ds + "/status").json().get("payload");
    status.get("activeTasks").forEach(t -> ids.add(t.get("id").asText()));
    return ids;
  }

  @Test
  void replicasPublishOneCopyThroughRotationsAFailedReplicaSuspendAndRestart() throws Exception {
    produce("rep", 0, 3000);
    try (TestServer server = new TestServer(tmp.resolve("var"))) {
      TestServer.Reply submitted = server.post("/druid/indexer/v1/supervisor", spec("rep_ds", "rep", "PT4S",
          20_000_000));
      assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
      awaitRows(server, "rep_ds", r -> r == 3000, r -> r <= 3000, Duration.ofSeconds(60));
      // Through several coordinated rotations the count stays exact, and one copy is published.
      long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < until) {
        assertThat(totals(server, "rep_ds")[0]).isEqualTo(3000);
        Thread.sleep(20);
      }
      awaitPublished(server, "rep_ds", 3000, Duration.ofSeconds(30));
      JsonNode status = server.get("/druid/indexer/v1/supervisor/rep_ds/status").json().get("payload");
      assertThat(status.get("replicas").asInt()).isEqualTo(2);

      // Two replicas read; one is shut down while records arrive: the other carries the sequence.
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      List<String> active = activeTasks(server, "rep_ds");
      while (active.size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(50);
        active = activeTasks(server, "rep_ds");
      }
      assertThat(active).hasSize(2);
      produce("rep", 3000, 1000);
      TestServer.Reply shutdown = server.post("/druid/indexer/v1/task/" + active.get(0) + "/shutdown", "");
      assertThat(shutdown.status()).as(shutdown.body()).isEqualTo(200);
      awaitRows(server, "rep_ds", r -> r == 4000, r -> r <= 4000, Duration.ofSeconds(60));
      awaitPublished(server, "rep_ds", 4000, Duration.ofSeconds(60));
      assertThat(totals(server, "rep_ds")[1]).isEqualTo(sumOfAdded(4000));

      // Suspend: the replicas end together and hand off; resume and a restart go on from the committed offsets.
      server.post("/druid/indexer/v1/supervisor/rep_ds/suspend", "");
      produce("rep", 4000, 500);
      Thread.sleep(2000);
      assertThat(totals(server, "rep_ds")[0]).isEqualTo(4000);
      server.post("/druid/indexer/v1/supervisor/rep_ds/resume", "");
      awaitRows(server, "rep_ds", r -> r == 4500, r -> r <= 4500, Duration.ofSeconds(60));
      server.restart();
      produce("rep", 4500, 500);
      awaitRows(server, "rep_ds", r -> r == 5000, r -> r <= 5000, Duration.ofSeconds(60));
      awaitPublished(server, "rep_ds", 5000, Duration.ofSeconds(60));
      assertThat(totals(server, "rep_ds")[1]).isEqualTo(sumOfAdded(5000));
    }
  }

  @Test
  void aReplicaDueForHandOffEndsTheSequenceForAllReplicas() throws Exception {
    produce("rep_early", 0, 3000);
    try (TestServer server = new TestServer(tmp.resolve("var-early"))) {
      // A task would read for an hour; maxTotalRows makes the replicas ask for hand-offs instead.
      TestServer.Reply submitted = server.post("/druid/indexer/v1/supervisor", spec("rep_early_ds", "rep_early",
          "PT1H", 1000));
      assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
      awaitRows(server, "rep_early_ds", r -> r == 3000, r -> r <= 3000, Duration.ofSeconds(60));
      awaitPublished(server, "rep_early_ds", 3000, Duration.ofSeconds(60));
      assertThat(totals(server, "rep_early_ds")[1]).isEqualTo(sumOfAdded(3000));
    }
  }
}
