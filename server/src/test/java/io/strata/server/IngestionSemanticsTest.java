package io.strata.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Rollup, intervals, replace/append publishing, marking unused and restarts, through the HTTP API. */
class IngestionSemanticsTest {
  @TempDir
  Path tmp;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = new TestServer(tmp.resolve("var"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** An inline-data spec; {@code data} is newline-delimited JSON with escaped quotes. */
  static String spec(String dataSource, String data, boolean rollup, String queryGranularity, boolean append,
                     String intervals) {
    return """
        {"type":"index_parallel","spec":{
          "dataSchema":{"dataSource":"%s",
            "timestampSpec":{"column":"ts","format":"iso"},
            "dimensionsSpec":{"dimensions":["d1","d2"]},
            "metricsSpec":[{"type":"count","name":"count"},
                           {"type":"longSum","name":"sum","fieldName":"v"},
                           {"type":"longMin","name":"min","fieldName":"v"},
                           {"type":"longMax","name":"max","fieldName":"v"},
                           {"type":"doubleSum","name":"dsum","fieldName":"x"}],
            "granularitySpec":{"segmentGranularity":"day","queryGranularity":"%s","rollup":%s%s}},
          "ioConfig":{"type":"index_parallel","inputSource":{"type":"inline","data":"%s"},
                      "inputFormat":{"type":"json"},"appendToExisting":%s},
          "tuningConfig":{"type":"index_parallel"}}}""".formatted(dataSource, queryGranularity, rollup,
        intervals == null ? "" : ",\"intervals\":[" + intervals + "]", data.replace("\"", "\\\"").replace("\n", "\\n"),
        append);
  }

  static final String ROWS = """
      {"ts":"2020-01-01T10:00:01Z","d1":"a","d2":"x","v":5,"x":1.5}
      {"ts":"2020-01-01T10:00:59Z","d1":"a","d2":"x","v":7,"x":2.5}
      {"ts":"2020-01-01T10:00:30Z","d1":"a","d2":"y","v":1,"x":0.5}
      {"ts":"2020-01-01T10:01:00Z","d1":"a","d2":"x","v":3,"x":1.0}
      {"ts":"2020-01-02T00:00:00Z","d1":"b","d2":"x","v":-4,"x":4.0}
      """;

  static final String SCAN = """
      {"queryType":"scan","dataSource":"%s","intervals":["2020-01-01/2020-01-03"],
       "columns":["__time","d1","d2","count","sum","min","max","dsum"],"resultFormat":"compactedList",
       "order":"ascending"}""";

  @Test
  void rollupCollapsesRowsThatShareTruncatedTimeAndDimensions() throws Exception {
    assertThat(server.runTask(spec("r", ROWS, true, "minute", false, null)).get("status").asText())
        .isEqualTo("SUCCESS");
    JsonNode events = scanEvents("r");
    // 10:00 a/x collapses two rows; 10:00 a/y, 10:01 a/x and the next day's b/x stay single.
    assertThat(events.toString()).isEqualTo("["
        + "[1577872800000,\"a\",\"x\",2,12,5,7,4.0],"
        + "[1577872800000,\"a\",\"y\",1,1,1,1,0.5],"
        + "[1577872860000,\"a\",\"x\",1,3,3,3,1.0],"
        + "[1577923200000,\"b\",\"x\",1,-4,-4,-4,4.0]]");
  }

  @Test
  void rollupFalseKeepsEveryRow() throws Exception {
    assertThat(server.runTask(spec("nr", ROWS, false, "minute", false, null)).get("status").asText())
        .isEqualTo("SUCCESS");
    JsonNode events = scanEvents("nr");
    assertThat(events).hasSize(5);
    long total = 0;
    for (JsonNode e : events) {
      assertThat(e.get(3).asLong()).isEqualTo(1);
      total += e.get(4).asLong();
    }
    assertThat(total).isEqualTo(12);
  }

  @Test
  void rowsOutsideTheIntervalsAreThrownAwayAndCounted() throws Exception {
    JsonNode status = server.runTask(spec("iv", ROWS, true, "none", false, "\"2020-01-01/2020-01-02\""));
    assertThat(status.get("status").asText()).isEqualTo("SUCCESS");
    JsonNode stats = server.report(status.get("id").asText()).get("rowStats").get("buildSegments");
    assertThat(stats.get("processed").asLong()).isEqualTo(4);
    assertThat(stats.get("thrownAway").asLong()).isEqualTo(1);
    assertThat(scanEvents("iv")).hasSize(4);
  }

  @Test
  void reingestReplacesTheIntervalAndAppendAddsToIt() throws Exception {
    server.runTask(spec("p", ROWS, true, "none", false, null));
    assertThat(totalCount("p")).isEqualTo(5);

    String other = """
        {"ts":"2020-01-01T12:00:00Z","d1":"c","d2":"z","v":100,"x":0}
        """;
    server.runTask(spec("p", other, true, "none", false, null));
    // Replace: day 2020-01-01 now holds only the new row; 2020-01-02 (not re-ingested) is untouched.
    assertThat(totalCount("p")).isEqualTo(2);
    assertThat(sumOf("p")).isEqualTo(100 - 4);

    server.runTask(spec("p", other, true, "none", true, null));
    assertThat(totalCount("p")).isEqualTo(3);
    JsonNode segments = server.get("/druid/coordinator/v1/metadata/datasources/p/segments?full").json();
    assertThat(segments).hasSize(3);
  }

  @Test
  void markingADatasourceUnusedRemovesItFromQueriesAndRestartKeepsThePublishedData() throws Exception {
    server.runTask(spec("keep", ROWS, true, "none", false, null));
    server.runTask(spec("gone", ROWS, true, "none", false, null));
    assertThat(server.get("/druid/v2/datasources").json().toString()).isEqualTo("[\"gone\",\"keep\"]");

    TestServer.Reply deleted = server.delete("/druid/coordinator/v1/datasources/gone");
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.json().get("numChangedSegments").asInt()).isEqualTo(2);
    assertThat(server.get("/druid/v2/datasources").json().toString()).isEqualTo("[\"keep\"]");
    assertThat(totalCount("gone")).isZero();

    server.restart();
    assertThat(server.get("/druid/v2/datasources").json().toString()).isEqualTo("[\"keep\"]");
    assertThat(totalCount("keep")).isEqualTo(5);
    assertThat(scanEvents("keep")).hasSize(5);
  }

  @Test
  void hourSegmentsReingestedOverADaySegmentHideOnlyTheirHours() throws Exception {
    String day = """
        {"ts":"2020-01-01T10:00:00Z","d1":"old","d2":"x","v":1,"x":0}
        {"ts":"2020-01-01T14:00:00Z","d1":"old","d2":"x","v":2,"x":0}
        """;
    server.runTask(spec("mix", day, true, "none", false, null));
    String hour = """
        {"ts":"2020-01-01T10:30:00Z","d1":"new","d2":"x","v":10,"x":0}
        """;
    String hourSpec = spec("mix", hour, true, "none", false, null)
        .replace("\"segmentGranularity\":\"day\"", "\"segmentGranularity\":\"hour\"");
    assertThat(server.runTask(hourSpec).get("status").asText()).isEqualTo("SUCCESS");
    // The 10:00-11:00 hour now comes from the new segment only; the day segment still serves 14:00.
    assertThat(totalCount("mix")).isEqualTo(2);
    assertThat(sumOf("mix")).isEqualTo(12);
    assertThat(scanEvents("mix").toString()).contains("\"new\"").contains("\"old\"");
  }

  @Test
  void shutdownStopsARunningTaskAndPublishesNothing() throws Exception {
    Path input = tmp.resolve("big.json");
    try (java.io.Writer w = java.nio.file.Files.newBufferedWriter(input)) {
      new io.strata.testkit.gen.WikipediaGenerator(5, 1377907200000L, 24)
          .write(300_000, io.strata.testkit.gen.WikipediaGenerator.Format.JSON, w);
    }
    String spec = io.strata.server.cli.CliSpecs.wikipediaSpec("stopped", tmp, "big.json")
        .replace("\"maxNumConcurrentSubTasks\": 2", "\"maxNumConcurrentSubTasks\": 1, \"maxRowsInMemory\": 5000");
    String id = server.post("/druid/indexer/v1/task", spec).json().get("task").asText();
    TestServer.Reply r = server.post("/druid/indexer/v1/task/" + id + "/shutdown", "");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("task").asText()).isEqualTo(id);
    JsonNode status = server.waitFor(id);
    assertThat(status.get("status").asText()).isEqualTo("FAILED");
    assertThat(status.get("errorMsg").asText()).contains("shut down");
    assertThat(server.get("/druid/coordinator/v1/metadata/datasources/stopped/segments").json()).isEmpty();
    assertThat(server.get("/druid/indexer/v1/tasks?state=complete&datasource=stopped").json()).hasSize(1);
    assertThat(server.get("/druid/indexer/v1/tasks?state=running").json()).isEmpty();
  }

  JsonNode scanEvents(String ds) throws Exception {
    JsonNode result = server.query(SCAN.formatted(ds));
    com.fasterxml.jackson.databind.node.ArrayNode all = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
        .arrayNode();
    for (JsonNode block : result) {
      block.get("events").forEach(all::add);
    }
    return all;
  }

  long totalCount(String ds) throws Exception {
    JsonNode r = server.query("""
        {"queryType":"timeseries","dataSource":"%s","granularity":"all","intervals":["2000/2100"],
         "aggregations":[{"type":"longSum","name":"rows","fieldName":"count"}]}""".formatted(ds));
    return r.isEmpty() || r.get(0).get("result").get("rows").isNull() ? 0 : r.get(0).get("result").get("rows").asLong();
  }

  long sumOf(String ds) throws Exception {
    JsonNode r = server.query("""
        {"queryType":"timeseries","dataSource":"%s","granularity":"all","intervals":["2000/2100"],
         "aggregations":[{"type":"longSum","name":"s","fieldName":"sum"}]}""".formatted(ds));
    return r.get(0).get("result").get("s").asLong();
  }
}
