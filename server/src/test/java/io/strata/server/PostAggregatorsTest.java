package io.strata.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The expression and greatest/least post-aggregators over HTTP, on timeseries, topN and groupBy; javascript refused.
 * Expected answers are worked out by hand from the rows below.
 */
class PostAggregatorsTest {
  @TempDir
  static Path tmp;
  static TestServer server;

  private static final String DATA = String.join("\\n",
      "{\\\"ts\\\":\\\"2020-01-01T01:00:00Z\\\",\\\"page\\\":\\\"a\\\",\\\"added\\\":10,\\\"deleted\\\":3}",
      "{\\\"ts\\\":\\\"2020-01-01T02:00:00Z\\\",\\\"page\\\":\\\"a\\\",\\\"added\\\":4,\\\"deleted\\\":30}",
      "{\\\"ts\\\":\\\"2020-01-01T03:00:00Z\\\",\\\"page\\\":\\\"b\\\",\\\"added\\\":7}",
      "{\\\"ts\\\":\\\"2020-01-02T01:00:00Z\\\",\\\"page\\\":\\\"c\\\",\\\"added\\\":1,\\\"deleted\\\":2}");

  @BeforeAll
  static void start() throws Exception {
    server = new TestServer(tmp.resolve("var"));
    JsonNode status = server.runTask("""
        {"type":"index","spec":{
          "dataSchema":{"dataSource":"pa","timestampSpec":{"column":"ts","format":"iso"},
            "dimensionsSpec":{"dimensions":["page"]},
            "metricsSpec":[{"type":"count","name":"count"},
                           {"type":"longSum","name":"added","fieldName":"added"},
                           {"type":"longSum","name":"deleted","fieldName":"deleted"}],
            "granularitySpec":{"segmentGranularity":"day","queryGranularity":"none","rollup":false}},
          "ioConfig":{"type":"index","inputSource":{"type":"inline","data":"%s"},"inputFormat":{"type":"json"}}}}"""
        .formatted(DATA));
    assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("SUCCESS");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static final String ALL = "\"granularity\":\"all\",\"intervals\":[\"2020-01-01/2020-01-03\"]";
  private static final String AGGS = """
      "aggregations":[{"type":"longSum","name":"rows","fieldName":"count"},
        {"type":"longSum","name":"added","fieldName":"added"},
        {"type":"longMax","name":"maxDeleted","fieldName":"deleted"}]""";

  @Test
  void expressionPostAggregatorReadsAggregatorsAndEarlierPostAggregators() throws Exception {
    JsonNode ts = server.query("""
        {"queryType":"timeseries","dataSource":"pa",%s,%s,
         "postAggregations":[
           {"type":"expression","name":"perRow","expression":"added / rows"},
           {"type":"expression","name":"perRowD","expression":"added / rows","outputType":"DOUBLE"},
           {"type":"expression","name":"label","expression":"concat('n=', rows)"},
           {"type":"expression","name":"twice","expression":"perRow * 2"},
           {"type":"expression","name":"big","expression":"if(maxDeleted > 10, 'yes', 'no')"}]}"""
        .formatted(ALL, AGGS));
    // 4 rows, added 22 (long division: 5), max deleted 30.
    assertThat(ts.get(0).get("result").toString()).isEqualTo("{\"rows\":4,\"added\":22,\"maxDeleted\":30,"
        + "\"perRow\":5,\"perRowD\":5.0,\"label\":\"n=4\",\"twice\":10,\"big\":\"yes\"}");
  }

  @Test
  void greatestAndLeastSkipNulls() throws Exception {
    JsonNode groupBy = server.query("""
        {"queryType":"groupBy","dataSource":"pa",%s,"dimensions":["page"],%s,
         "postAggregations":[
           {"type":"longGreatest","name":"lg","fields":[{"type":"fieldAccess","fieldName":"added"},
              {"type":"fieldAccess","fieldName":"maxDeleted"}]},
           {"type":"doubleLeast","name":"dl","fields":[{"type":"fieldAccess","fieldName":"added"},
              {"type":"fieldAccess","fieldName":"maxDeleted"},{"type":"constant","name":"k","value":2.5}]},
           {"type":"doubleGreatest","name":"dg","fields":[{"type":"fieldAccess","fieldName":"maxDeleted"}]},
           {"type":"longLeast","name":"ll","fields":[{"type":"constant","name":"k","value":7.9},
              {"type":"fieldAccess","fieldName":"added"}]}],
         "limitSpec":{"type":"default","columns":["page"]}}""".formatted(ALL, AGGS));
    // a: added 14, maxDeleted 30; b: added 7, maxDeleted null; c: added 1, maxDeleted 2.
    assertThat(groupBy.toString()).contains(
        "\"event\":{\"page\":\"a\",\"rows\":2,\"added\":14,\"maxDeleted\":30,\"lg\":30,\"dl\":2.5,\"dg\":30.0,\"ll\":7}",
        "\"event\":{\"page\":\"b\",\"rows\":1,\"added\":7,\"maxDeleted\":null,\"lg\":7,\"dl\":2.5,\"dg\":null,\"ll\":7}",
        "\"event\":{\"page\":\"c\",\"rows\":1,\"added\":1,\"maxDeleted\":2,\"lg\":2,\"dl\":1.0,\"dg\":2.0,\"ll\":1}");
  }

  @Test
  void topNCanRankByAnExpressionPostAggregator() throws Exception {
    JsonNode topN = server.query("""
        {"queryType":"topN","dataSource":"pa",%s,"dimension":"page","metric":"score","threshold":2,%s,
         "postAggregations":[{"type":"expression","name":"score","expression":"added - rows * 10"}]}"""
        .formatted(ALL, AGGS));
    // score: a 14 - 20 = -6, b 7 - 10 = -3, c 1 - 10 = -9.
    assertThat(topN.get(0).get("result").toString()).isEqualTo("[{\"page\":\"b\",\"rows\":1,\"added\":7,"
        + "\"maxDeleted\":null,\"score\":-3},{\"page\":\"a\",\"rows\":2,\"added\":14,\"maxDeleted\":30,\"score\":-6}]");
  }

  @Test
  void wrongPostAggregatorsAreRefusedByName() throws Exception {
    TestServer.Reply js = server.post("/druid/v2/", """
        {"queryType":"timeseries","dataSource":"pa",%s,%s,
         "postAggregations":[{"type":"javascript","name":"j","fieldNames":["added"],
            "function":"function(a) { return a; }"}]}""".formatted(ALL, AGGS));
    assertThat(js.status()).isEqualTo(400);
    assertThat(js.body()).contains("JavaScript is disabled");
    TestServer.Reply missing = server.post("/druid/v2/", """
        {"queryType":"timeseries","dataSource":"pa",%s,%s,
         "postAggregations":[{"type":"expression","name":"x","expression":"nope + 1"}]}""".formatted(ALL, AGGS));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body()).contains("nope");
    TestServer.Reply noFields = server.post("/druid/v2/", """
        {"queryType":"timeseries","dataSource":"pa",%s,%s,
         "postAggregations":[{"type":"doubleGreatest","name":"g","fields":[]}]}""".formatted(ALL, AGGS));
    assertThat(noFields.status()).isEqualTo(400);
    assertThat(noFields.body()).contains("fields");
  }
}
