package io.strata.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Extraction functions and the dimension specs that transform values, over HTTP on an ingested datasource: as
 * topN and groupBy dimensions, in filters (with the filter's bitmap path on persisted segments) and in a having
 * spec; and the functions Strata refuses, each with a 400 that says why. Expected answers are worked out by hand
 * from the six rows below (the golden files replay many more against answers a real Druid gave).
 */
class ExtractionFunctionsTest {
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
    JsonNode status = server.runTask("""
        {"type":"index","spec":{
          "dataSchema":{"dataSource":"ext","timestampSpec":{"column":"ts","format":"iso"},
            "dimensionsSpec":{"dimensions":["page","lang"]},
            "metricsSpec":[{"type":"count","name":"rows"},{"type":"longSum","name":"added","fieldName":"added"}],
            "granularitySpec":{"segmentGranularity":"day","queryGranularity":"none","rollup":false}},
          "ioConfig":{"type":"index","inputSource":{"type":"inline","data":"%s"},"inputFormat":{"type":"json"}}}}"""
        .formatted(DATA));
    assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("SUCCESS");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** groupBy on one dimension spec: "value=rows/added" per group, in result order. */
  private static List<String> groups(String dimension, String filter) throws Exception {
    JsonNode r = server.query("""
        {"queryType":"groupBy","dataSource":"ext","granularity":"all","intervals":["2020-01-01/2020-01-03"],
         "dimensions":[%s],%s"aggregations":[{"type":"longSum","name":"rows","fieldName":"rows"},
         {"type":"longSum","name":"added","fieldName":"added"}]}""".formatted(dimension,
        filter == null ? "" : "\"filter\":" + filter + ","));
    List<String> out = new ArrayList<>();
    for (JsonNode row : r) {
      JsonNode e = row.get("event");
      out.add(e.get("d").asText("null") + "=" + e.get("rows").asLong() + "/" + e.get("added").asLong());
    }
    return out;
  }

  @Test
  void extractionDimensionsGroupOnTheExtractedValues() throws Exception {
    assertThat(groups("""
        {"type":"extraction","dimension":"page","outputName":"d","extractionFn":{"type":"regex","expr":"^(\\\\w+)"}}""",
        null)).containsExactly("Apple=1/10", "Banana=2/10", "apple=1/20", "cherry=1/1", "date=1/5");
    assertThat(groups("""
        {"type":"extraction","dimension":"__time","outputName":"d","extractionFn":{"type":"timeFormat",
         "format":"EEEE HH","timeZone":"America/Los_Angeles"}}""", null))
        .containsExactly("Thursday 15=1/5", "Tuesday 17=1/10", "Tuesday 18=1/20", "Wednesday 05=1/7",
            "Wednesday 21=1/1", "Wednesday 22=1/3"); // 2020-01-01 is a Wednesday; LA is 8 hours behind
    assertThat(groups("""
        {"type":"extraction","dimension":"page","outputName":"d","outputType":"LONG",
         "extractionFn":{"type":"strlen"}}""", null))
        .containsExactly("4=1/5", "6=2/8", "9=1/10", "10=1/20", "12=1/3");
    // A lookup that keeps missing values; the null lang stays null.
    assertThat(groups("""
        {"type":"lookup","dimension":"lang","outputName":"d","lookup":{"type":"map","map":{"en":"English"}},
         "retainMissingValue":true}""", null))
        .containsExactly("null=1/3", "English=3/22", "de=1/1", "fr=1/20");
    // Filtered dimension specs: a value not kept is null in a groupBy.
    assertThat(groups("""
        {"type":"listFiltered","delegate":{"type":"default","dimension":"lang","outputName":"d"},
         "values":["en","de"]}""", null)).containsExactly("null=2/23", "de=1/1", "en=3/22");
  }

  @Test
  void topNLeavesOutTheRowsAFilteredSpecDrops() throws Exception {
    JsonNode r = server.query("""
        {"queryType":"topN","dataSource":"ext","granularity":"all","intervals":["2020-01-01/2020-01-03"],
         "dimension":{"type":"prefixFiltered","delegate":"page","prefix":"Ban"},"metric":"added","threshold":5,
         "aggregations":[{"type":"longSum","name":"added","fieldName":"added"}]}""");
    JsonNode top = r.get(0).get("result");
    assertThat(top).isEqualTo(io.strata.api.json.Json.MAPPER.readTree(
        "[{\"added\":7,\"page\":\"Banana\"},{\"added\":3,\"page\":\"Banana split\"}]"));
  }

  @Test
  void filtersMatchExtractedValuesWithThreeValuedLogic() throws Exception {
    String upperEn = "{\"type\":\"selector\",\"dimension\":\"lang\",\"value\":\"EN\",\"extractionFn\":{\"type\":\"upper\"}}";
    assertThat(groups("\"lang\"".replace("\"lang\"", "{\"type\":\"default\",\"dimension\":\"lang\",\"outputName\":\"d\"}"),
        upperEn)).containsExactly("en=3/22");
    // not(...) leaves out the row whose lang is null: UPPER(null) = 'EN' is unknown, and so is its negation.
    assertThat(groups("{\"type\":\"default\",\"dimension\":\"lang\",\"outputName\":\"d\"}",
        "{\"type\":\"not\",\"field\":" + upperEn + "}")).containsExactly("de=1/1", "fr=1/20");
    // A bound on string lengths, numerically.
    assertThat(groups("{\"type\":\"default\",\"dimension\":\"page\",\"outputName\":\"d\"}", """
        {"type":"bound","dimension":"page","lower":"6","upper":"9","ordering":"numeric",
         "extractionFn":{"type":"strlen"}}""")).containsExactly("Apple pie=1/10", "Banana=1/7", "cherry=1/1");
    // An interval filter on the day each row falls in, as epoch millis.
    assertThat(groups("{\"type\":\"default\",\"dimension\":\"page\",\"outputName\":\"d\"}", """
        {"type":"interval","dimension":"__time","intervals":["2020-01-02/2020-01-03"],
         "extractionFn":{"type":"timeFormat","granularity":"day","asMillis":true}}"""))
        .containsExactly("Banana split=1/3", "cherry=1/1", "date=1/5");
    // A having spec through an extraction function.
    JsonNode r = server.query("""
        {"queryType":"groupBy","dataSource":"ext","granularity":"all","intervals":["2020-01-01/2020-01-03"],
         "dimensions":["lang"],"aggregations":[{"type":"longSum","name":"rows","fieldName":"rows"}],
         "having":{"type":"dimSelector","dimension":"lang","value":"f","extractionFn":{"type":"substring",
           "index":0,"length":1}}}""");
    assertThat(r.size()).isEqualTo(1);
    assertThat(r.get(0).get("event").get("lang").asText()).isEqualTo("fr");
  }

  @Test
  void whatCannotRunIsRefusedWithA400ThatSaysWhy() throws Exception {
    String[][] cases = {
        {"{\"type\":\"javascript\",\"function\":\"function(x){return x;}\"}", "JavaScript is disabled"},
        {"{\"type\":\"registeredLookup\",\"lookup\":\"nope\"}", "Lookup [nope] not found"},
        {"{\"type\":\"regex\",\"expr\":\"\\\\d\"}", "index [1]"},
        {"{\"type\":\"regex\",\"expr\":\"(\",\"index\":0}", "Invalid regular expression"},
        {"{\"type\":\"timeFormat\",\"format\":\"yyyy\"}", "[Apple pie] is not a time"},
        {"{\"type\":\"cascade\",\"extractionFns\":[]}", "at least one"},
    };
    for (String[] c : cases) {
      TestServer.Reply reply = server.post("/druid/v2/", """
          {"queryType":"topN","dataSource":"ext","granularity":"all","intervals":["2020-01-01/2020-01-03"],
           "dimension":{"type":"extraction","dimension":"page","outputName":"d","extractionFn":%s},
           "metric":"rows","threshold":3,"aggregations":[{"type":"count","name":"rows"}]}""".formatted(c[0]));
      assertThat(reply.status()).as(c[0] + ": " + reply.body()).isEqualTo(400);
      assertThat(reply.json().get("errorMessage").asText()).as(c[0]).contains(c[1]);
    }
  }
}
