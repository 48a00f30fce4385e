package io.strata.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.kinesis.Kinesalite;
import io.strata.kinesis.KinesisClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Kinesis supervisor end to end over HTTP against a real Kinesis-compatible server (kinesalite, through the AWS SDK
 * v2 client) with three shards: rows are queryable while being read, hand-offs every {@code taskDuration} publish
 * them with no gap and no double count, suspend, resume and a server restart keep every record counted once, the
 * status speaks Druid's Kinesis dialect (sequence numbers as strings, lag in milliseconds), and wrong specs get a
 * 400 naming the field.
 */
class KinesisSupervisorTest {
  @TempDir
  static Path tmp;
  static Kinesalite kinesalite;
  static KinesisClient client;

  @BeforeAll
  static void start() throws Exception {
    System.setProperty("druid.kinesis.accessKey", "test");
    System.setProperty("druid.kinesis.secretKey", "test");
    kinesalite = Kinesalite.start();
    client = KinesisClients.create(kinesalite.endpoint());
    client.createStream(b -> b.streamName("wiki").shardCount(3));
    KinesisReshardingTest.awaitActive(client, "wiki");
  }

  @AfterAll
  static void stop() {
    client.close();
    kinesalite.close();
  }

  /** Puts {@code n} events numbered from {@code first}, over two days, spread over the shards, and one bad record. */
  static void put(int first, int n) {
    List<PutRecordsRequestEntry> entries = new ArrayList<>();
    for (int i = first; i < first + n; i++) {
      long t = 1577836800000L + (i % 2) * 86_400_000L + i * 1000L;
      String json = "{\"ts\":" + t + ",\"page\":\"p" + (i % 7) + "\",\"user\":\"u" + (i % 3) + "\",\"added\":" + i
          + "}";
      entries.add(PutRecordsRequestEntry.builder().partitionKey("key-" + i)
          .data(SdkBytes.fromString(json, StandardCharsets.UTF_8)).build());
      if (entries.size() == 500) {
        send(entries);
      }
    }
    entries.add(PutRecordsRequestEntry.builder().partitionKey("bad")
        .data(SdkBytes.fromString("not json", StandardCharsets.UTF_8)).build());
    send(entries);
  }

  private static void send(List<PutRecordsRequestEntry> entries) {
    assertThat(client.putRecords(b -> b.streamName("wiki").records(entries)).failedRecordCount()).isZero();
    entries.clear();
  }

  static String supervisorSpec(String taskDuration) {
    return """
        {"type":"kinesis","spec":{
          "dataSchema":{"dataSource":"wiki_kinesis",
            "timestampSpec":{"column":"ts","format":"millis"},
            "dimensionsSpec":{"dimensions":["page","user"]},
            "metricsSpec":[{"type":"count","name":"count"},{"type":"longSum","name":"added","fieldName":"added"}],
            "granularitySpec":{"segmentGranularity":"day","queryGranularity":"none","rollup":false}},
          "ioConfig":{"type":"kinesis","stream":"wiki","endpoint":"%s","inputFormat":{"type":"json"},
            "useEarliestSequenceNumber":true,"taskCount":2,"taskDuration":"%s","startDelay":"PT0S","period":"PT1S"},
          "tuningConfig":{"type":"kinesis","maxRowsInMemory":700,"intermediatePersistPeriod":"PT2S"}}}"""
        .formatted(kinesalite.endpoint(), taskDuration);
  }

