package io.strata.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.kafka.EmbeddedKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
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
 * A Kafka supervisor end to end over HTTP against a real broker (in-process KRaft) with three partitions: rows are
 * queryable while they are being read, hand-offs every {@code taskDuration} publish them with no gap and no double
 * count, and suspend, resume, a server restart and terminate keep every record counted once.
 */
class KafkaSupervisorTest {
  @TempDir
  static Path tmp;
  static EmbeddedKafka kafka;
  static KafkaProducer<byte[], byte[]> producer;

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = EmbeddedKafka.start(tmp.resolve("kafka"), 0);
    kafka.createTopic("wiki", 3);
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

  /** Produces {@code n} events numbered from {@code first}, over two days, spread over the partitions. */
  static void produce(int first, int n) throws Exception {
    for (int i = first; i < first + n; i++) {
      long t = 1577836800000L + (i % 2) * 86_400_000L + i * 1000L;
      String json = "{\"ts\":" + t + ",\"page\":\"p" + (i % 7) + "\",\"user\":\"u" + (i % 3) + "\",\"added\":" + i
          + "}";
      producer.send(new ProducerRecord<>("wiki", i % 3, null, json.getBytes(StandardCharsets.UTF_8)));
    }
    producer.send(new ProducerRecord<>("wiki", 0, null, "not json".getBytes(StandardCharsets.UTF_8))).get();
    producer.flush();
  }

  static String supervisorSpec(String taskDuration) {
    return """
        {"type":"kafka","spec":{
          "dataSchema":{"dataSource":"wiki_stream",
            "timestampSpec":{"column":"ts","format":"millis"},
            "dimensionsSpec":{"dimensions":["page","user"]},
            "metricsSpec":[{"type":"count","name":"count"},{"type":"longSum","name":"added","fieldName":"added"}],
            "granularitySpec":{"segmentGranularity":"day","queryGranularity":"none","rollup":false}},
          "ioConfig":{"topic":"wiki","inputFormat":{"type":"json"},
            "consumerProperties":{"bootstrap.servers":"%s"},"useEarliestOffset":true,"taskCount":2,
            "taskDuration":"%s","startDelay":"PT0S","period":"PT1S"},
          "tuningConfig":{"type":"kafka","maxRowsInMemory":700,"intermediatePersistPeriod":"PT2S"}}}"""
        .formatted(kafka.bootstrapServers(), taskDuration);
  }

  static long[] totals(TestServer server) throws Exception {
    JsonNode ts = server.query("""
        {"queryType":"timeseries","dataSource":"wiki_stream","granularity":"all","intervals":["2019/2021"],
         "aggregations":[{"type":"longSum","name":"rows","fieldName":"count"},
                         {"type":"longSum","name":"added","fieldName":"added"}]}""");
    if (ts.isEmpty()) {
      return new long[] {0, 0};
    }
    return new long[] {ts.get(0).get("result").get("rows").asLong(), ts.get(0).get("result").get("added").asLong()};
  }

