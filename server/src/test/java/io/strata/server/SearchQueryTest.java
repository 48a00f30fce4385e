package io.strata.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Druid's search query: matching values of the searched dimensions (all string dimensions by default) with their
 * row counts, per granularity bucket, sorted and limited; with a filter, search specs and virtual columns. Expected
 * answers are worked out by hand from the rows below.
 */
class SearchQueryTest {
  @TempDir
  static Path tmp;
  static TestServer server;

  private static final String DATA = String.join("\\n",
      "{\\\"ts\\\":\\\"2020-01-01T01:00:00Z\\\",\\\"page\\\":\\\"Apple\\\",\\\"user\\\":\\\"anna\\\",\\\"added\\\":1}",
      "{\\\"ts\\\":\\\"2020-01-01T02:00:00Z\\\",\\\"page\\\":\\\"Apple\\\",\\\"user\\\":\\\"bob\\\",\\\"added\\\":2}",
      "{\\\"ts\\\":\\\"2020-01-01T03:00:00Z\\\",\\\"page\\\":\\\"banana\\\",\\\"user\\\":\\\"anna\\\",\\\"added\\\":3}",
      "{\\\"ts\\\":\\\"2020-01-02T01:00:00Z\\\",\\\"page\\\":\\\"papaya\\\",\\\"user\\\":\\\"carl\\\",\\\"added\\\":4}",
      "{\\\"ts\\\":\\\"2020-01-02T02:00:00Z\\\",\\\"page\\\":\\\"kiwi\\\",\\\"user\\\":\\\"dana\\\",\\\"added\\\":5}");

  @BeforeAll
  static void start() throws Exception {
    server = new TestServer(tmp.resolve("var"));
    JsonNode status = server.runTask("""
        {"type":"index","spec":{
          "dataSchema":{"dataSource":"fruit","timestampSpec":{"column":"ts","format":"iso"},
            "dimensionsSpec":{"dimensions":["page","user"]},
            "metricsSpec":[{"type":"longSum","name":"added","fieldName":"added"}],
            "granularitySpec":{"segmentGranularity":"day","queryGranularity":"none","rollup":false}},
          "ioConfig":{"type":"index","inputSource":{"type":"inline","data":"%s"},"inputFormat":{"type":"json"}}}}"""
        .formatted(DATA));
    assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("SUCCESS");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void searchesEveryStringDimensionByDefaultSortedLexicographically() throws Exception {
    JsonNode r = server.query("""
        {"queryType":"search","dataSource":"fruit","granularity":"all","intervals":["2020-01-01/2020-01-03"],
         "query":{"type":"insensitive_contains","value":"a"}}""");
    assertThat(r).hasSize(1);
    assertThat(r.get(0).get("timestamp").asText()).isEqualTo("2020-01-01T00:00:00.000Z");
    // page: Apple(2) banana(1) papaya(1); user: anna(2) carl(1) dana(1); kiwi and bob have no "a".
    assertThat(r.get(0).get("result").toString()).isEqualTo("["
        + "{\"dimension\":\"page\",\"value\":\"Apple\",\"count\":2},"
        + "{\"dimension\":\"user\",\"value\":\"anna\",\"count\":2},"
        + "{\"dimension\":\"page\",\"value\":\"banana\",\"count\":1},"
        + "{\"dimension\":\"user\",\"value\":\"carl\",\"count\":1},"
        + "{\"dimension\":\"user\",\"value\":\"dana\",\"count\":1},"
        + "{\"dimension\":\"page\",\"value\":\"papaya\",\"count\":1}]");
  }

  @Test
  void dimensionsFilterSortLimitAndBuckets() throws Exception {
    JsonNode r = server.query("""
        {"queryType":"search","dataSource":"fruit","granularity":"day","intervals":["2020-01-01/2020-01-03"],
         "searchDimensions":["page"],"query":{"type":"contains","value":"a","caseSensitive":true},
         "sort":{"type":"strlen"},"limit":1}""");
    // Day 1: banana only ("Apple" has no lower-case a); day 2: papaya.
    assertThat(r.toString()).isEqualTo("["
        + "{\"timestamp\":\"2020-01-01T00:00:00.000Z\",\"result\":[{\"dimension\":\"page\",\"value\":\"banana\","
        + "\"count\":1}]},"
        + "{\"timestamp\":\"2020-01-02T00:00:00.000Z\",\"result\":[{\"dimension\":\"page\",\"value\":\"papaya\","
        + "\"count\":1}]}]");
    JsonNode filtered = server.query("""
        {"queryType":"search","dataSource":"fruit","granularity":"all","intervals":["2020-01-01/2020-01-03"],
         "searchDimensions":["user"],"filter":{"type":"selector","dimension":"page","value":"Apple"},
         "query":{"type":"fragment","values":["N","a"]}}""");
    assertThat(filtered.get(0).get("result").toString())
        .isEqualTo("[{\"dimension\":\"user\",\"value\":\"anna\",\"count\":1}]");
    JsonNode virtual = server.query("""
        {"queryType":"search","dataSource":"fruit","granularity":"all","intervals":["2020-01-01/2020-01-03"],
         "virtualColumns":[{"type":"expression","name":"up","expression":"upper(user)","outputType":"STRING"}],
         "searchDimensions":["up"],"query":{"type":"regex","pattern":"^[CD]"}}""");
    assertThat(virtual.get(0).get("result").toString()).isEqualTo("["
        + "{\"dimension\":\"up\",\"value\":\"CARL\",\"count\":1},{\"dimension\":\"up\",\"value\":\"DANA\",\"count\":1}]");
  }

  @Test
  void aSearchWithoutAQueryIsRefused() throws Exception {
    TestServer.Reply r = server.post("/druid/v2/", """
        {"queryType":"search","dataSource":"fruit","intervals":["2020/2021"]}""");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).contains("query");
  }
}
