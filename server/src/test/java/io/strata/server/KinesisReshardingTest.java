package io.strata.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.kinesis.Kinesalite;
import io.strata.kinesis.KinesisClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Kinesis stream resharded while a supervisor reads it (kinesalite): a shard split into two, then the two merged
 * back into one. The closed parents are read to their ends, the children are picked up, and across the hand-offs
 * every record is counted exactly once.
 */
class KinesisReshardingTest {
  @TempDir
  Path tmp;

  private static final String STREAM = "reshard";

  private static void put(KinesisClient client, int first, int n) {
    List<PutRecordsRequestEntry> entries = new ArrayList<>();
    for (int i = first; i < first + n; i++) {
      String json = "{\"ts\":" + (1577836800000L + i * 1000L) + ",\"page\":\"p" + (i % 7) + "\",\"added\":" + i + "}";
      entries.add(PutRecordsRequestEntry.builder().partitionKey("key-" + i)
          .data(SdkBytes.fromString(json, StandardCharsets.UTF_8)).build());
    }
    assertThat(client.putRecords(b -> b.streamName(STREAM).records(entries)).failedRecordCount()).isZero();
  }

  /** Waits until the stream is ACTIVE again (after a create, split or merge). */
  static void awaitActive(KinesisClient client, String stream) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (client.describeStream(b -> b.streamName(stream)).streamDescription().streamStatus()
        != StreamStatus.ACTIVE) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private static List<Shard> openShards(KinesisClient client) {
    return client.listShards(b -> b.streamName(STREAM)).shards().stream()
        .filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null).toList();
  }

  private static long[] totals(TestServer server) throws Exception {
    JsonNode ts = server.query("""
        {"queryType":"timeseries","dataSource":"resharded","granularity":"all","intervals":["2019/2021"],
         "aggregations":[{"type":"longSum","name":"rows","fieldName":"count"},
                         {"type":"longSum","name":"added","fieldName":"added"}]}""");
    return ts.isEmpty() ? new long[] {0, 0}
        : new long[] {ts.get(0).at("/result/rows").asLong(), ts.get(0).at("/result/added").asLong()};
  }

  private static void awaitExactly(TestServer server, long rows, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    long[] t = totals(server);
    while (t[0] != rows) {
      assertThat(t[0]).as("never more rows than records").isLessThanOrEqualTo(rows);
      assertThat(System.nanoTime()).as("rows still %d, want %d", t[0], rows).isLessThan(deadline);
      Thread.sleep(25);
      t = totals(server);
    }
    assertThat(t[1]).isEqualTo(rows * (rows - 1) / 2);
  }

  @Test
  void splitAndMergedShardsAreReadToTheEndAndTheirChildrenPickedUpCountingEachRecordOnce() throws Exception {
    System.setProperty("druid.kinesis.accessKey", "test");
    System.setProperty("druid.kinesis.secretKey", "test");
    try (Kinesalite kinesalite = Kinesalite.start();
         KinesisClient client = KinesisClients.create(kinesalite.endpoint());
         TestServer server = new TestServer(tmp.resolve("var"))) {
      client.createStream(b -> b.streamName(STREAM).shardCount(1));
      awaitActive(client, STREAM);
      put(client, 0, 400);
      TestServer.Reply submitted = server.post("/druid/indexer/v1/supervisor", """
          {"type":"kinesis","spec":{
            "dataSchema":{"dataSource":"resharded","timestampSpec":{"column":"ts","format":"millis"},
              "dimensionsSpec":{"dimensions":["page"]},
              "metricsSpec":[{"type":"count","name":"count"},{"type":"longSum","name":"added","fieldName":"added"}],
              "granularitySpec":{"segmentGranularity":"day","queryGranularity":"none","rollup":false}},
            "ioConfig":{"type":"kinesis","stream":"%s","endpoint":"%s","inputFormat":{"type":"json"},
              "useEarliestSequenceNumber":true,"taskCount":2,"taskDuration":"PT3S","startDelay":"PT0S",
              "period":"PT1S"},
            "tuningConfig":{"type":"kinesis","maxRowsInMemory":1000}}}""".formatted(STREAM, kinesalite.endpoint()));
      assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
      awaitExactly(server, 400, Duration.ofSeconds(60));

      // Split the one shard in two halves of the hash key range; new records go to the children.
      Shard parent = openShards(client).get(0);
      client.splitShard(b -> b.streamName(STREAM).shardToSplit(parent.shardId())
          .newStartingHashKey(BigInteger.ONE.shiftLeft(127).toString()));
      awaitActive(client, STREAM);
      assertThat(openShards(client)).hasSize(2);
      put(client, 400, 400);
      awaitExactly(server, 800, Duration.ofSeconds(60));

      // Merge the two children back into one.
      List<Shard> children = openShards(client);
      client.mergeShards(b -> b.streamName(STREAM).shardToMerge(children.get(0).shardId())
          .adjacentShardToMerge(children.get(1).shardId()));
      awaitActive(client, STREAM);
      assertThat(openShards(client)).hasSize(1);
      put(client, 800, 400);
      awaitExactly(server, 1200, Duration.ofSeconds(60));

      // Across more hand-offs (3 s tasks) the count stays exact, and the published segments hold every row once.
      long until = System.nanoTime() + Duration.ofSeconds(8).toNanos();
      while (System.nanoTime() < until) {
        assertThat(totals(server)[0]).isEqualTo(1200);
        Thread.sleep(25);
      }
      JsonNode status = server.get("/druid/indexer/v1/supervisor/resharded/status").json().get("payload");
      assertThat(status.get("partitions").asInt()).as("the parent, two children and their merge").isEqualTo(4);
      server.post("/druid/indexer/v1/supervisor/resharded/suspend", "");
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      long published = 0;
      while (published != 1200 && System.nanoTime() < deadline) {
        Thread.sleep(200);
        published = 0;
        for (JsonNode s : server.get("/druid/coordinator/v1/metadata/datasources/resharded/segments?full").json()) {
          published += s.get("numRows").asLong();
        }
      }
      assertThat(published).as("rows in published segments after the hand-off").isEqualTo(1200);
      awaitExactly(server, 1200, Duration.ofSeconds(10));
    }
  }
}
