package io.strata.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Expression virtual columns on every query type that takes them: as aggregator inputs, as filter columns, as
 * topN and groupBy dimensions (string and numeric), as scan columns, nested on each other; output types coerce the
 * values; wrong definitions are refused naming the problem. Expected answers are worked out by hand from the five
 * rows below.
 */
class VirtualColumnsTest {
  @TempDir
  static Path tmp;
  static TestServer server;

  private static final String DATA = String.join("\\n",
      "{\\\"ts\\\":\\\"2020-01-01T10:05:00Z\\\",\\\"page\\\":\\\"a\\\",\\\"user\\\":\\\"u1\\\",\\\"added\\\":10}",
      "{\\\"ts\\\":\\\"2020-01-01T10:35:00Z\\\",\\\"page\\\":\\\"a\\\",\\\"user\\\":\\\"u2\\\",\\\"added\\\":4}",
      "{\\\"ts\\\":\\\"2020-01-01T11:00:00Z\\\",\\\"page\\\":\\\"b\\\",\\\"user\\\":\\\"u1\\\",\\\"added\\\":7}",
      "{\\\"ts\\\":\\\"2020-01-01T11:10:00Z\\\",\\\"page\\\":\\\"B\\\",\\\"user\\\":\\\"u3\\\",\\\"added\\\":12}",
      "{\\\"ts\\\":\\\"2020-01-01T11:20:00Z\\\",\\\"page\\\":\\\"c\\\",\\\"user\\\":\\\"u2\\\"}");

  private static final String VIRTUAL = """
      "virtualColumns":[
        {"type":"expression","name":"up","expression":"upper(page)","outputType":"STRING"},
        {"type":"expression","name":"twice","expression":"added * 2","outputType":"LONG"},
        {"type":"expression","name":"half","expression":"added / 2.0","outputType":"DOUBLE"},
        {"type":"expression","name":"nested","expression":"twice + 1","outputType":"LONG"}]""";

  private static final String ALL = "\"granularity\":\"all\",\"intervals\":[\"2020-01-01/2020-01-02\"]";