  static long[] totals(TestServer server) throws Exception {
    JsonNode ts = server.query("""
        {"queryType":"timeseries","dataSource":"wiki_kinesis","granularity":"all","intervals":["2019/2021"],
         "aggregations":[{"type":"longSum","name":"rows","fieldName":"count"},
                         {"type":"longSum","name":"added","fieldName":"added"}]}""");
    if (ts.isEmpty()) {
      return new long[] {0, 0};
    }
    return new long[] {ts.get(0).get("result").get("rows").asLong(), ts.get(0).get("result").get("added").asLong()};
  }

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
  void streamsFromKinesisExactlyOnceThroughHandOffsSuspendAndRestart() throws Exception {
    put(0, 3000);
    try (TestServer server = new TestServer(tmp.resolve("var"))) {
      TestServer.Reply submitted = server.post("/druid/indexer/v1/supervisor", supervisorSpec("PT4S"));
      assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
      assertThat(submitted.json().get("id").asText()).isEqualTo("wiki_kinesis");
      awaitRows(server, r -> r == 3000, r -> r <= 3000, Duration.ofSeconds(60));
      assertThat(totals(server)[1]).isEqualTo(sumOfAdded(3000));
      // Across several hand-offs (4 s tasks), the count stays exact at every poll.
      long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < until) {
        assertThat(totals(server)[0]).isEqualTo(3000);
        Thread.sleep(20);
      }
      JsonNode segments = server.get("/druid/coordinator/v1/metadata/datasources/wiki_kinesis/segments?full")
          .json();
      long publishedRows = 0;
      for (JsonNode s : segments) {
        publishedRows += s.get("numRows").asLong();
      }
      assertThat(publishedRows).as("rows in published segments after hand-offs").isEqualTo(3000);

      JsonNode status = server.get("/druid/indexer/v1/supervisor/wiki_kinesis/status").json().get("payload");
      assertThat(status.get("stream").asText()).isEqualTo("wiki");
      assertThat(status.get("partitions").asInt()).isEqualTo(3);
      assertThat(status.get("state").asText()).isEqualTo("RUNNING");
      assertThat(status.has("aggregateLagMillis")).isTrue();
      assertThat(status.has("minimumLagMillis")).isTrue();
      assertThat(status.has("aggregateLag")).as("Kinesis lag is time, not records").isFalse();
      assertThat(status.has("latestOffsets")).isFalse();
      JsonNode active = status.get("activeTasks");
      // Two groups, started together with a 4 s taskDuration: both may be between tasks at a boundary, so the shape
      // is read from a status that shows at least one.
      long activeDeadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (active.isEmpty() && System.nanoTime() < activeDeadline) {
        Thread.sleep(50);
        active = server.get("/druid/indexer/v1/supervisor/wiki_kinesis/status").json().get("payload")
            .get("activeTasks");
      }
      assertThat(active.size()).isBetween(1, 2);
      for (JsonNode t : active) {
        assertThat(t.get("id").asText()).startsWith("index_kinesis_wiki_kinesis_");
        t.get("currentOffsets").fields().forEachRemaining(e -> {
          assertThat(e.getKey()).startsWith("shardId-");
          assertThat(e.getValue().isTextual()).as("sequence numbers are strings").isTrue();
        });
      }
      JsonNode tasks = server.get("/druid/indexer/v1/tasks?datasource=wiki_kinesis").json();
      assertThat(tasks.get(0).get("type").asText()).isEqualTo("index_kinesis");
      JsonNode stats = server.get("/druid/indexer/v1/supervisor/wiki_kinesis/stats").json();
      assertThat(stats.toString()).contains("\"unparseable\"");

      // Suspend: tasks hand off, nothing more is read until resume.
      server.post("/druid/indexer/v1/supervisor/wiki_kinesis/suspend", "");
      put(3000, 500);
      Thread.sleep(2000);
      assertThat(totals(server)[0]).isEqualTo(3000);
      server.post("/druid/indexer/v1/supervisor/wiki_kinesis/resume", "");
      awaitRows(server, r -> r == 3500, r -> r <= 3500, Duration.ofSeconds(60));

      // A restart (the supervisor is stored) reads on from the committed sequence numbers.
      server.restart();
      put(3500, 500);
      awaitRows(server, r -> r == 4000, r -> r <= 4000, Duration.ofSeconds(60));
      assertThat(totals(server)[1]).isEqualTo(sumOfAdded(4000));
      server.post("/druid/indexer/v1/supervisor/wiki_kinesis/terminate", "");
      awaitRows(server, r -> r == 4000, r -> r <= 4000, Duration.ofSeconds(30));
    }
  }

  @Test
  void wrongKinesisSpecsAreRefusedNamingTheField() throws Exception {
    try (TestServer server = new TestServer(tmp.resolve("var-bad"))) {
      String good = supervisorSpec("PT1H");
      String[][] cases = {
          {good.replace("\"stream\":\"wiki\",", ""), "stream"},
          {good.replace("\"useEarliestSequenceNumber\":true", "\"useEarliestSequenceNumber\":true,"
              + "\"awsAssumedRoleArn\":\"arn:aws:iam::1:role/x\""), "awsAssumedRoleArn"},
          {good.replace("\"taskCount\":2", "\"taskCount\":2,\"recordsPerFetch\":0"), "recordsPerFetch"},
          {good.replace("\"useEarliestSequenceNumber\":true", "\"useEarliestSequenceNumber\":true,"
              + "\"deaggregate\":true"), "deaggregate"},
          {good.replace(kinesalite.endpoint(), "not a host/"), "endpoint"},
      };
      for (String[] c : cases) {
        TestServer.Reply r = server.post("/druid/indexer/v1/supervisor", c[0]);
        assertThat(r.status()).as(c[1] + ": " + r.body()).isEqualTo(400);
        assertThat(r.body()).as(c[1]).contains(c[1]);
      }
      // A stream that does not exist: an unhealthy supervisor with the reason, no crash.
      TestServer.Reply missing = server.post("/druid/indexer/v1/supervisor",
          good.replace("\"stream\":\"wiki\"", "\"stream\":\"absent\"").replace("wiki_kinesis", "absent_ds"));
      assertThat(missing.status()).as(missing.body()).isEqualTo(200);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      JsonNode status;
      do {
        Thread.sleep(200);
        status = server.get("/druid/indexer/v1/supervisor/absent_ds/status").json().get("payload");
      } while (!status.get("state").asText().equals("UNHEALTHY_SUPERVISOR") && System.nanoTime() < deadline);
      assertThat(status.get("state").asText()).isEqualTo("UNHEALTHY_SUPERVISOR");
      assertThat(status.get("recentErrors").toString()).contains("absent");
    }
  }
}
