package io.strata.kinesis;

import io.strata.stream.StreamRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Kinesis reader against a real Kinesis-compatible server (kinesalite): shards read from their oldest record,
 * positions that a new reader resumes from exactly (nothing skipped, nothing twice), a pinned "latest" that reads only
 * what arrived from then on, and a missing stream named in the error.
 */
class KinesisStreamReaderTest {
  static Kinesalite kinesalite;
  static KinesisClient client;

  @BeforeAll
  static void start() throws Exception {
    System.setProperty("druid.kinesis.accessKey", "test");
    System.setProperty("druid.kinesis.secretKey", "test");
    kinesalite = Kinesalite.start();
    client = KinesisClients.create(kinesalite.endpoint());
    createStream(client, "events", 3);
  }

  @AfterAll
  static void stop() {
    client.close();
    kinesalite.close();
  }

  static void createStream(KinesisClient client, String name, int shards) throws InterruptedException {
    client.createStream(b -> b.streamName(name).shardCount(shards));
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (client.describeStream(b -> b.streamName(name)).streamDescription().streamStatus() != StreamStatus.ACTIVE) {
      assertThat(System.nanoTime()).as("stream active in time").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  static void put(KinesisClient client, String stream, int first, int n) {
    for (int from = first; from < first + n; from += 500) {
      List<PutRecordsRequestEntry> entries = new ArrayList<>();
      for (int i = from; i < Math.min(first + n, from + 500); i++) {
        entries.add(PutRecordsRequestEntry.builder().partitionKey("k" + i)
            .data(SdkBytes.fromString("{\"n\":" + i + "}", StandardCharsets.UTF_8)).build());
      }
      var r = client.putRecords(PutRecordsRequest.builder().streamName(stream).records(entries).build());
      assertThat(r.failedRecordCount()).isZero();
    }
  }

  static List<Integer> readAll(KinesisStreamReader reader, int expected, Duration within) {
    List<Integer> out = new ArrayList<>();
    long deadline = System.nanoTime() + within.toNanos();
    while (out.size() < expected && System.nanoTime() < deadline) {
      for (StreamRecord r : reader.poll(Duration.ofMillis(100))) {
        String json = new String(r.value(), StandardCharsets.UTF_8);
        out.add(Integer.parseInt(json.replaceAll("\\D", "")));
      }
    }
    return out;
  }

  @Test
  void readsEveryShardAndResumesExactlyFromItsPositions() {
    put(client, "events", 0, 1200);
    List<String> shards = KinesisStreamReader.listShards(client, "events");
    assertThat(shards).containsExactly("shardId-000000000000", "shardId-000000000001", "shardId-000000000002");
    Map<String, String> from = new HashMap<>();
    shards.forEach(s -> from.put(s, null));
    Map<String, String> positions;
    Set<Integer> seen = new HashSet<>();
    try (KinesisStreamReader reader = new KinesisStreamReader(KinesisClients.create(kinesalite.endpoint()), "events",
        true, 0, 300)) {
      reader.assign(from);
      assertThat(reader.positions()).containsOnlyKeys(shards).allSatisfy((s, p) -> assertThat(p).isEqualTo(
          "TRIM_HORIZON"));
      List<Integer> first = readAll(reader, 1200, Duration.ofSeconds(30));
      assertThat(first).hasSize(1200);
      seen.addAll(first);
      positions = reader.positions();
      assertThat(reader.lagMillis()).containsOnlyKeys(shards);
    }
    assertThat(seen).hasSize(1200);
    assertThat(positions.values()).allSatisfy(p -> assertThat(p).matches("\\d{40,}"));
    put(client, "events", 1200, 300);
    try (KinesisStreamReader reader = new KinesisStreamReader(KinesisClients.create(kinesalite.endpoint()), "events",
        true, 0, 10_000)) {
      reader.assign(positions);
      List<Integer> rest = readAll(reader, 300, Duration.ofSeconds(30));
      assertThat(rest).hasSize(300).doesNotHaveDuplicates().allSatisfy(n -> assertThat(n).isBetween(1200, 1499));
      assertThat(reader.poll(Duration.ofMillis(300))).isEmpty();
    }
  }

  @Test
  void latestIsPinnedToTheStartTimeSoARestartReadsTheSameRecords() throws Exception {
    createStream(client, "fresh", 1);
    put(client, "fresh", 0, 50);
    Thread.sleep(1100); // kinesalite's arrival times have second precision
    Map<String, String> from = new HashMap<>();
    from.put("shardId-000000000000", null);
    String marker;
    try (KinesisStreamReader reader = new KinesisStreamReader(KinesisClients.create(kinesalite.endpoint()), "fresh",
        false, 0, 10_000)) {
      reader.assign(from);
      marker = reader.positions().get("shardId-000000000000");
      assertThat(marker).startsWith("AT_TIMESTAMP:");
      Thread.sleep(1100);
      put(client, "fresh", 100, 20);
      assertThat(readAll(reader, 20, Duration.ofSeconds(20))).hasSize(20)
          .allSatisfy(n -> assertThat(n).isBetween(100, 119));
    }
    // A task that died before committing anything later goes on from the same pinned time: the same 20 records.
    try (KinesisStreamReader reader = new KinesisStreamReader(KinesisClients.create(kinesalite.endpoint()), "fresh",
        false, 0, 10_000)) {
      reader.assign(Map.of("shardId-000000000000", marker));
      assertThat(readAll(reader, 20, Duration.ofSeconds(20))).hasSize(20)
          .allSatisfy(n -> assertThat(n).isBetween(100, 119));
    }
  }

  @Test
  void aMissingStreamIsNamed() {
    try (KinesisStreamReader reader = new KinesisStreamReader(KinesisClients.create(kinesalite.endpoint()), "nope",
        true, 0, 100)) {
      reader.assign(Map.of("shardId-000000000000", "TRIM_HORIZON"));
      assertThatThrownBy(() -> reader.poll(Duration.ofMillis(100))).hasMessageContaining("[nope]");
    }
  }
}
