package io.strata.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import io.strata.kafka.EmbeddedKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly-once under {@code kill -9}: a server in its own JVM streams from a real broker while a producer sends
 * events; the server is killed with SIGKILL at seeded random moments (while reading, persisting, handing off,
 * publishing) and restarted; at the end every event is counted exactly once — the row count and the sum of a
 * metric both exact, and never more than was produced at any poll. Once for a Kafka supervisor, once for a Kinesis
 * supervisor (kinesalite), once for the legacy realtime node. The seed is in every failure message;
 * {@code -Dstrata.test.seed=N} replays one.
 */
class StreamingCrashTest {
  static final long SEED = Long.getLong("strata.test.seed", System.currentTimeMillis());
  static final int KILLS = 3;

  @TempDir
  static Path tmp;
  static EmbeddedKafka kafka;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = EmbeddedKafka.start(tmp.resolve("kafka"), 0);
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  /** Sends {@code n} events in the background, about {@code perSecond} a second; returns the thread. */
  static Thread producer(String topic, int partitions, int n, int perSecond, long firstTime, long stepMillis,
                         AtomicInteger sent) {
    Thread t = new Thread(() -> {
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
          new StringSerializer())) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
          String json = "{\"ts\":" + (firstTime + i * stepMillis) + ",\"page\":\"p" + (i % 13) + "\",\"added\":" + i
              + "}";
          producer.send(new ProducerRecord<>(topic, i % partitions, null, json), (meta, e) -> {
            if (e == null) {
              sent.incrementAndGet();
            }
          });
          long due = start + (long) i * 1_000_000_000L / perSecond;
          long wait = due - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
        }
        producer.flush();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, "test-producer");
    t.start();
    return t;
  }

  @Test
  void kafkaSupervisorKilledAtRandomMomentsCountsEveryEventOnce() throws Exception {
    kafka.createTopic("crash_sup", 3);
    Path dataDir = tmp.resolve("var-sup");
    int port = freePort();
    String base = "http://127.0.0.1:" + port;
    int n = 12_000;
    String spec = """
        {"type":"kafka","spec":{
          "dataSchema":{"dataSource":"crash_sup","timestampSpec":{"column":"ts","format":"millis"},
            "dimensionsSpec":{"dimensions":["page"]},
            "metricsSpec":[{"type":"count","name":"count"},{"type":"longSum","name":"added","fieldName":"added"}],
            "granularitySpec":{"segmentGranularity":"hour","queryGranularity":"none","rollup":false}},
          "ioConfig":{"topic":"crash_sup","inputFormat":{"type":"json"},
            "consumerProperties":{"bootstrap.servers":"%s"},"useEarliestOffset":true,"taskCount":2,
            "taskDuration":"PT2S","startDelay":"PT0S","period":"PT1S"},
          "tuningConfig":{"type":"kafka","maxRowsInMemory":500,"intermediatePersistPeriod":"PT1S"}}}"""
        .formatted(kafka.bootstrapServers());
    Process child = startChild(port, dataDir, List.of());
    AtomicInteger sent = new AtomicInteger();
    Thread producing;
    try {
      waitUntilHealthy(base, child);
      assertThat(post(base + "/druid/indexer/v1/supervisor", spec)).contains("crash_sup");
      producing = producer("crash_sup", 3, n, 1500, 1_600_000_000_000L, 1000, sent);
      child = killAndRestartAtRandomMoments(child, port, dataDir, List.of(), base, "crash_sup", sent);
      producing.join();
      assertThat(sent.get()).isEqualTo(n);
      long[] totals = awaitTotals(base, "crash_sup", n, Duration.ofSeconds(90));
      assertThat(totals[0]).as("rows (seed %d)", SEED).isEqualTo(n);
      assertThat(totals[1]).as("sum of added (seed %d)", SEED).isEqualTo((long) n * (n - 1) / 2);
    } finally {
      child.destroyForcibly().waitFor();
    }
  }

  @Test
  void kinesisSupervisorKilledAtRandomMomentsCountsEveryRecordOnce() throws Exception {
    System.setProperty("druid.kinesis.accessKey", "test");
    System.setProperty("druid.kinesis.secretKey", "test");
    Path dataDir = tmp.resolve("var-kinesis");
    int port = freePort();
    String base = "http://127.0.0.1:" + port;
    int n = 9_000;
    try (io.strata.kinesis.Kinesalite kinesalite = io.strata.kinesis.Kinesalite.start();
         software.amazon.awssdk.services.kinesis.KinesisClient kinesis =
             io.strata.kinesis.KinesisClients.create(kinesalite.endpoint())) {
      kinesis.createStream(b -> b.streamName("crash_kinesis").shardCount(3));
      KinesisReshardingTest.awaitActive(kinesis, "crash_kinesis");
      String spec = """
          {"type":"kinesis","spec":{
            "dataSchema":{"dataSource":"crash_kinesis","timestampSpec":{"column":"ts","format":"millis"},
              "dimensionsSpec":{"dimensions":["page"]},
              "metricsSpec":[{"type":"count","name":"count"},{"type":"longSum","name":"added","fieldName":"added"}],
              "granularitySpec":{"segmentGranularity":"hour","queryGranularity":"none","rollup":false}},
            "ioConfig":{"stream":"crash_kinesis","endpoint":"%s","inputFormat":{"type":"json"},
              "useEarliestSequenceNumber":true,"taskCount":2,"taskDuration":"PT2S","startDelay":"PT0S",
              "period":"PT1S"},
            "tuningConfig":{"type":"kinesis","maxRowsInMemory":500,"intermediatePersistPeriod":"PT1S"}}}"""
          .formatted(kinesalite.endpoint());
      Process child = startChild(port, dataDir, List.of());
      AtomicInteger sent = new AtomicInteger();
      try {
        waitUntilHealthy(base, child);
        assertThat(post(base + "/druid/indexer/v1/supervisor", spec)).contains("crash_kinesis");
        Thread producing = kinesisProducer(kinesis, "crash_kinesis", n, 1500, sent);
        child = killAndRestartAtRandomMoments(child, port, dataDir, List.of(), base, "crash_kinesis", sent);
        producing.join();
        assertThat(sent.get()).isEqualTo(n);
        long[] totals = awaitTotals(base, "crash_kinesis", n, Duration.ofSeconds(90));
        assertThat(totals[0]).as("rows (seed %d)", SEED).isEqualTo(n);
        assertThat(totals[1]).as("sum of added (seed %d)", SEED).isEqualTo((long) n * (n - 1) / 2);
      } finally {
        child.destroyForcibly().waitFor();
      }
    }
  }

  /** Puts {@code n} records in batches of 50, about {@code perSecond} a second; returns the thread. */
  static Thread kinesisProducer(software.amazon.awssdk.services.kinesis.KinesisClient kinesis, String stream, int n,
                                int perSecond, AtomicInteger sent) {
    Thread t = new Thread(() -> {
      long start = System.nanoTime();
      List<software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry> batch = new ArrayList<>();
      try {
        for (int i = 0; i < n; i++) {
          String json = "{\"ts\":" + (1_600_000_000_000L + i * 1000L) + ",\"page\":\"p" + (i % 13)
              + "\",\"added\":" + i + "}";
          batch.add(software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry.builder()
              .partitionKey("k" + i).data(software.amazon.awssdk.core.SdkBytes.fromUtf8String(json)).build());
          if (batch.size() == 50 || i == n - 1) {
            List<software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry> records = List.copyOf(batch);
            var r = kinesis.putRecords(b -> b.streamName(stream).records(records));
            if (r.failedRecordCount() != null && r.failedRecordCount() > 0) {
              throw new IllegalStateException(r.failedRecordCount() + " records not put");
            }
            sent.addAndGet(records.size());
            batch.clear();
            long wait = start + (long) (i + 1) * 1_000_000_000L / perSecond - System.nanoTime();
            if (wait > 0) {
              Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "kinesis-producer");
    t.start();
    return t;
  }

  @Test
  void legacyRealtimeNodeKilledAtRandomMomentsCountsEveryEventOnce() throws Exception {
    kafka.createTopic("crash_rt", 1);
    Path dataDir = tmp.resolve("var-rt");
    int port = freePort();
    String base = "http://127.0.0.1:" + port;
    int n = 12_000;
    // Ten seconds between events and hour chunks with a ten-minute window: a hand-off every 360 events or so.
    Path specFile = tmp.resolve("realtime.spec");
    Files.writeString(specFile, """
        [{"dataSchema":{"dataSource":"crash_rt",
            "parser":{"type":"string","parseSpec":{"format":"json",
              "timestampSpec":{"column":"ts","format":"millis"},"dimensionsSpec":{"dimensions":["page"]}}},
            "metricsSpec":[{"type":"count","name":"count"},{"type":"longSum","name":"added","fieldName":"added"}],
            "granularitySpec":{"type":"uniform","segmentGranularity":"HOUR","queryGranularity":"NONE"}},
          "ioConfig":{"type":"realtime","firehose":{"type":"kafka-0.8","feed":"crash_rt",
              "consumerProps":{"bootstrap.servers":"%s","group.id":"druid-example","auto.offset.reset":"smallest",
                               "zookeeper.connect":"localhost:2181"}},
            "plumber":{"type":"realtime"}},
          "tuningConfig":{"type":"realtime","maxRowsInMemory":300,"intermediatePersistPeriod":"PT1S",
            "windowPeriod":"PT10M","rejectionPolicy":{"type":"messageTime"}}}]""".formatted(kafka.bootstrapServers()));
    List<String> realtime = List.of("realtime", "--spec", specFile.toString());
    Process child = startChild(port, dataDir, realtime);
    AtomicInteger sent = new AtomicInteger();
    try {
      waitUntilHealthy(base, child);
      Thread producing = producer("crash_rt", 1, n, 1500, 1_600_000_000_000L, 10_000, sent);
      child = killAndRestartAtRandomMoments(child, port, dataDir, realtime, base, "crash_rt", sent);
      producing.join();
      assertThat(sent.get()).isEqualTo(n);
      long[] totals = awaitTotals(base, "crash_rt", n, Duration.ofSeconds(90));
      assertThat(totals[0]).as("rows (seed %d)", SEED).isEqualTo(n);
      assertThat(totals[1]).as("sum of added (seed %d)", SEED).isEqualTo((long) n * (n - 1) / 2);
      JsonNode segments = Json.MAPPER.readTree(get(base
          + "/druid/coordinator/v1/metadata/datasources/crash_rt/segments?full"));
      assertThat(segments.size()).as("hand-offs happened (seed %d)", SEED).isGreaterThan(3);
    } finally {
      child.destroyForcibly().waitFor();
    }
  }

  private Process killAndRestartAtRandomMoments(Process child, int port, Path dataDir, List<String> args,
                                                String base, String ds, AtomicInteger sent) throws Exception {
    Random random = new Random(SEED ^ ds.hashCode());
    for (int k = 0; k < KILLS; k++) {
      Thread.sleep(500 + random.nextInt(2500));
      long seen = totals(base, ds)[0];
      assertThat(seen).as("rows before kill %d (seed %d)", k, SEED).isLessThanOrEqualTo(sent.get());
      child.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no hand-off
      child = startChild(port, dataDir, args);
      waitUntilHealthy(base, child);
    }
    return child;
  }

  private long[] awaitTotals(String base, String ds, long n, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    long[] t = {0, 0};
    while (System.nanoTime() < deadline) {
      t = totals(base, ds);
      assertThat(t[0]).as("rows never more than produced (seed %d)", SEED).isLessThanOrEqualTo(n);
      if (t[0] == n) {
        return t;
      }
      Thread.sleep(50);
    }
    return t;
  }

  private long[] totals(String base, String ds) throws Exception {
    String body = post(base + "/druid/v2", """
        {"queryType":"timeseries","dataSource":"%s","granularity":"all","intervals":["2000/2100"],
         "aggregations":[{"type":"longSum","name":"rows","fieldName":"count"},
                         {"type":"longSum","name":"added","fieldName":"added"}]}""".formatted(ds));
    JsonNode r = Json.MAPPER.readTree(body);
    if (r.isEmpty()) {
      return new long[] {0, 0};
    }
    return new long[] {r.get(0).get("result").get("rows").asLong(), r.get(0).get("result").get("added").asLong()};
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private Process startChild(int port, Path dataDir, List<String> args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(List.of("-Xmx512m", "-Ddruid.kinesis.accessKey=test", "-Ddruid.kinesis.secretKey=test", "-cp", System.getProperty("java.class.path"), "io.strata.server.cli.StrataCli",
        "server"));
    command.addAll(args);
    command.addAll(List.of("--port", String.valueOf(port), "--data-dir", dataDir.toString()));
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(tmp.resolve(dataDir.getFileName() + ".log").toFile()))
        .start();
  }

  private void waitUntilHealthy(String base, Process child) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline && child.isAlive()) {
      try {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/status/health")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException notYet) {
        // still starting
      }
      Thread.sleep(50);
    }
    throw new AssertionError("child server did not start; see the logs under " + tmp);
  }

  private String post(String url, String body) throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  private String get(String url) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }
}
