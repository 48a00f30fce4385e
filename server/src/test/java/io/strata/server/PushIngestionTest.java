package io.strata.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import io.strata.api.time.DateTimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Push ingestion as Tranquility does it: {@code index_realtime} tasks with a {@code timed} {@code receiver}
 * firehose, two replicas of one shard (one {@code resource.availabilityGroup}, one service name each), events
 * POSTed to {@code /druid/worker/v1/chat/{serviceName}/push-events}. Queries see the events at once and count them
 * once (one replica is served), a retried push with the same producer sequence is skipped, exactly one copy of each
 * chunk is published, and rows outside the window are counted as late or early and written to the dead letter with
 * the reason.
 */
class PushIngestionTest {
  @TempDir
  Path tmp;

  static String task(String serviceName, String shutoff) {
    return """
        {"type":"index_realtime","resource":{"availabilityGroup":"wiki-push-0","requiredCapacity":1},
         "spec":{"dataSchema":{"dataSource":"wiki_push",
             "parser":{"type":"map","parseSpec":{"format":"json",
               "timestampSpec":{"column":"timestamp","format":"auto"},
               "dimensionsSpec":{"dimensions":["page","user"]}}},
             "metricsSpec":[{"type":"count","name":"count"},{"type":"longSum","name":"added","fieldName":"added"}],
             "granularitySpec":{"type":"uniform","segmentGranularity":"HOUR","queryGranularity":"NONE"}},
           "ioConfig":{"type":"realtime","firehose":{"type":"timed","shutoffTime":"%s",
               "delegate":{"type":"receiver","serviceName":"%s","bufferSize":1000}}},
           "tuningConfig":{"type":"realtime","windowPeriod":"PT10M","intermediatePersistPeriod":"PT1S",
             "maxRowsInMemory":40,"rejectionPolicy":{"type":"serverTime"},
             "shardSpec":{"type":"linear","partitionNum":0}}}}""".formatted(shutoff, serviceName);
  }

