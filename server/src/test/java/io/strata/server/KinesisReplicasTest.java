package io.strata.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.kinesis.Kinesalite;
import io.strata.kinesis.KinesisClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Kinesis supervisor with {@code replicas: 2} (kinesalite, three shards): two tasks read the same shards, queries
 * count each record once, the replicas end each sequence together at the furthest sequence numbers either reached,
 * and one copy is published — through rotations, one replica shut down mid-stream, and a server restart.
 */
class KinesisReplicasTest {
  @TempDir
  Path tmp;

  private static void put(KinesisClient client, int first, int n) {
    List<PutRecordsRequestEntry> entries = new ArrayList<>();
    for (int i = first; i < first + n; i++) {
      String json = "{\"ts\":" + (1577836800000L + (i % 2) * 86_400_000L + i * 1000L) + ",\"page\":\"p" + (i % 7)
          + "\",\"added\":" + i + "}";
      entries.add(PutRecordsRequestEntry.builder().partitionKey("key-" + i).data(SdkBytes.fromUtf8String(json))
          .build());
      if (entries.size() == 500 || i == first + n - 1) {
        List<PutRecordsRequestEntry> batch = List.copyOf(entries);
        assertThat(client.putRecords(b -> b.streamName("rep").records(batch)).failedRecordCount()).isZero();
        entries.clear();
      }
    }
  }

  @Test
  void replicasPublishOneCopyThroughRotationsAShutDownReplicaAndARestart() throws Exception {
    System.setProperty("druid.kinesis.accessKey", "test");
    System.setProperty("druid.kinesis.secretKey", "test");
    try (Kinesalite kinesalite = Kinesalite.start();
         KinesisClient client = KinesisClients.create(kinesalite.endpoint());
         TestServer server = new TestServer(tmp.resolve("var"))) {
      client.createStream(b -> b.streamName("rep").shardCount(3));
      KinesisReshardingTest.awaitActive(client, "rep");
      put(client, 0, 2000);
      TestServer.Reply submitted = server.post("/druid/indexer/v1/supervisor", """
          {"type":"kinesis","spec":{
            "dataSchema":{"dataSource":"rep_kinesis","timestampSpec":{"column":"ts","format":"millis"},
              "dimensionsSpec":{"dimensions":["page"]},
              "metricsSpec":[{"type":"count","name":"count"},{"type":"longSum","name":"added","fieldName":"added"}],
              "granularitySpec":{"segmentGranularity":"day","queryGranularity":"none","rollup":false}},
            "ioConfig":{"stream":"rep","endpoint":"%s","inputFormat":{"type":"json"},
              "useEarliestSequenceNumber":true,"taskCount":1,"replicas":2,"taskDuration":"PT4S",
              "startDelay":"PT0S","period":"PT1S"},
            "tuningConfig":{"type":"kinesis","maxRowsInMemory":700,"intermediatePersistPeriod":"PT2S"}}}"""
          .formatted(kinesalite.endpoint()));
      assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
      KafkaReplicasTest.awaitRows(server, "rep_kinesis", r -> r == 2000, r -> r <= 2000, Duration.ofSeconds(60));
      // Through several coordinated rotations the count stays exact, and one copy is published.
      long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < until) {
        assertThat(KafkaReplicasTest.totals(server, "rep_kinesis")[0]).isEqualTo(2000);
        Thread.sleep(20);
      }
      KafkaReplicasTest.awaitPublished(server, "rep_kinesis", 2000, Duration.ofSeconds(30));
      JsonNode status = server.get("/druid/indexer/v1/supervisor/rep_kinesis/status").json().get("payload");
      assertThat(status.get("replicas").asInt()).isEqualTo(2);

      // One of the two reading replicas is shut down while records arrive: the other carries the sequence.
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      List<String> active = KafkaReplicasTest.activeTasks(server, "rep_kinesis");
      while (active.size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(50);
        active = KafkaReplicasTest.activeTasks(server, "rep_kinesis");
      }
      assertThat(active).hasSize(2);
      put(client, 2000, 1000);
      TestServer.Reply shutdown = server.post("/druid/indexer/v1/task/" + active.get(0) + "/shutdown", "");
      assertThat(shutdown.status()).as(shutdown.body()).isEqualTo(200);
      KafkaReplicasTest.awaitRows(server, "rep_kinesis", r -> r == 3000, r -> r <= 3000, Duration.ofSeconds(60));
      KafkaReplicasTest.awaitPublished(server, "rep_kinesis", 3000, Duration.ofSeconds(60));

      // A restart goes on from the committed sequence numbers.
      server.restart();
      put(client, 3000, 500);
      KafkaReplicasTest.awaitRows(server, "rep_kinesis", r -> r == 3500, r -> r <= 3500, Duration.ofSeconds(60));
      KafkaReplicasTest.awaitPublished(server, "rep_kinesis", 3500, Duration.ofSeconds(60));
      assertThat(KafkaReplicasTest.totals(server, "rep_kinesis")[1]).isEqualTo(KafkaReplicasTest.sumOfAdded(3500));
    }
  }
}
