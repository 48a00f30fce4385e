package io.strata.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.api.json.Json;
import io.strata.testkit.gen.WikipediaGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One query suite over a stream-fed datasource gives the same answers while its rows are live (in-memory indexes
 * and persisted spills of a push task) as after the hand-off (published segments), and the same as a batch
 * ingestion of the same rows: rollup, filters, groupings, orderings and metadata queries alike.
 */
class StreamedQueryParityTest {
  static final int ROWS = 6000;

  @TempDir
  Path tmp;

  static final String SCHEMA = """
      "dataSource":"%s",
      "timestampSpec":{"column":"timestamp","format":"iso"},
      "dimensionsSpec":{"dimensions":["page","language","user","unpatrolled","newPage","robot","anonymous",
        "namespace","continent","country","region","city"]},
      "metricsSpec":[{"type":"count","name":"count"},{"type":"longSum","name":"added","fieldName":"added"},
        {"type":"longSum","name":"deleted","fieldName":"deleted"},{"type":"longMax","name":"maxDelta",
        "fieldName":"delta"},{"type":"longMin","name":"minDelta","fieldName":"delta"}],
      "granularitySpec":{"segmentGranularity":"hour","queryGranularity":"minute","rollup":true}""";

  static final List<String> SUITE = List.of(
      """
      {"queryType":"timeseries","dataSource":"%s","granularity":"hour","intervals":["2013-08-31/2013-09-02"],
       "aggregations":[{"type":"longSum","name":"rows","fieldName":"count"},
         {"type":"longSum","name":"added","fieldName":"added"},{"type":"longMax","name":"maxDelta","fieldName":"maxDelta"}]}""",
      """
      {"queryType":"timeseries","dataSource":"%s","granularity":"all","intervals":["2013-08-31/2013-09-02"],
       "filter":{"type":"and","fields":[{"type":"selector","dimension":"language","value":"en"},
         {"type":"not","field":{"type":"in","dimension":"robot","values":["true"]}}]},
       "aggregations":[{"type":"longSum","name":"rows","fieldName":"count"},
         {"type":"longMin","name":"minDelta","fieldName":"minDelta"}]}""",
      """
      {"queryType":"topN","dataSource":"%s","granularity":"all","intervals":["2013-08-31/2013-09-02"],
       "dimension":"page","metric":"edits","threshold":10,
       "aggregations":[{"type":"longSum","name":"edits","fieldName":"count"},
         {"type":"longSum","name":"added","fieldName":"added"}]}""",
      """
      {"queryType":"topN","dataSource":"%s","granularity":"all","intervals":["2013-08-31T06/2013-08-31T18"],
       "dimension":"country","metric":{"type":"inverted","metric":"added"},"threshold":5,
       "filter":{"type":"bound","dimension":"user","lower":"a","upper":"m","ordering":"lexicographic"},
       "aggregations":[{"type":"longSum","name":"added","fieldName":"added"}]}""",
      """
      {"queryType":"groupBy","dataSource":"%s","granularity":"all","intervals":["2013-08-31/2013-09-02"],
       "dimensions":["language","namespace"],
       "aggregations":[{"type":"longSum","name":"rows","fieldName":"count"},
         {"type":"longSum","name":"deleted","fieldName":"deleted"}],
       "having":{"type":"greaterThan","aggregation":"rows","value":5},
       "limitSpec":{"type":"default","limit":50,"columns":[{"dimension":"rows","direction":"descending"},
         {"dimension":"language"},{"dimension":"namespace"}]}}""",
      """
      {"queryType":"groupBy","dataSource":"%s","granularity":"hour","intervals":["2013-08-31/2013-09-01"],
       "dimensions":["continent"],"filter":{"type":"bound","dimension":"page","lower":"A","upper":"N","upperStrict":true},
       "aggregations":[{"type":"longSum","name":"rows","fieldName":"count"}]}""",
      """
      {"queryType":"scan","dataSource":"%s","intervals":["2013-08-31/2013-09-02"],"order":"ascending",
       "columns":["__time","page","user","count","added"],
       "filter":{"type":"selector","dimension":"continent","value":"Asia"}}""",
      """
      {"queryType":"timeBoundary","dataSource":"%s"}""",
      """
      {"queryType":"timeBoundary","dataSource":"%s","bound":"maxTime","filter":{"type":"selector","dimension":"robot","value":"true"}}""",
      """
      {"queryType":"dataSourceMetadata","dataSource":"%s"}""",
      """
      {"queryType":"segmentMetadata","dataSource":"%s","intervals":["2013-08-31/2013-09-02"],"merge":true,
       "analysisTypes":["minmax","interval","rollup","aggregators","queryGranularity"]}""");
  // No "cardinality" above: merged, it is the largest of the segments' cardinalities (as in Druid), so it depends
  // on how many spills a live chunk has, not on the rows.