  static String events(long baseMillis, int from, int n) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      out.add("{\"timestamp\":\"" + DateTimes.format(baseMillis + i) + "\",\"page\":\"p" + (i % 5) + "\",\"user\":\"u"
          + (i % 3) + "\",\"added\":" + i + "}");
    }
    return "[" + String.join(",", out) + "]";
  }

  static long[] totals(TestServer server) throws Exception {
    JsonNode r = server.query("""
        {"queryType":"timeseries","dataSource":"wiki_push","granularity":"all","intervals":["2000/2100"],
         "aggregations":[{"type":"longSum","name":"n","fieldName":"count"},
                         {"type":"longSum","name":"added","fieldName":"added"}]}""");
    return r.isEmpty() ? new long[] {0, 0}
        : new long[] {r.get(0).get("result").get("n").asLong(), r.get(0).get("result").get("added").asLong()};
  }

  static void awaitReceiving(TestServer server, String serviceName) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (server.post("/druid/worker/v1/chat/" + serviceName + "/push-events", "[]").status() == 200) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError(serviceName + " never started receiving");
  }

  @Test
  void twoReplicasReceiveTheSameEventsAndPublishOneCopy() throws Exception {
    long now = System.currentTimeMillis();
    String shutoff = DateTimes.format(now + 600_000);
    try (TestServer server = new TestServer(tmp.resolve("var"))) {
      String a = server.post("/druid/indexer/v1/task", task("wiki-push-0-0000", shutoff)).json().get("task").asText();
      String b = server.post("/druid/indexer/v1/task", task("wiki-push-0-0001", shutoff)).json().get("task").asText();
      awaitReceiving(server, "wiki-push-0-0000");
      awaitReceiving(server, "wiki-push-0-0001");

      // Bad pushes are refused with what is wrong.
      assertThat(server.post("/druid/worker/v1/chat/nobody/push-events", "[]").status()).isEqualTo(404);
      TestServer.Reply notArray = server.post("/druid/worker/v1/chat/wiki-push-0-0000/push-events", "{\"a\":1}");
      assertThat(notArray.status()).isEqualTo(400);
      assertThat(notArray.json().get("error").asText()).contains("JSON array");
      TestServer.Reply noSeq = server.postWithHeaders("/druid/worker/v1/chat/wiki-push-0-0000/push-events", "[]",
          "X-Firehose-Producer-Id", "p1");
      assertThat(noSeq.status()).isEqualTo(400);
      assertThat(noSeq.json().get("error").asText()).isEqualTo("Producer sequence value is missing");

      long base = now - 1000;
      String batch = events(base, 0, 100);
      for (String service : List.of("wiki-push-0-0000", "wiki-push-0-0001")) {
        TestServer.Reply r = server.postWithHeaders("/druid/worker/v1/chat/" + service + "/push-events", batch,
            "X-Firehose-Producer-Id", "tranquility-1", "X-Firehose-Producer-Seq", "1");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json()).isEqualTo(Json.MAPPER.readTree("{\"eventCount\":100}"));
        // A retry of the same push (same producer sequence) is skipped, not counted twice.
        TestServer.Reply retry = server.postWithHeaders("/druid/worker/v1/chat/" + service + "/push-events", batch,
            "X-Firehose-Producer-Id", "tranquility-1", "X-Firehose-Producer-Seq", "1");
        assertThat(retry.json()).isEqualTo(Json.MAPPER.readTree("{\"eventCount\":0,\"skipped\":true}"));
        // Outside the ten-minute window: three late, two early.
        String outside = "[" + events(now - 7_200_000, 0, 3).substring(1, events(now - 7_200_000, 0, 3).length() - 1)
            + "," + events(now + 7_200_000, 0, 2).substring(1, events(now + 7_200_000, 0, 2).length() - 1) + "]";
        assertThat(server.post("/druid/worker/v1/chat/" + service + "/push-events", outside).json()
            .get("eventCount").asInt()).isEqualTo(5);
      }

      // Served at once, once: one replica's rows, never both.
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      long rows = 0;
      while (rows < 100 && System.nanoTime() < deadline) {
        rows = totals(server)[0];
        assertThat(rows).as("rows served while live").isLessThanOrEqualTo(100);
        Thread.sleep(10);
      }
      assertThat(totals(server)).containsExactly(100, 4950);

      // Shut the receivers off now: both hand off; one copy is published, the count never doubles on the way.
      for (String service : List.of("wiki-push-0-0000", "wiki-push-0-0001")) {
        assertThat(server.post("/druid/worker/v1/chat/" + service + "/shutdown?shutoffTime="
            + DateTimes.format(System.currentTimeMillis()), "").status()).isEqualTo(200);
      }
      while (!server.get("/druid/indexer/v1/task/" + a + "/status").json().get("status").get("status").asText()
          .equals("SUCCESS") || !server.get("/druid/indexer/v1/task/" + b + "/status").json().get("status")
          .get("status").asText().equals("SUCCESS")) {
        assertThat(totals(server)[0]).as("rows served during the hand-offs").isEqualTo(100);
        Thread.sleep(5);
      }
      assertThat(totals(server)).containsExactly(100, 4950);
      JsonNode segments = server.get("/druid/coordinator/v1/metadata/datasources/wiki_push/segments?full").json();
      long published = 0;
      for (JsonNode s : segments) {
        published += s.get("numRows").asLong();
      }
      assertThat(published).as("one copy published").isEqualTo(100);

      for (String t : List.of(a, b)) {
        JsonNode totalsReport = server.report(t).get("rowStats").get("totals").get("buildSegments");
        assertThat(totalsReport.get("processed").asLong()).isEqualTo(100);
        assertThat(totalsReport.get("thrownAway").asLong()).isEqualTo(5);
        assertThat(totalsReport.get("rejectedLate").asLong()).isEqualTo(3);
        assertThat(totalsReport.get("rejectedEarly").asLong()).isEqualTo(2);
        Path deadLetter = Path.of(server.report(t).get("deadLetter").asText());
        assertThat(deadLetter).startsWith(tmp.resolve("var").resolve("dead-letter").resolve("wiki_push"));
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(deadLetter)) {
          lines.add(Json.MAPPER.readTree(line));
        }
        assertThat(lines).extracting(l -> l.get("reason").asText())
            .containsExactly("late", "late", "late", "early", "early");
        assertThat(lines.get(0).get("detail").asText()).contains("windowPeriod PT10M");
        assertThat(lines.get(0).get("record").get("page").asText()).isEqualTo("p0");
        assertThat(lines.get(0).get("taskId").asText()).isEqualTo(t);
      }
    }
  }
}