  @BeforeAll
  static void start() throws Exception {
    server = new TestServer(tmp.resolve("var"));
    JsonNode status = server.runTask("""
        {"type":"index","spec":{
          "dataSchema":{"dataSource":"vc","timestampSpec":{"column":"ts","format":"iso"},
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
  void timeseriesAggregatesAndFiltersOnVirtualColumns() throws Exception {
    JsonNode all = server.query("""
        {"queryType":"timeseries","dataSource":"vc",%s,%s,
         "aggregations":[{"type":"longSum","name":"twice","fieldName":"twice"},
                         {"type":"doubleSum","name":"half","fieldName":"half"},
                         {"type":"longSum","name":"nested","fieldName":"nested"}]}""".formatted(ALL, VIRTUAL));
    // twice: 2 * (10 + 4 + 7 + 12); half: 33 / 2; nested: twice + 1 on the four rows with added.
    assertThat(all.get(0).get("result").toString()).isEqualTo("{\"twice\":66,\"half\":16.5,\"nested\":70}");
    JsonNode filtered = server.query("""
        {"queryType":"timeseries","dataSource":"vc",%s,%s,
         "filter":{"type":"selector","dimension":"up","value":"B"},
         "aggregations":[{"type":"count","name":"rows"},{"type":"longSum","name":"added","fieldName":"added"}]}"""
        .formatted(ALL, VIRTUAL));
    assertThat(filtered.get(0).get("result").toString()).isEqualTo("{\"rows\":2,\"added\":19}");
  }

  @Test
  void topNAndGroupByGroupOnVirtualColumns() throws Exception {
    JsonNode topN = server.query("""
        {"queryType":"topN","dataSource":"vc",%s,%s,"dimension":"up","metric":"added","threshold":2,
         "aggregations":[{"type":"longSum","name":"added","fieldName":"added"}]}""".formatted(ALL, VIRTUAL));
    assertThat(topN.get(0).get("result").toString())
        .isEqualTo("[{\"up\":\"B\",\"added\":19},{\"up\":\"A\",\"added\":14}]");
    JsonNode groupBy = server.query("""
        {"queryType":"groupBy","dataSource":"vc",%s,%s,"dimensions":["up"],
         "filter":{"type":"not","field":{"type":"selector","dimension":"up","value":"C"}},
         "aggregations":[{"type":"count","name":"rows"},{"type":"doubleSum","name":"half","fieldName":"half"}]}"""
        .formatted(ALL, VIRTUAL));
    assertThat(groupBy).hasSize(2);
    assertThat(groupBy.get(0).get("event").toString()).isEqualTo("{\"up\":\"A\",\"rows\":2,\"half\":7.0}");
    assertThat(groupBy.get(1).get("event").toString()).isEqualTo("{\"up\":\"B\",\"rows\":2,\"half\":9.5}");
    JsonNode numeric = server.query("""
        {"queryType":"groupBy","dataSource":"vc",%s,%s,"dimensions":["twice"],
         "aggregations":[{"type":"count","name":"rows"}]}""".formatted(ALL, VIRTUAL));
    StringBuilder keys = new StringBuilder();
    numeric.forEach(r -> keys.append(r.get("event").get("twice")).append(' '));
    // A numeric virtual column grouped as a (default, STRING) dimension: its values as text; c has none.
    assertThat(keys.toString().trim()).isEqualTo("null \"14\" \"20\" \"24\" \"8\"");
  }

  @Test
  void scanReturnsVirtualColumnsWithTheirTypes() throws Exception {
    JsonNode scan = server.query("""
        {"queryType":"scan","dataSource":"vc","intervals":["2020-01-01/2020-01-02"],%s,
         "resultFormat":"compactedList","columns":["page","up","twice","half","nested"]}""".formatted(VIRTUAL));
    assertThat(scan.get(0).get("events").toString()).isEqualTo("["
        + "[\"a\",\"A\",20,5.0,21],"
        + "[\"a\",\"A\",8,2.0,9],"
        + "[\"b\",\"B\",14,3.5,15],"
        + "[\"B\",\"B\",24,6.0,25],"
        + "[\"c\",\"C\",null,null,null]]");
    assertThat(scan.get(0).get("rowSignature").toString()).contains("{\"name\":\"twice\",\"type\":\"LONG\"}");
  }

  @Test
  void wrongVirtualColumnsAreRefusedNamingTheProblem() throws Exception {
    String base = "{\"queryType\":\"timeseries\",\"dataSource\":\"vc\"," + ALL + ",\"virtualColumns\":[%s]}";
    String[][] cases = {
        {"{\"type\":\"expression\",\"name\":\"v1\",\"expression\":\"v2 + 1\",\"outputType\":\"LONG\"},"
            + "{\"type\":\"expression\",\"name\":\"v2\",\"expression\":\"v1 + 1\",\"outputType\":\"LONG\"}", "cycle"},
        {"{\"type\":\"expression\",\"name\":\"v\",\"expression\":\"added * 2\"}", "outputType"},
        {"{\"type\":\"expression\",\"name\":\"v\",\"expression\":\"added +\",\"outputType\":\"LONG\"}", "[v]"},
        {"{\"type\":\"expression\",\"name\":\"v\",\"expression\":\"1\",\"outputType\":\"LONG\"},"
            + "{\"type\":\"expression\",\"name\":\"v\",\"expression\":\"2\",\"outputType\":\"LONG\"}", "Duplicate"},
        {"{\"type\":\"mystery\",\"name\":\"v\"}", "mystery"},
    };
    for (String[] c : cases) {
      TestServer.Reply r = server.post("/druid/v2/", base.formatted(c[0]));
      assertThat(r.status()).as(c[1] + ": " + r.body()).isEqualTo(400);
      assertThat(r.body()).as(c[1]).contains(c[1]);
    }
  }
}
