package io.strata.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first/last, any and doubleMean aggregators over HTTP on two day segments, merged across them; by
 * {@code __time} and by another time column; and their refusal in a metricsSpec (Strata cannot store them yet).
 * Expected answers are worked out by hand from the six rows below.
 */
class FirstLastAnyMeanTest {
  @TempDir
  static Path tmp;
  static TestServer server;

  private static final String DATA = String.join("\\n",
      "{\\\"ts\\\":\\\"2020-01-01T01:00:00Z\\\",\\\"page\\\":\\\"Apple pie\\\",\\\"lang\\\":\\\"en\\\",\\\"added\\\":10}",
      "{\\\"ts\\\":\\\"2020-01-01T02:30:00Z\\\",\\\"page\\\":\\\"apple tart\\\",\\\"lang\\\":\\\"fr\\\",\\\"added\\\":20}",
      "{\\\"ts\\\":\\\"2020-01-01T13:00:00Z\\\",\\\"page\\\":\\\"Banana\\\",\\\"lang\\\":\\\"en\\\",\\\"added\\\":7}",
      "{\\\"ts\\\":\\\"2020-01-02T05:00:00Z\\\",\\\"page\\\":\\\"cherry\\\",\\\"lang\\\":\\\"de\\\",\\\"added\\\":1}",
      "{\\\"ts\\\":\\\"2020-01-02T06:00:00Z\\\",\\\"page\\\":\\\"Banana split\\\",\\\"added\\\":3}",
      "{\\\"ts\\\":\\\"2020-01-02T23:00:00Z\\\",\\\"page\\\":\\\"date\\\",\\\"lang\\\":\\\"en\\\",\\\"added\\\":5}");

  @BeforeAll
  static void start() throws Exception {
    server = new TestServer(tmp.resolve("var"));
    JsonNode status = server.runTask(spec("[{\"type\":\"longSum\",\"name\":\"added\",\"fieldName\":\"added\"}]"));
    assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("SUCCESS");
  }

  private static String spec(String metrics) {
    return """
        {"type":"index","spec":{
          "dataSchema":{"dataSource":"fl","timestampSpec":{"column":"ts","format":"iso"},
            "dimensionsSpec":{"dimensions":["page","lang"]},"metricsSpec":%s,
            "granularitySpec":{"segmentGranularity":"day","queryGranularity":"none","rollup":false}},
          "ioConfig":{"type":"index","inputSource":{"type":"inline","data":"%s"},"inputFormat":{"type":"json"}}}}"""
        .formatted(metrics, DATA);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void firstAndLastTakeTheEarliestAndLatestRowAcrossSegments() throws Exception {
    JsonNode r = server.query("""
        {"queryType":"timeseries","dataSource":"fl","granularity":"all","intervals":["2020-01-01/2020-01-03"],
         "aggregations":[
           {"type":"longFirst","name":"firstAdded","fieldName":"added"},
           {"type":"longLast","name":"lastAdded","fieldName":"added"},
           {"type":"doubleFirst","name":"firstAddedD","fieldName":"added"},
           {"type":"stringFirst","name":"firstPage","fieldName":"page"},
           {"type":"stringLast","name":"lastPage","fieldName":"page"},
           {"type":"stringFirst","name":"cut","fieldName":"page","maxStringBytes":3},
           {"type":"stringFirst","name":"leastAddedPage","fieldName":"page","timeColumn":"added"},
           {"type":"stringLast","name":"mostAddedPage","fieldName":"page","timeColumn":"added"},
           {"type":"doubleMean","name":"mean","fieldName":"added"},
           {"type":"longAny","name":"any","fieldName":"added"}]}""");
    JsonNode result = r.get(0).get("result");
    assertThat(result.get("firstAdded").asLong()).isEqualTo(10);
    assertThat(result.get("lastAdded").asLong()).isEqualTo(5);
    assertThat(result.get("firstAddedD").asDouble()).isEqualTo(10.0);
    assertThat(result.get("firstPage").asText()).isEqualTo("Apple pie");
    assertThat(result.get("lastPage").asText()).isEqualTo("date");
    assertThat(result.get("cut").asText()).isEqualTo("App");
    assertThat(result.get("leastAddedPage").asText()).isEqualTo("cherry");
    assertThat(result.get("mostAddedPage").asText()).isEqualTo("apple tart");
    assertThat(result.get("mean").asDouble()).isEqualTo(46.0 / 6);
    assertThat(result.get("any").asLong()).isIn(10L, 20L, 7L, 1L, 3L, 5L);
  }

  @Test
  void perGroupAndPerDay() throws Exception {
    JsonNode g = server.query("""
        {"queryType":"groupBy","dataSource":"fl","granularity":"all","intervals":["2020-01-01/2020-01-03"],
         "dimensions":["lang"],"aggregations":[{"type":"longLast","name":"last","fieldName":"added"},
           {"type":"stringFirst","name":"first","fieldName":"page"}]}""");
    List<String> rows = new java.util.ArrayList<>();
    g.forEach(row -> rows.add(row.get("event").get("lang").asText("null") + ":" + row.get("event").get("last")
        .asLong() + ":" + row.get("event").get("first").asText()));
    assertThat(rows).containsExactly("null:3:Banana split", "de:1:cherry", "en:5:Apple pie", "fr:20:apple tart");
    JsonNode days = server.query("""
        {"queryType":"timeseries","dataSource":"fl","granularity":"day","intervals":["2020-01-01/2020-01-03"],
         "aggregations":[{"type":"longFirst","name":"first","fieldName":"added"},
           {"type":"doubleMean","name":"mean","fieldName":"added"}]}""");
    assertThat(days.get(0).get("result").get("first").asLong()).isEqualTo(10);
    assertThat(days.get(0).get("result").get("mean").asDouble()).isEqualTo(37.0 / 3);
    assertThat(days.get(1).get("result").get("first").asLong()).isEqualTo(1);
    assertThat(days.get(1).get("result").get("mean").asDouble()).isEqualTo(3.0);
    // A topN ranked by a last value.
    JsonNode top = server.query("""
        {"queryType":"topN","dataSource":"fl","granularity":"all","intervals":["2020-01-01/2020-01-03"],
         "dimension":"lang","metric":"last","threshold":2,
         "aggregations":[{"type":"longLast","name":"last","fieldName":"added"}]}""");
    assertThat(top.get(0).get("result").get(0).get("lang").asText()).isEqualTo("fr");
    assertThat(top.get(0).get("result").get(1).get("lang").asText()).isEqualTo("en");
  }

  @Test
  void theyAreRefusedInAMetricsSpecAndFinalizeFalseShowsTheTimedPair() throws Exception {
    TestServer.Reply r = server.post("/druid/indexer/v1/task",
        spec("[{\"type\":\"longFirst\",\"name\":\"f\",\"fieldName\":\"added\"}]"));
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.body()).contains("longFirst").contains("metricsSpec");
    TestServer.Reply q = server.post("/druid/v2/", """
        {"queryType":"timeseries","dataSource":"fl","granularity":"all","intervals":["2020-01-01/2020-01-03"],
         "aggregations":[{"type":"longFirst","name":"f","fieldName":"added"}],"context":{"finalize":false}}""");
    assertThat(q.status()).as(q.body()).isEqualTo(200);
    // The partial value Druid shows: the time of the first row and its value.
    assertThat(q.json().get(0).get("result").get("f").toString())
        .isEqualTo("{\"lhs\":1577840400000,\"rhs\":10}");
  }
}