  static String events() throws Exception {
    StringWriter w = new StringWriter();
    new WikipediaGenerator(7, WikipediaGenerator.DEFAULT_START_MILLIS, 24).write(ROWS, WikipediaGenerator.Format.JSON,
        w);
    return w.toString();
  }

  /** The suite's answers, with what must differ between live and published segments (ids, sizes) taken out. */
  static List<JsonNode> runSuite(TestServer server, String ds) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String q : SUITE) {
      JsonNode r = server.query(q.formatted(ds));
      for (JsonNode row : r) {
        if (row instanceof ObjectNode o && o.get("columns") instanceof ObjectNode) { // segmentMetadata
          o.remove("id");
          o.remove("size");
          o.get("columns").forEach(c -> ((ObjectNode) c).remove("size"));
        }
        if (row.has("segmentId")) {
          ((ObjectNode) row).remove("segmentId");
        }

      }
      out.add(q.contains("\"scan\"") ? scanEventsByTime(r) : r);
    }
    return out;
  }

  /**
   * A time-ordered scan orders rows by __time only: rows of one timestamp come in segment order, which differs
   * between several live spills and one merged segment. The events of all batches, sorted by time and then by
   * their JSON, compare them as a set per timestamp.
   */
  private static JsonNode scanEventsByTime(JsonNode batches) {
    List<JsonNode> events = new ArrayList<>();
    batches.forEach(b -> b.get("events").forEach(events::add));
    events.sort(java.util.Comparator.comparingLong((JsonNode e) -> e.get("__time").asLong())
        .thenComparing(JsonNode::toString));
    return Json.MAPPER.valueToTree(events);
  }

  @Test
  void liveHandedOffAndBatchAnswersAreIdentical() throws Exception {
    String lines = events();
    Path file = tmp.resolve("events.json");
    Files.writeString(file, lines);
    try (TestServer server = new TestServer(tmp.resolve("var"))) {
      JsonNode batchStatus = server.runTask("""
          {"type":"index_parallel","spec":{"dataSchema":{%s},
            "ioConfig":{"type":"index_parallel","inputSource":{"type":"local","baseDir":"%s","filter":"events.json"},
              "inputFormat":{"type":"json"}}}}""".formatted(SCHEMA.formatted("batch"), tmp));
      assertThat(batchStatus.get("status").asText()).isEqualTo("SUCCESS");

      String task = server.submitTask("""
          {"type":"index_realtime","spec":{"dataSchema":{%s},
            "ioConfig":{"type":"realtime","firehose":{"type":"receiver","serviceName":"parity","bufferSize":20000}},
            "tuningConfig":{"type":"realtime","rejectionPolicy":{"type":"none"},"maxRowsInMemory":1400,
              "intermediatePersistPeriod":"PT10M","deadLetter":{"type":"none"}},
            "inputFormat":{"type":"json"}}}""".formatted(SCHEMA.formatted("streamed")));
      PushIngestionTest.awaitReceiving(server, "parity");
      List<String> batch = new ArrayList<>();
      // Pushed in a seeded random order, so every hour's sink exists early and later rows land in sinks that were
      // already persisted (the batch file keeps time order).
      List<String> shuffled = new ArrayList<>(List.of(lines.split("\n")));
      java.util.Collections.shuffle(shuffled, new java.util.Random(8));
      for (String line : shuffled) {
        batch.add(line);
        if (batch.size() == 500) {
          assertThat(server.post("/druid/worker/v1/chat/parity/push-events", "[" + String.join(",", batch) + "]")
              .status()).isEqualTo(200);
          batch.clear();
        }
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline && !server.query("""
          {"queryType":"timeseries","dataSource":"streamed","granularity":"all","intervals":["2013/2014"],
           "aggregations":[{"type":"longSum","name":"n","fieldName":"count"}]}""").toString().contains(
          "\"n\":" + ROWS)) {
        Thread.sleep(20);
      }
      List<JsonNode> expected = runSuite(server, "batch");
      assertThat(expected.get(0).size()).as("hours with rows").isGreaterThan(10);
      // Live: most rows in persisted spills (maxRowsInMemory 1,400), the newest 400 in memory; rows added after
      // a persist must be served at once, not from the next persist on.
      List<JsonNode> live = runSuite(server, "streamed");
      for (int i = 0; i < SUITE.size(); i++) {
        assertThat(live.get(i)).as("live: " + SUITE.get(i)).isEqualTo(expected.get(i));
      }
      assertThat(server.post("/druid/worker/v1/chat/parity/shutdown", "").status()).isEqualTo(200);
      assertThat(server.waitFor(task).get("status").asText()).isEqualTo("SUCCESS");
      List<JsonNode> published = runSuite(server, "streamed");
      for (int i = 0; i < SUITE.size(); i++) {
        assertThat(published.get(i)).as("handed off: " + SUITE.get(i)).isEqualTo(expected.get(i));
      }
    }
  }
}
