package io.strata.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import io.strata.kafka.EmbeddedKafka;
import io.strata.kafka.LegacyKafkaProperties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's "Loading Streaming Data" tutorial, verbatim: the realtime node runs
 * {@code examples/indexing/wikipedia.spec} unchanged (a {@code kafka-0.7.2} firehose with ZooKeeper-era consumer
 * properties, {@code autooffset.reset: largest}, a {@code messageTime} rejection policy), the five events are typed
 * into the topic with Kafka's own producer client, and the TimeBoundary query returns exactly the seed's result. The
 * node's restarts keep every event counted once.
 */
class RealtimeTutorialTest {
  /** The TimeBoundary result printed in the seed. */
  static final String SEED_TIME_BOUNDARY = """
      [ {
        "timestamp" : "2013-08-31T01:02:33.000Z",
        "result" : {
          "minTime" : "2013-08-31T01:02:33.000Z",
          "maxTime" : "2013-08-31T12:41:27.000Z"
        }
      } ]""";

  @TempDir
  static Path tmp;
  static EmbeddedKafka kafka;

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = EmbeddedKafka.start(tmp.resolve("kafka"), 0);
    kafka.createTopic("wikipedia", 1);
    // The seed's spec names only ZooKeeper; the brokers come from this property (else localhost:9092).
    System.setProperty(LegacyKafkaProperties.BOOTSTRAP_PROPERTY, kafka.bootstrapServers());
  }

  @AfterAll
  static void stopKafka() {
    System.clearProperty(LegacyKafkaProperties.BOOTSTRAP_PROPERTY);
    kafka.close();
  }

  static void produce(List<String> lines) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
        new StringSerializer())) {
      for (String line : lines) {
        producer.send(new ProducerRecord<>("wikipedia", line)).get();
      }
    }
  }

  static void awaitReading(TestServer server, String taskId) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      TestServer.Reply r = server.get("/druid/indexer/v1/task/" + taskId + "/reports");
      if (r.status() == 200 && r.body().contains("BUILD_SEGMENTS")) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("task " + taskId + " never started reading");
  }

  static JsonNode awaitQuery(TestServer server, String query, String expected) throws Exception {
    JsonNode want = Json.MAPPER.readTree(expected);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode got = null;
    while (System.nanoTime() < deadline) {
      got = server.query(query);
      if (want.equals(got)) {
        return got;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("expected " + want + " but the query kept answering " + got);
  }

  static long count(TestServer server) throws Exception {
    JsonNode r = server.query("""
        {"queryType":"timeseries","dataSource":"wikipedia","granularity":"all","intervals":["2013/2014"],
         "aggregations":[{"type":"longSum","name":"n","fieldName":"count"},
                         {"type":"doubleSum","name":"added","fieldName":"added"}]}""");
    return r.isEmpty() ? 0 : r.get(0).get("result").get("n").asLong();
  }

  @Test
  void theSeedsSpecVerbatimGivesTheSeedsTimeBoundaryAndRestartsCountEachEventOnce() throws Exception {
    Path specFile = TestServer.REPO_ROOT.resolve("examples/indexing/wikipedia.spec");
    List<String> events = Files.readAllLines(TestServer.REPO_ROOT.resolve("examples/tutorial/wikipedia-events.json"));
    assertThat(events).hasSize(5);
    try (TestServer server = new TestServer(tmp.resolve("var"))) {
      List<String> tasks = server.server.startRealtime(StrataServer.readRealtimeSpecs(specFile));
      assertThat(tasks).singleElement().asString().startsWith("index_realtime_wikipedia_");
      awaitReading(server, tasks.get(0));
      produce(events);
      awaitQuery(server, "{\"queryType\":\"timeBoundary\",\"dataSource\":\"wikipedia\"}", SEED_TIME_BOUNDARY);
      assertThat(count(server)).isEqualTo(5);
      assertThat(server.get("/druid/v2/datasources").json().toString()).contains("wikipedia");

      // A node restart: the stop hands off what the task holds; the new task reads on after it.
      server.restart();
      assertThat(count(server)).isEqualTo(5);
      List<String> again = server.server.startRealtime(StrataServer.readRealtimeSpecs(specFile));
      awaitReading(server, again.get(0));
      produce(List.of(events.get(0).replace("2013-08-31T01:02:33Z", "2013-08-31T13:00:00Z")));
      awaitQuery(server, """
          {"queryType":"timeseries","dataSource":"wikipedia","granularity":"all","intervals":["2013/2014"],
           "aggregations":[{"type":"longSum","name":"n","fieldName":"count"}]}""",
          "[{\"timestamp\":\"2013-08-31T01:02:33.000Z\",\"result\":{\"n\":6}}]");
      JsonNode segments = server.get("/druid/coordinator/v1/metadata/datasources/wikipedia/segments?full").json();
      assertThat(segments.size()).as("the first task's hand-off at the restart").isEqualTo(1);
      assertThat(segments.get(0).get("numRows").asLong()).isEqualTo(5);
    }
  }
}
