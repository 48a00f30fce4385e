package io.strata.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.kafka.EmbeddedKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Kafka supervisor with {@code topicPattern} reads every topic whose whole name the pattern matches, topics
 * created after it started included, each event exactly once; partitions are named {@code "topic:N"} in its status
 * and committed offsets, as Druid names them. A spec with both {@code topic} and {@code topicPattern}, or a pattern
 * that is no regular expression, is refused with a 400 naming the field.
 */
class KafkaTopicPatternTest {
  @TempDir
  Path tmp;

  private static String spec(String bootstrap, String ioTopic) {
    return """
        {"type":"kafka","spec":{
          "dataSchema":{"dataSource":"clicks",
            "timestampSpec":{"column":"ts","format":"millis"},
            "dimensionsSpec":{"dimensions":["topic"]},
            "metricsSpec":[{"type":"count","name":"count"},{"type":"longSum","name":"n","fieldName":"n"}],
            "granularitySpec":{"segmentGranularity":"day","queryGranularity":"none","rollup":false}},
          "ioConfig":{%s,"inputFormat":{"type":"json"},
            "consumerProperties":{"bootstrap.servers":"%s"},"useEarliestOffset":true,"taskCount":2,
            "taskDuration":"PT3S","startDelay":"PT0S","period":"PT1S"},
          "tuningConfig":{"type":"kafka"}}}""".formatted(ioTopic, bootstrap);
  }

  private static void produce(KafkaProducer<byte[], byte[]> producer, String topic, int partitions, int events)
      throws Exception {
    for (int i = 0; i < events; i++) {
      String json = "{\"ts\":" + (1577836800000L + i * 1000L) + ",\"topic\":\"" + topic + "\",\"n\":" + i + "}";
      producer.send(new ProducerRecord<>(topic, i % partitions, null, json.getBytes(StandardCharsets.UTF_8)));
    }
    producer.flush();
  }

  /** Events counted per topic, in topic order: [topic, count, sum of n]. */
  private static List<String> perTopic(TestServer server) throws Exception {
    JsonNode rows = server.query("""
        {"queryType":"groupBy","dataSource":"clicks","granularity":"all","intervals":["2019/2021"],
         "dimensions":["topic"],"aggregations":[{"type":"longSum","name":"events","fieldName":"count"},
           {"type":"longSum","name":"n","fieldName":"n"}]}""");
    List<String> out = new ArrayList<>();
    rows.forEach(r -> out.add(r.get("event").get("topic").asText() + "=" + r.get("event").get("events").asLong()
        + "/" + r.get("event").get("n").asLong()));
    return out;
  }

  private static List<String> awaitPerTopic(TestServer server, List<String> want) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    List<String> seen = List.of();
    while (System.nanoTime() < deadline) {
      seen = perTopic(server);
      if (seen.equals(want)) {
        return seen;
      }
      Thread.sleep(50);
    }
    return seen;
  }

  @Test
  void readsEveryMatchingTopicIncludingTopicsCreatedLaterAndNothingElse() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(tmp.resolve("kafka"), 0)) {
      kafka.createTopic("clicks-a", 2);
      kafka.createTopic("clicks-b", 1);
      kafka.createTopic("views", 1);
      kafka.createTopic("my-clicks-x", 1); // "clicks-.*" matches part of this name only: not read
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
          new ByteArraySerializer());
           TestServer server = new TestServer(tmp.resolve("var"))) {
        produce(producer, "clicks-a", 2, 300);
        produce(producer, "clicks-b", 1, 200);
        produce(producer, "views", 1, 50);
        produce(producer, "my-clicks-x", 1, 40);

        TestServer.Reply both = server.post("/druid/indexer/v1/supervisor",
            spec(kafka.bootstrapServers(), "\"topic\":\"clicks-a\",\"topicPattern\":\"clicks-.*\""));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().get("error").asText()).contains("topicPattern").contains("topic");
        TestServer.Reply bad = server.post("/druid/indexer/v1/supervisor",
            spec(kafka.bootstrapServers(), "\"topicPattern\":\"clicks-(\""));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").asText()).contains("topicPattern").contains("regular expression");

        TestServer.Reply ok = server.post("/druid/indexer/v1/supervisor",
            spec(kafka.bootstrapServers(), "\"topicPattern\":\"clicks-.*\""));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(awaitPerTopic(server, List.of("clicks-a=300/44850", "clicks-b=200/19900")))
            .containsExactly("clicks-a=300/44850", "clicks-b=200/19900");

        JsonNode status = server.get("/druid/indexer/v1/supervisor/clicks/status").json().get("payload");
        assertThat(status.get("stream").asText()).isEqualTo("clicks-.*");
        assertThat(status.get("partitions").asInt()).isEqualTo(3);
        List<String> keys = new ArrayList<>();
        status.get("latestOffsets").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("clicks-a:0", "clicks-a:1", "clicks-b:0");
        assertThat(status.get("latestOffsets").get("clicks-a:0").asLong()).isEqualTo(150);

        // A topic created now that matches is picked up, from its earliest record; the others go on.
        kafka.createTopic("clicks-c", 2);
        produce(producer, "clicks-c", 2, 120);
        produce(producer, "clicks-a", 2, 10);
        assertThat(awaitPerTopic(server, List.of("clicks-a=310/44895", "clicks-b=200/19900", "clicks-c=120/7140")))
            .containsExactly("clicks-a=310/44895", "clicks-b=200/19900", "clicks-c=120/7140");

        // Hand-offs publish them with the offsets, keyed by topic and partition.
        assertThat(server.post("/druid/indexer/v1/supervisor/clicks/suspend", "").status()).isEqualTo(200);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode metadata = null;
        while (System.nanoTime() < deadline) {
          JsonNode s = server.get("/druid/indexer/v1/supervisor/clicks/status").json().get("payload");
          if (s.get("activeTasks").isEmpty() && s.get("publishingTasks").isEmpty()) {
            metadata = server.query("{\"queryType\":\"dataSourceMetadata\",\"dataSource\":\"clicks\"}");
            break;
          }
          Thread.sleep(50);
        }
        assertThat(metadata).as("suspended supervisor with no tasks").isNotNull();
        assertThat(perTopic(server)).containsExactly("clicks-a=310/44895", "clicks-b=200/19900", "clicks-c=120/7140");
      }
    }
  }
}