  /** Polls the row count until {@code done}; every count seen on the way must satisfy {@code always}. */
  static long awaitRows(TestServer server, LongPredicate done, LongPredicate always, Duration within)
      throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    long rows = -1;
    while (System.nanoTime() < deadline) {
      rows = totals(server)[0];
      assertThat(always.test(rows)).as("row count %d seen while waiting", rows).isTrue();
      if (done.test(rows)) {
        return rows;
      }
      Thread.sleep(25);
    }
    throw new AssertionError("row count still " + rows + " after " + within);
  }

  static long sumOfAdded(int n) {
    return (long) n * (n - 1) / 2;
  }

  @Test
  void streamsQueryableAtOnceHandsOffExactlyOnceAndSurvivesSuspendRestartAndTerminate() throws Exception {
    Path var = tmp.resolve("var");
    produce(0, 3000);
    try (TestServer server = new TestServer(var)) {
      TestServer.Reply submitted = server.post("/druid/indexer/v1/supervisor", supervisorSpec("PT4S"));
      assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
      assertThat(submitted.json().get("id").asText()).isEqualTo("wiki_stream");
      // Queryable from the live sinks, then through hand-offs: never more than what was produced.
      awaitRows(server, r -> r == 3000, r -> r <= 3000, Duration.ofSeconds(60));
      assertThat(totals(server)[1]).isEqualTo(sumOfAdded(3000));
      assertThat(server.get("/druid/v2/datasources").json().toString()).contains("wiki_stream");
      // Across several hand-offs (4 s tasks), the count stays exact at every poll.
      long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < until) {
        assertThat(totals(server)[0]).isEqualTo(3000);
        Thread.sleep(20);
      }
      JsonNode segments = server.get("/druid/coordinator/v1/metadata/datasources/wiki_stream/segments?full").json();
      assertThat(segments.size()).as("published segments after hand-off").isGreaterThan(0);
      long publishedRows = 0;
      for (JsonNode s : segments) {
        publishedRows += s.get("numRows").asLong();
      }
      assertThat(publishedRows).isEqualTo(3000);
      JsonNode status = server.get("/druid/indexer/v1/supervisor/wiki_stream/status").json().get("payload");
      assertThat(status.get("state").asText()).isEqualTo("RUNNING");
      assertThat(status.get("partitions").asInt()).isEqualTo(3);
      assertThat(status.get("aggregateLag").asLong()).isZero();
      assertThat(server.get("/druid/indexer/v1/supervisor").json().toString()).isEqualTo("[\"wiki_stream\"]");
      JsonNode tasks = server.get("/druid/indexer/v1/tasks?datasource=wiki_stream").json();
      assertThat(tasks.get(0).get("type").asText()).isEqualTo("index_kafka");

      // Suspend: tasks hand off, nothing more is read.
      JsonNode suspended = server.post("/druid/indexer/v1/supervisor/wiki_stream/suspend", "").json();
      assertThat(suspended.get("suspended").asBoolean()).isTrue();
      produce(3000, 500);
      Thread.sleep(3000);
      assertThat(totals(server)[0]).isEqualTo(3000);
      assertThat(server.get("/druid/indexer/v1/supervisor/wiki_stream/status").json().get("payload").get("state")
          .asText()).isEqualTo("SUSPENDED");
      server.post("/druid/indexer/v1/supervisor/wiki_stream/resume", "");
      awaitRows(server, r -> r == 3500, r -> r <= 3500, Duration.ofSeconds(60));

      // A restart (the supervisor is stored) reads on from the committed offsets.
      server.restart();
      produce(3500, 500);
      awaitRows(server, r -> r == 4000, r -> r <= 4000, Duration.ofSeconds(60));
      assertThat(totals(server)[1]).isEqualTo(sumOfAdded(4000));

      JsonNode terminated = server.post("/druid/indexer/v1/supervisor/wiki_stream/terminate", "").json();
      assertThat(terminated.get("id").asText()).isEqualTo("wiki_stream");
      assertThat(server.get("/druid/indexer/v1/supervisor/wiki_stream").status()).isEqualTo(404);
      assertThat(server.get("/druid/indexer/v1/supervisor/wiki_stream/history").json().size()).isGreaterThan(0);
      awaitRows(server, r -> r == 4000, r -> r <= 4000, Duration.ofSeconds(30));
    }
  }

  @Test
  void aBacklogIsParsedAheadOfIndexingAndEveryRecordsOutcomeIsCountedOnce() throws Exception {
    // 6,000 records behind with maxRowsInMemory 500: the task catches up, parsing the next batch on its parsing
    // thread while it indexes the last one. Each record ends one way: indexed, unparseable, or filtered out.
    kafka.createTopic("backlog", 1);
    int n = 6000;
    long indexed = 0;
    long added = 0;
    for (int i = 0; i < n; i++) {
      String json;
      if (i % 10 == 3) {
        json = "{not json " + i;
      } else {
        json = "{\"ts\":" + (1577836800000L + i * 1000L) + ",\"page\":\"" + (i % 7 == 0 ? "skip" : "p" + (i % 5))
            + "\",\"added\":" + i + "}";
        if (i % 7 != 0) {
          indexed++;
          added += i;
        }
      }
      producer.send(new ProducerRecord<>("backlog", 0, null, json.getBytes(StandardCharsets.UTF_8)));
    }
    producer.flush();
    long unparseable = n / 10;
    long filtered = n - unparseable - indexed;
    String spec = """
        {"type":"kafka","spec":{
          "dataSchema":{"dataSource":"backlog","timestampSpec":{"column":"ts","format":"millis"},
            "dimensionsSpec":{"dimensions":["page"]},
            "metricsSpec":[{"type":"count","name":"count"},{"type":"longSum","name":"added","fieldName":"added"}],
            "granularitySpec":{"segmentGranularity":"hour","queryGranularity":"none","rollup":false},
            "transformSpec":{"filter":{"type":"not","field":{"type":"selector","dimension":"page","value":"skip"}}}},
          "ioConfig":{"topic":"backlog","inputFormat":{"type":"json"},
            "consumerProperties":{"bootstrap.servers":"%s","max.poll.records":"200"},"useEarliestOffset":true,
            "startDelay":"PT0S"},
          "tuningConfig":{"type":"kafka","maxRowsInMemory":500,"maxParseExceptions":1000000}}}"""
        .formatted(kafka.bootstrapServers());
    try (TestServer server = new TestServer(tmp.resolve("var-backlog"))) {
      assertThat(server.post("/druid/indexer/v1/supervisor", spec).status()).isEqualTo(200);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      JsonNode totals = null;
      while (System.nanoTime() < deadline) {
        JsonNode stats = server.get("/druid/indexer/v1/supervisor/backlog/stats").json();
        if (stats.has("0") && stats.get("0").elements().hasNext()) {
          totals = stats.get("0").elements().next().get("totals").get("buildSegments");
          if (totals.get("processed").asLong() + totals.get("unparseable").asLong()
              + totals.get("thrownAway").asLong() >= n) {
            break;
          }
        }
        Thread.sleep(50);
      }
      assertThat(totals).as("stats of the catch-up").isNotNull();
      assertThat(totals.get("processed").asLong()).isEqualTo(indexed);
      assertThat(totals.get("unparseable").asLong()).isEqualTo(unparseable);
      assertThat(totals.get("thrownAway").asLong()).isEqualTo(filtered);
      assertThat(Thread.getAllStackTraces().keySet()).as("a parsing thread worked ahead during the catch-up")
          .anyMatch(t -> t.getName().startsWith("stream-parse-index_kafka_backlog"));
      JsonNode ts = server.query("""
          {"queryType":"timeseries","dataSource":"backlog","granularity":"all","intervals":["2000/2100"],
           "aggregations":[{"type":"longSum","name":"rows","fieldName":"count"},
                           {"type":"longSum","name":"added","fieldName":"added"}]}""");
      assertThat(ts.get(0).get("result").get("rows").asLong()).isEqualTo(indexed);
      assertThat(ts.get(0).get("result").get("added").asLong()).isEqualTo(added);
      server.post("/druid/indexer/v1/supervisor/backlog/terminate", "");
    }
  }

  @Test
  void lateAndEarlyRowsAreCountedReportedAndSentToTheDeadLetterTopicWithTheReason() throws Exception {
    kafka.createTopic("timely", 2);
    long now = System.currentTimeMillis();
    String[] rows = {
        "{\"ts\":" + now + ",\"page\":\"on-time\",\"added\":1}",
        "{\"ts\":" + (now - 3 * 3_600_000L) + ",\"page\":\"late\",\"added\":10}",
        "{\"ts\":" + (now + 5 * 3_600_000L) + ",\"page\":\"early\",\"added\":100}",
        "{\"ts\":" + (now - 1000) + ",\"page\":\"on-time\",\"added\":2}",
    };
    for (int i = 0; i < rows.length; i++) {
      producer.send(new ProducerRecord<>("timely", i % 2, null, rows[i].getBytes(StandardCharsets.UTF_8))).get();
    }
    String spec = """
        {"type":"kafka","spec":{
          "dataSchema":{"dataSource":"timely","timestampSpec":{"column":"ts","format":"millis"},
            "dimensionsSpec":{"dimensions":["page"]},
            "metricsSpec":[{"type":"count","name":"count"},{"type":"longSum","name":"added","fieldName":"added"}],
            "granularitySpec":{"segmentGranularity":"hour","queryGranularity":"none","rollup":false}},
          "ioConfig":{"topic":"timely","inputFormat":{"type":"json"},
            "consumerProperties":{"bootstrap.servers":"%s"},"useEarliestOffset":true,"startDelay":"PT0S",
            "lateMessageRejectionPeriod":"PT1H","earlyMessageRejectionPeriod":"PT1H"},
          "tuningConfig":{"type":"kafka","deadLetter":{"type":"kafka","topic":"timely-rejected"}}}}"""
        .formatted(kafka.bootstrapServers());
    try (TestServer server = new TestServer(tmp.resolve("var-timely"))) {
      assertThat(server.post("/druid/indexer/v1/supervisor", spec).status()).isEqualTo(200);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      JsonNode stats = null;
      while (System.nanoTime() < deadline) {
        stats = server.get("/druid/indexer/v1/supervisor/timely/stats").json();
        if (stats.toString().contains("\"processed\":2") && stats.toString().contains("\"rejectedEarly\":1")) {
          break;
        }
        Thread.sleep(50);
      }
      JsonNode totals = stats.get("0").elements().next().get("totals").get("buildSegments");
      assertThat(totals.get("processed").asLong()).isEqualTo(2);
      assertThat(totals.get("thrownAway").asLong()).isEqualTo(2);
      assertThat(totals.get("rejectedLate").asLong()).isEqualTo(1);
      assertThat(totals.get("rejectedEarly").asLong()).isEqualTo(1);
      JsonNode ts = server.query("""
          {"queryType":"timeseries","dataSource":"timely","granularity":"all","intervals":["2000/2100"],
           "aggregations":[{"type":"longSum","name":"added","fieldName":"added"}]}""");
      assertThat(ts.get(0).get("result").get("added").asLong()).isEqualTo(3);
      server.post("/druid/indexer/v1/supervisor/timely/terminate", "");
    }
    // The rejected rows reached the dead-letter topic, each with why.
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "check");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<JsonNode> dead = new ArrayList<>();
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      c.subscribe(List.of("timely-rejected"));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (dead.size() < 2 && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
          dead.add(io.strata.api.json.Json.MAPPER.readTree(r.value()));
        }
      }
    }
    assertThat(dead).extracting(d -> d.get("reason").asText() + ":" + d.get("record").get("page").asText())
        .containsExactlyInAnyOrder("late:late", "early:early");
    assertThat(dead).allSatisfy(d -> {
      assertThat(d.get("stream").asText()).isEqualTo("timely");
      assertThat(d.get("detail").asText()).contains("MessageTime");
      assertThat(d.has("offset")).isTrue();
    });
  }
}
