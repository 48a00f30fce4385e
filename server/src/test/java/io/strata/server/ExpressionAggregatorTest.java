package io.strata.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Aggregators with an {@code expression} instead of a {@code fieldName}: evaluated per input row at ingestion
 * (rollup folds the results) and per stored row at query time. Every expected answer here is what a real Druid 33
 * returned for the same spec, data and query (the one difference: Druid answers fieldName and expression together
 * with an unhandled-exception error, Strata with a 400 saying so).
 */
class ExpressionAggregatorTest {
  @TempDir
  static Path tmp;
  static TestServer server;

  private static final String DATA = String.join("\\n",
      "{\\\"ts\\\":\\\"2020-01-01T10:05:00Z\\\",\\\"page\\\":\\\"a\\\",\\\"added\\\":10,\\\"deleted\\\":1}",
      "{\\\"ts\\\":\\\"2020-01-01T10:35:00Z\\\",\\\"page\\\":\\\"a\\\",\\\"added\\\":4,\\\"deleted\\\":3}",
      "{\\\"ts\\\":\\\"2020-01-01T11:00:00Z\\\",\\\"page\\\":\\\"b\\\",\\\"added\\\":7,\\\"deleted\\\":0}",
      "{\\\"ts\\\":\\\"2020-01-01T11:10:00Z\\\",\\\"page\\\":\\\"b\\\",\\\"added\\\":\\\"12\\\",\\\"deleted\\\":2}",
      "{\\\"ts\\\":\\\"2020-01-01T11:20:00Z\\\",\\\"page\\\":\\\"c\\\",\\\"deleted\\\":5}");

  @BeforeAll
  static void start() throws Exception {
    server = new TestServer(tmp.resolve("var"));
    JsonNode status = server.runTask("""
        {"type":"index","spec":{
          "dataSchema":{"dataSource":"expr","timestampSpec":{"column":"ts","format":"iso"},
            "dimensionsSpec":{"dimensions":["page"]},
            "metricsSpec":[{"type":"count","name":"count"},
                           {"type":"longSum","name":"added","fieldName":"added"},
                           {"type":"longSum","name":"twice","expression":"added * 2"},
                           {"type":"doubleMax","name":"ratio","expression":"added / (deleted + 1.0)"}],
            "granularitySpec":{"segmentGranularity":"day","queryGranularity":"hour","rollup":true}},
          "ioConfig":{"type":"index","inputSource":{"type":"inline","data":"%s"},"inputFormat":{"type":"json"}}}}"""
        .formatted(DATA));
    assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("SUCCESS");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void ingestionEvaluatesTheExpressionPerInputRowBeforeRollup() throws Exception {
    JsonNode rows = server.query("""
        {"queryType":"scan","dataSource":"expr","intervals":["2020-01-01/2020-01-02"],"resultFormat":"compactedList",
         "columns":["__time","page","count","added","twice","ratio"]}""").get(0).get("events");
    // page a at 10:00: 10 and 4 fold; twice = 2*10 + 2*4; ratio = max(10/2, 4/4). page c has no added: null.
    assertThat(rows.toString()).isEqualTo("["
        + "[1577872800000,\"a\",2,14,28,5.0],"
        + "[1577876400000,\"b\",2,19,38,7.0],"
        + "[1577876400000,\"c\",1,null,null,null]]");
  }

  @Test
  void queriesEvaluateTheExpressionPerStoredRow() throws Exception {
    JsonNode result = server.query("""
        {"queryType":"timeseries","dataSource":"expr","granularity":"all","intervals":["2020-01-01/2020-01-02"],
         "aggregations":[{"type":"longSum","name":"plusOne","expression":"added + 1"},
                         {"type":"doubleSum","name":"half","expression":"twice * 0.5"},
                         {"type":"longMin","name":"least","expression":"count * 100 + added"}]}""");
    // Stored rows: (a: added 14, count 2), (b: 19, 2), (c: null, 1). null + 1 is null, so c adds nothing.
    assertThat(result.get(0).get("result").toString())
        .isEqualTo("{\"plusOne\":35,\"half\":33.0,\"least\":214}");
  }

  @Test
  void expressionsOverStringsNullsAndRolledUpColumnsAnswerAsDruidDoes() throws Exception {
    String iv = "\"granularity\":\"all\",\"intervals\":[\"2020-01-01/2020-01-02\"]";
    assertJson(server.query("""
        {"queryType":"groupBy","dataSource":"expr",%s,"dimensions":["page"],
         "aggregations":[{"type":"doubleSum","name":"d","expression":"added * 1.5 + count"},
                         {"type":"longMax","name":"m","expression":"twice - added"}]}""".formatted(iv)), """
        [{"version":"v1","timestamp":"2020-01-01T00:00:00.000Z","event":{"d":23.0,"page":"a","m":14}},
         {"version":"v1","timestamp":"2020-01-01T00:00:00.000Z","event":{"d":30.5,"page":"b","m":19}},
         {"version":"v1","timestamp":"2020-01-01T00:00:00.000Z","event":{"d":null,"page":"c","m":null}}]""");
    assertJson(server.query("""
        {"queryType":"topN","dataSource":"expr",%s,"dimension":"page","metric":"s","threshold":2,
         "aggregations":[{"type":"longSum","name":"s","expression":"added * count"}]}""".formatted(iv)), """
        [{"timestamp":"2020-01-01T10:00:00.000Z","result":[{"page":"b","s":38},{"page":"a","s":28}]}]""");
    assertJson(server.query("""
        {"queryType":"timeseries","dataSource":"expr","granularity":"hour","intervals":["2020-01-01/2020-01-02"],
         "aggregations":[{"type":"floatSum","name":"f","expression":"ratio / 2"},
                         {"type":"longSum","name":"n","expression":"nvl(added, 0) + 1"}]}"""), """
        [{"timestamp":"2020-01-01T10:00:00.000Z","result":{"f":2.5,"n":15}},
         {"timestamp":"2020-01-01T11:00:00.000Z","result":{"f":3.5,"n":21}}]""");
    assertJson(server.query("""
        {"queryType":"timeseries","dataSource":"expr",%s,
         "aggregations":[{"type":"longSum","name":"l","expression":"strlen(page)"},
                         {"type":"doubleSum","name":"c","expression":"concat(page, '1')"}]}""".formatted(iv)), """
        [{"timestamp":"2020-01-01T10:00:00.000Z","result":{"l":3,"c":null}}]""");
  }

  private static void assertJson(JsonNode actual, String expected) throws Exception {
    assertThat(actual).isEqualTo(io.strata.api.json.Json.MAPPER.readTree(expected));
  }

  @Test
  void fieldNameAndExpressionTogetherAreRefused() throws Exception {
    TestServer.Reply r = server.post("/druid/v2/", """
        {"queryType":"timeseries","dataSource":"expr","granularity":"all","intervals":["2020-01-01/2020-01-02"],
         "aggregations":[{"type":"longSum","name":"x","fieldName":"added","expression":"added + 1"}]}""");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).contains("both fieldName and expression");
  }
}
