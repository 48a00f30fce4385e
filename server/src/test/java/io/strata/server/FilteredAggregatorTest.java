package io.strata.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code filtered} aggregator at query time (timeseries, topN, groupBy, over two segments so partials merge) and
 * at ingestion (in a metricsSpec, folded by rollup). Expected answers are worked out by hand from the rows below.
 */
class FilteredAggregatorTest {
  @TempDir
  static Path tmp;
  static TestServer server;

  private static final String DATA = String.join("\\n",
      "{\\\"ts\\\":\\\"2020-01-01T01:00:00Z\\\",\\\"page\\\":\\\"a\\\",\\\"user\\\":\\\"u1\\\",\\\"added\\\":10}",
      "{\\\"ts\\\":\\\"2020-01-01T02:00:00Z\\\",\\\"page\\\":\\\"a\\\",\\\"user\\\":\\\"u2\\\",\\\"added\\\":4}",
      "{\\\"ts\\\":\\\"2020-01-01T03:00:00Z\\\",\\\"page\\\":\\\"b\\\",\\\"user\\\":\\\"u1\\\",\\\"added\\\":7}",
      "{\\\"ts\\\":\\\"2020-01-02T01:00:00Z\\\",\\\"page\\\":\\\"a\\\",\\\"user\\\":\\\"u1\\\",\\\"added\\\":1}",
      "{\\\"ts\\\":\\\"2020-01-02T02:00:00Z\\\",\\\"page\\\":\\\"c\\\",\\\"user\\\":\\\"u3\\\",\\\"added\\\":100}");

  private static final String U1 = "{\"type\":\"selector\",\"dimension\":\"user\",\"value\":\"u1\"}";

  @BeforeAll
  static void start() throws Exception {
    server = new TestServer(tmp.resolve("var"));
    JsonNode status = server.runTask("""
        {"type":"index","spec":{
          "dataSchema":{"dataSource":"fa","timestampSpec":{"column":"ts","format":"iso"},
            "dimensionsSpec":{"dimensions":["page","user"]},
            "metricsSpec":[{"type":"count","name":"count"},
                           {"type":"longSum","name":"added","fieldName":"added"},
                           {"type":"filtered","filter":%s,
                            "aggregator":{"type":"longSum","name":"u1Added","fieldName":"added"}}],
            "granularitySpec":{"segmentGranularity":"day","queryGranularity":"day","rollup":true}},
          "ioConfig":{"type":"index","inputSource":{"type":"inline","data":"%s"},"inputFormat":{"type":"json"}}}}"""
        .formatted(U1, DATA));
    assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("SUCCESS");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static final String ALL = "\"granularity\":\"all\",\"intervals\":[\"2020-01-01/2020-01-03\"]";

  @Test
  void queryTimeFilteredAggregatorsSeeOnlyMatchingRows() throws Exception {
    JsonNode ts = server.query("""
        {"queryType":"timeseries","dataSource":"fa",%s,
         "aggregations":[{"type":"longSum","name":"rows","fieldName":"count"},
           {"type":"filtered","filter":{"type":"selector","dimension":"page","value":"a"},
            "aggregator":{"type":"longSum","name":"aRows","fieldName":"count"}},
           {"type":"filtered","name":"cAdded","filter":{"type":"selector","dimension":"page","value":"c"},
            "aggregator":{"type":"longSum","name":"ignored","fieldName":"added"}},
           {"type":"filtered","filter":{"type":"selector","dimension":"page","value":"zzz"},
            "aggregator":{"type":"count","name":"none"}}]}""".formatted(ALL));
    // Rolled up by day: Jan 1 (a,u1),(a,u2),(b,u1); Jan 2 (a,u1),(c,u3). page a: 3 input rows.
    assertThat(ts.get(0).get("result").toString())
        .isEqualTo("{\"rows\":5,\"aRows\":3,\"cAdded\":100,\"none\":0}");
    JsonNode groupBy = server.query("""
        {"queryType":"groupBy","dataSource":"fa",%s,"dimensions":["page"],
         "aggregations":[{"type":"filtered","filter":%s,
            "aggregator":{"type":"longSum","name":"u1","fieldName":"added"}}]}""".formatted(ALL, U1));
    // page a: u1 rows 10 and 1; b: 7; c: no u1 row, so the sum has no value (null).
    assertThat(groupBy.toString()).contains("{\"page\":\"a\",\"u1\":11}", "{\"page\":\"b\",\"u1\":7}",
        "{\"page\":\"c\",\"u1\":null}");
    JsonNode topN = server.query("""
        {"queryType":"topN","dataSource":"fa",%s,"dimension":"page","metric":"u1","threshold":1,
         "aggregations":[{"type":"filtered","filter":%s,
            "aggregator":{"type":"longSum","name":"u1","fieldName":"added"}}]}""".formatted(ALL, U1));
    assertThat(topN.get(0).get("result").toString()).isEqualTo("[{\"page\":\"a\",\"u1\":11}]");
  }

  @Test
  void timeseriesGrandTotalAddsATotalRowWithANullTimestamp() throws Exception {
    JsonNode ts = server.query("""
        {"queryType":"timeseries","dataSource":"fa","granularity":"day","intervals":["2020-01-01/2020-01-04"],
         "aggregations":[{"type":"longSum","name":"rows","fieldName":"count"},
                         {"type":"longSum","name":"added","fieldName":"added"}],
         "postAggregations":[{"type":"arithmetic","name":"sum","fn":"+","fields":[
           {"type":"fieldAccess","fieldName":"rows"},{"type":"fieldAccess","fieldName":"added"}]}],
         "context":{"grandTotal":true}}""");
    // Jan 3 has no segment, so no bucket (as Druid); the total row combines the buckets and recomputes the
    // post-aggregator.
    assertThat(ts.toString()).isEqualTo("["
        + "{\"timestamp\":\"2020-01-01T00:00:00.000Z\",\"result\":{\"rows\":3,\"added\":21,\"sum\":24.0}},"
        + "{\"timestamp\":\"2020-01-02T00:00:00.000Z\",\"result\":{\"rows\":2,\"added\":101,\"sum\":103.0}},"
        + "{\"timestamp\":null,\"result\":{\"rows\":5,\"added\":122,\"sum\":127.0}}]");
    TestServer.Reply withLimit = server.post("/druid/v2/", """
        {"queryType":"timeseries","dataSource":"fa","granularity":"day","intervals":["2020-01-01/2020-01-04"],
         "limit":1,"context":{"grandTotal":true}}""");
    assertThat(withLimit.status()).isEqualTo(400);
    assertThat(withLimit.body()).contains("grandTotal");
  }

  @Test
  void anIngestionTimeFilteredMetricIsFoldedByRollup() throws Exception {
    JsonNode ts = server.query("""
        {"queryType":"timeseries","dataSource":"fa",%s,
         "aggregations":[{"type":"longSum","name":"u1Added","fieldName":"u1Added"}]}""".formatted(ALL));
    assertThat(ts.get(0).get("result").toString()).isEqualTo("{\"u1Added\":18}");
  }
}
