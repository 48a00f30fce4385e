package io.strata.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code regex}, {@code like}, {@code search} and {@code interval} filters over string dimensions, numbers
 * (matched by their text), {@code __time}, virtual columns and nulls (UNKNOWN: matched neither by the filter nor by
 * its {@code not}), on persisted segments. Expected counts are worked out by hand from the six rows below.
 */
class TextFiltersTest {
  @TempDir
  static Path tmp;
  static TestServer server;

  private static final String DATA = String.join("\\n",
      "{\\\"ts\\\":\\\"2020-01-01T00:00:00Z\\\",\\\"page\\\":\\\"Apple pie\\\",\\\"added\\\":10}",
      "{\\\"ts\\\":\\\"2020-01-01T06:00:00Z\\\",\\\"page\\\":\\\"apple_tart\\\",\\\"added\\\":105}",
      "{\\\"ts\\\":\\\"2020-01-01T12:00:00Z\\\",\\\"page\\\":\\\"Banana\\\",\\\"added\\\":7}",
      "{\\\"ts\\\":\\\"2020-01-01T18:00:00Z\\\",\\\"page\\\":\\\"50% off\\\",\\\"added\\\":50}",
      "{\\\"ts\\\":\\\"2020-01-02T00:00:00Z\\\",\\\"page\\\":\\\"cherry\\\",\\\"added\\\":1}",
      "{\\\"ts\\\":\\\"2020-01-02T06:00:00Z\\\",\\\"added\\\":3}");

