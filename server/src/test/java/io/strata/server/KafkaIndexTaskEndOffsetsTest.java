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
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code index_kafka} tasks submitted by hand with finite end offsets (Druid's way of re-reading a range): a task
 * ingests exactly the records before its end — those a poll returned beyond it are left to the next task — and
 * commits its end, so a second task from there continues with nothing lost or doubled.
 */
class KafkaIndexTaskEndOffsetsTest {
  @TempDir
  Path tmp;

  static String task(String servers, long start, long end) {
    return """
        {"type":"index_kafka","dataSchema":{"dataSource":"ranged",
           "timestampSpec":{"column":"ts","format":"millis"},"dimensionsSpec":{"dimensions":["page"]},
           "metricsSpec":[{"type":"count","name":"count"},{"type":"longSum","name":"n","fieldName":"n"}],
           "granularitySpec":{"segmentGranularity":"day","queryGranularity":"none","rollup":false}},
         "ioConfig":{"type":"kafka",
           "startSequenceNumbers":{"type":"start","stream":"ranged","partitionSequenceNumberMap":{"0":%d}},
           "endSequenceNumbers":{"type":"end","stream":"ranged","partitionSequenceNumberMap":{"0":%d}},
           "consumerProperties":{"bootstrap.servers":"%s"},"inputFormat":{"type":"json"}}}"""
        .formatted(start, end, servers);
  }

  @Test
  void aTaskStopsAtItsEndOffsetAndTheNextGoesOnFromIt() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(tmp.resolve("kafka"), 0)) {
      kafka.createTopic("ranged", 1);
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
          new ByteArraySerializer())) {
        for (int i = 0; i < 100; i++) {
          String json = "{\"ts\":" + (1577836800000L + i) + ",\"page\":\"p" + (i % 3) + "\",\"n\":" + i + "}";
          producer.send(new ProducerRecord<>("ranged", 0, null, json.getBytes(StandardCharsets.UTF_8)));
        }
        producer.flush();
      }
      try (TestServer server = new TestServer(tmp.resolve("var"))) {
        JsonNode first = server.runTask(task(kafka.bootstrapServers(), 0, 60));
        assertThat(first.get("status").asText()).as(first.toString()).isEqualTo("SUCCESS");
        assertThat(sums(server)).containsExactly(60, 59 * 60 / 2);
        JsonNode second = server.runTask(task(kafka.bootstrapServers(), 60, 100));
        assertThat(second.get("status").asText()).as(second.toString()).isEqualTo("SUCCESS");
        assertThat(sums(server)).containsExactly(100, 99 * 100 / 2);
      }
    }
  }

  private static long[] sums(TestServer server) throws Exception {
    JsonNode ts = server.query("""
        {"queryType":"timeseries","dataSource":"ranged","granularity":"all","intervals":["2019/2021"],
         "aggregations":[{"type":"longSum","name":"rows","fieldName":"count"},
                         {"type":"longSum","name":"n","fieldName":"n"}]}""");
    return new long[] {ts.get(0).get("result").get("rows").asLong(), ts.get(0).get("result").get("n").asLong()};
  }
}
