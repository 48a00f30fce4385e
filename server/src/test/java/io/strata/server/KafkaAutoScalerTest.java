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
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lag-based auto-scaler of a Kafka supervisor: with a backlog it scales out (one task to three: scaleOutStep 2,
 * no more tasks than partitions), and once the lag is gone it scales back in step by step to taskCountMin; every
 * event is counted exactly once through both regroupings. A wrong autoScalerConfig is refused with its field named.
 */
class KafkaAutoScalerTest {
  private static final int EVENTS = 200_000;

  @TempDir
  Path tmp;

  private static String spec(String bootstrap, String autoScaler) {
    return """
        {"type":"kafka","spec":{
          "dataSchema":{"dataSource":"scaled",
            "timestampSpec":{"column":"ts","format":"millis"},
            "dimensionsSpec":{"dimensions":["k"]},
            "metricsSpec":[{"type":"count","name":"count"},{"type":"longSum","name":"n","fieldName":"n"}],
            "granularitySpec":{"segmentGranularity":"day","queryGranularity":"none","rollup":false}},
          "ioConfig":{"topic":"backlog","inputFormat":{"type":"json"},
            "consumerProperties":{"bootstrap.servers":"%s"},"useEarliestOffset":true,"taskCount":1,
            "taskDuration":"PT1H","startDelay":"PT0S","period":"PT0.2S","autoScalerConfig":%s},
          "tuningConfig":{"type":"kafka"}}}""".formatted(bootstrap, autoScaler);
  }

  private static long[] totals(TestServer server) throws Exception {
    JsonNode ts = server.query("""
        {"queryType":"timeseries","dataSource":"scaled","granularity":"all","intervals":["2019/2021"],
         "aggregations":[{"type":"longSum","name":"events","fieldName":"count"},
                         {"type":"longSum","name":"n","fieldName":"n"}]}""");
    return ts.isEmpty() ? new long[] {0, 0}
        : new long[] {ts.get(0).get("result").get("events").asLong(), ts.get(0).get("result").get("n").asLong()};
  }

  @Test
  void scalesOutOnABacklogAndBackInWhenItIsGoneCountingEveryEventOnce() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(tmp.resolve("kafka"), 0)) {
      kafka.createTopic("backlog", 3);
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
      try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
          new ByteArraySerializer())) {
        for (int i = 0; i < EVENTS; i++) {
          String json = "{\"ts\":" + (1577836800000L + i) + ",\"k\":\"k" + (i % 11) + "\",\"n\":" + (i % 100) + "}";
          producer.send(new ProducerRecord<>("backlog", i % 3, null, json.getBytes(StandardCharsets.UTF_8)));
        }
        producer.flush();
      }
      try (TestServer server = new TestServer(tmp.resolve("var"))) {
        TestServer.Reply noMax = server.post("/druid/indexer/v1/supervisor",
            spec(kafka.bootstrapServers(), "{\"enableTaskAutoScaler\":true,\"taskCountMin\":1}"));
        assertThat(noMax.status()).isEqualTo(400);
        assertThat(noMax.json().get("error").asText()).contains("autoScalerConfig.taskCountMax");
        TestServer.Reply cost = server.post("/druid/indexer/v1/supervisor", spec(kafka.bootstrapServers(),
            "{\"enableTaskAutoScaler\":true,\"taskCountMin\":1,\"taskCountMax\":3,\"autoScalerStrategy\":\"costBased\"}"));
        assertThat(cost.status()).isEqualTo(400);
        assertThat(cost.json().get("error").asText()).contains("autoScalerConfig.autoScalerStrategy");

        TestServer.Reply ok = server.post("/druid/indexer/v1/supervisor", spec(kafka.bootstrapServers(), """
            {"enableTaskAutoScaler":true,"taskCountMin":1,"taskCountMax":5,"lagCollectionIntervalMillis":50,
             "lagCollectionRangeMillis":300,"scaleActionStartDelayMillis":0,"scaleActionPeriodMillis":150,
             "scaleOutThreshold":1000,"triggerScaleOutFractionThreshold":0.3,"scaleInThreshold":0,
             "triggerScaleInFractionThreshold":0.9,"minTriggerScaleActionFrequencyMillis":600,"scaleOutStep":2,
             "scaleInStep":1}"""));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);

        long expectedN = 0;
        for (int i = 0; i < EVENTS; i++) {
          expectedN += i % 100;
        }
        int mostActive = 0;
        int lastActive = -1;
        boolean done = false;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
          long[] t = totals(server);
          assertThat(t[0]).as("events counted while scaling").isLessThanOrEqualTo(EVENTS);
          JsonNode status = server.get("/druid/indexer/v1/supervisor/scaled/status").json().get("payload");
          lastActive = status.get("activeTasks").size();
          mostActive = Math.max(mostActive, lastActive);
          if (t[0] == EVENTS && mostActive == 3 && lastActive == 1 && status.get("publishingTasks").isEmpty()) {
            assertThat(t[1]).isEqualTo(expectedN);
            done = true;
            break;
          }
          Thread.sleep(50);
        }
        assertThat(mostActive).as("scaled out to one task per partition").isEqualTo(3);
        assertThat(lastActive).as("scaled back in to taskCountMin").isEqualTo(1);
        assertThat(done).as("all events counted once after scaling out and in").isTrue();

        // As Druid: the spec's taskCount follows the scaling, each change stored as a version in the history.
        JsonNode current = server.get("/druid/indexer/v1/supervisor/scaled").json();
        assertThat(current.at("/spec/ioConfig/taskCount").asInt()).isEqualTo(1);
        List<Integer> counts = new java.util.ArrayList<>();
        server.get("/druid/indexer/v1/supervisor/scaled/history").json()
            .forEach(v -> counts.add(v.at("/spec/spec/ioConfig/taskCount").asInt()));
        assertThat(counts).as("history, newest first").startsWith(1, 2, 3).endsWith(1);
      }
    }
  }
}