  @BeforeAll
  static void start() throws Exception {
    server = new TestServer(tmp.resolve("var"));
    JsonNode status = server.runTask("""
        {"type":"index","spec":{
          "dataSchema":{"dataSource":"text","timestampSpec":{"column":"ts","format":"iso"},
            "dimensionsSpec":{"dimensions":["page"]},
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

  private static long count(String filter) throws Exception {
    return count(filter, "");
  }

  private static long count(String filter, String extra) throws Exception {
    JsonNode r = server.query("""
        {"queryType":"timeseries","dataSource":"text","granularity":"all","intervals":["2020-01-01/2020-01-03"],
         "filter":%s%s,"aggregations":[{"type":"count","name":"rows"}]}""".formatted(filter, extra));
    return r.get(0).get("result").get("rows").asLong();
  }

  private static String not(String filter) {
    return "{\"type\":\"not\",\"field\":" + filter + "}";
  }

  @Test
  void regexFindsThePatternAnywhere() throws Exception {
    String apple = "{\"type\":\"regex\",\"dimension\":\"page\",\"pattern\":\"[Aa]pple\"}";
    assertThat(count(apple)).isEqualTo(2);
    // not: the other three values; the row without a page is UNKNOWN, so neither side counts it.
    assertThat(count(not(apple))).isEqualTo(3);
    assertThat(count("{\"type\":\"regex\",\"dimension\":\"page\",\"pattern\":\"^a\"}")).isEqualTo(1);
    // On a number: its text. 10, 105 and 1 start with 1.
    assertThat(count("{\"type\":\"regex\",\"dimension\":\"added\",\"pattern\":\"^1\"}")).isEqualTo(3);
  }

  @Test
  void likeMatchesTheWholeValueWithWildcardsAndEscape() throws Exception {
    assertThat(count("{\"type\":\"like\",\"dimension\":\"page\",\"pattern\":\"apple%\"}")).isEqualTo(1);
    // Case-sensitive: apple_tart and Banana ("Apple pie" has no lower-case a).
    assertThat(count("{\"type\":\"like\",\"dimension\":\"page\",\"pattern\":\"%a%\"}")).isEqualTo(2);
    assertThat(count("{\"type\":\"like\",\"dimension\":\"page\",\"pattern\":\"_herry\"}")).isEqualTo(1);
    // _ is a wildcard unless escaped: apple_tart matches both, "appleXtart" would match only the first.
    assertThat(count("{\"type\":\"like\",\"dimension\":\"page\",\"pattern\":\"apple_tart\"}")).isEqualTo(1);
    assertThat(count("{\"type\":\"like\",\"dimension\":\"page\",\"pattern\":\"apple\\\\_%\",\"escape\":\"\\\\\"}"))
        .isEqualTo(1);
    assertThat(count("{\"type\":\"like\",\"dimension\":\"page\",\"pattern\":\"50!%%\",\"escape\":\"!\"}"))
        .isEqualTo(1);
    assertThat(count("{\"type\":\"like\",\"dimension\":\"added\",\"pattern\":\"1%\"}")).isEqualTo(3);
    assertThat(count(not("{\"type\":\"like\",\"dimension\":\"page\",\"pattern\":\"%a%\"}"))).isEqualTo(3);
  }

  @Test
  void searchQueriesContainFragmentAndRegex() throws Exception {
    // contains is case-insensitive unless caseSensitive: Apple pie and apple_tart.
    assertThat(count("{\"type\":\"search\",\"dimension\":\"page\",\"query\":{\"type\":\"contains\",\"value\":\"APPLE\"}}"))
        .isEqualTo(2);
    assertThat(count("{\"type\":\"search\",\"dimension\":\"page\",\"query\":{\"type\":\"contains\",\"value\":\"APPLE\","
        + "\"caseSensitive\":true}}")).isEqualTo(0);
    assertThat(count("{\"type\":\"search\",\"dimension\":\"page\",\"query\":{\"type\":\"insensitive_contains\","
        + "\"value\":\"an\"}}")).isEqualTo(1);
    assertThat(count("{\"type\":\"search\",\"dimension\":\"page\",\"query\":{\"type\":\"fragment\","
        + "\"values\":[\"app\",\"PIE\"]}}")).isEqualTo(1);
    assertThat(count("{\"type\":\"search\",\"dimension\":\"page\",\"query\":{\"type\":\"regex\",\"pattern\":\"r+y$\"}}"))
        .isEqualTo(1);
  }

  @Test
  void intervalMatchesTimesAndIsUsableOnVirtualColumns() throws Exception {
    String morning = "{\"type\":\"interval\",\"dimension\":\"__time\",\"intervals\":"
        + "[\"2020-01-01T00:00:00Z/2020-01-01T12:00:00Z\",\"2020-01-02T06:00:00Z/2020-01-03\"]}";
    assertThat(count(morning)).isEqualTo(3);
    assertThat(count(not(morning))).isEqualTo(3);
    // A filter on a virtual column: lower(page) contains "apple".
    assertThat(count("{\"type\":\"like\",\"dimension\":\"low\",\"pattern\":\"apple%\"}",
        ",\"virtualColumns\":[{\"type\":\"expression\",\"name\":\"low\",\"expression\":\"lower(page)\","
            + "\"outputType\":\"STRING\"}]")).isEqualTo(2);
  }

  @Test
  void badPatternsAreRefused() throws Exception {
    TestServer.Reply r = server.post("/druid/v2/", """
        {"queryType":"timeseries","dataSource":"text","granularity":"all","intervals":["2020/2021"],
         "filter":{"type":"regex","dimension":"page","pattern":"(unclosed"}}""");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).contains("(unclosed");
  }

  @Test
  void anExtractionFnIsAppliedBeforeTheMatch() throws Exception {
    // UPPER(page) LIKE 'A%': "Apple pie" and "apple_tart"; the null page is unknown, so neither side has it.
    String upperLike = "{\"type\":\"like\",\"dimension\":\"page\",\"pattern\":\"A%\","
        + "\"extractionFn\":{\"type\":\"upper\"}}";
    assertThat(count(upperLike)).isEqualTo(2);
    assertThat(count("{\"type\":\"not\",\"field\":" + upperLike + "}")).isEqualTo(3);
  }

  @Test
  void expressionAndColumnComparisonFiltersAndJavaScriptRefused() throws Exception {
    // added > 9: 10, 105, 50; strlen(page) > 6 for "Apple pie", "apple_tart", "50% off" (the null page is unknown).
    assertThat(count("{\"type\":\"expression\",\"expression\":\"added > 9\"}")).isEqualTo(3);
    assertThat(count("{\"type\":\"expression\",\"expression\":\"strlen(page) > 6\"}")).isEqualTo(3);
    assertThat(count("{\"type\":\"not\",\"field\":{\"type\":\"expression\","
        + "\"expression\":\"strlen(page) > 6\"}}")).isEqualTo(2);
    // A column equals itself (nulls too); page equals its upper-cased self in no row but the null one (null = null).
    assertThat(count("{\"type\":\"columnComparison\",\"dimensions\":[\"page\",\"page\"]}")).isEqualTo(6);
    assertThat(count("{\"type\":\"columnComparison\",\"dimensions\":[\"page\",{\"type\":\"extraction\","
        + "\"dimension\":\"page\",\"outputName\":\"u\",\"extractionFn\":{\"type\":\"upper\"}}]}"))
        .isEqualTo(1);
    TestServer.Reply js = server.post("/druid/v2/", """
        {"queryType":"timeseries","dataSource":"text","granularity":"all","intervals":["2020/2021"],
         "filter":{"type":"javascript","dimension":"page","function":"function(x){return true;}"}}""");
    assertThat(js.status()).isEqualTo(400);
    assertThat(js.body()).contains("JavaScript is disabled");
  }
}
