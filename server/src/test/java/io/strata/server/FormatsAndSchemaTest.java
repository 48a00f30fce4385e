package io.strata.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Input formats, schemaless dimensions, missing timestamps and transforms, end to end through HTTP. */
class FormatsAndSchemaTest {
  @TempDir
  static Path tmp;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new TestServer(tmp.resolve("var"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String task(String dataSource, String dataSchemaRest, String inputSource, String inputFormat) {
    return """
        {"type":"index_parallel","spec":{
          "dataSchema":{"dataSource":"%s",%s},
          "ioConfig":{"type":"index_parallel","inputSource":%s,"inputFormat":%s},
          "tuningConfig":{"type":"index_parallel","maxNumConcurrentSubTasks":2}}}"""
        .formatted(dataSource, dataSchemaRest, inputSource, inputFormat);
  }

  JsonNode columns(String ds) throws Exception {
    return server.query("""
        {"queryType":"segmentMetadata","dataSource":"%s","merge":true,"analysisTypes":["cardinality"]}"""
        .formatted(ds)).get(0).get("columns");
  }

  @Test
  void csvWithHeaderAndTsvWithColumnsLoadTheSameRows() throws Exception {
    Files.writeString(tmp.resolve("a.csv"), """
        time,country,city,added
        2020-01-01T00:00:00Z,France,Paris,10
        2020-01-01T01:00:00Z,"United States","New York, NY",5
        2020-01-01T02:00:00Z,France,Lyon,
        """);
    Files.writeString(tmp.resolve("a.tsv"), """
        2020-01-01T00:00:00Z\tFrance\tParis\t10
        2020-01-01T01:00:00Z\tUnited States\tNew York, NY\t5
        2020-01-01T02:00:00Z\tFrance\tLyon\t
        """);
    String schema = """
        "timestampSpec":{"column":"time","format":"iso"},
        "dimensionsSpec":{"dimensions":["country","city"]},
        "metricsSpec":[{"type":"count","name":"count"},{"type":"longSum","name":"added","fieldName":"added"}]""";
    assertThat(server.runTask(task("csv", schema,
        "{\"type\":\"local\",\"baseDir\":\"" + tmp + "\",\"filter\":\"a.csv\"}",
        "{\"type\":\"csv\",\"findColumnsFromHeader\":true}")).get("status").asText()).isEqualTo("SUCCESS");
    assertThat(server.runTask(task("tsv", schema,
        "{\"type\":\"local\",\"baseDir\":\"" + tmp + "\",\"filter\":\"*.tsv\"}",
        "{\"type\":\"tsv\",\"columns\":[\"time\",\"country\",\"city\",\"added\"]}")).get("status").asText())
        .isEqualTo("SUCCESS");
    String query = """
        {"queryType":"groupBy","dataSource":"%s","granularity":"all","intervals":["2020/2021"],
         "dimensions":["city"],"aggregations":[{"type":"longSum","name":"added","fieldName":"added"},
         {"type":"longSum","name":"rows","fieldName":"count"}]}""";
    JsonNode csv = server.query(query.formatted("csv"));
    assertThat(csv.toString()).contains("\"city\":\"New York, NY\"").contains("\"city\":\"Lyon\",\"added\":null");
    assertThat(server.query(query.formatted("tsv")).toString().replace("\"tsv\"", "\"csv\""))
        .isEqualTo(csv.toString());
  }

  @Test
  void schemalessDiscoveryFollowsTheIngestionReferenceRules() throws Exception {
    String data = "{\\\"ts\\\":\\\"2020-01-01T00:00:00Z\\\",\\\"a\\\":\\\"x\\\",\\\"b\\\":1,\\\"secret\\\":\\\"s\\\","
        + "\\\"value\\\":3,\\\"total\\\":9}\\n"
        + "{\\\"ts\\\":\\\"2020-01-01T00:00:00Z\\\",\\\"c\\\":true,\\\"value\\\":4}\\n";
    String schema = """
        "timestampSpec":{"column":"ts","format":"iso"},
        "dimensionsSpec":{"dimensionExclusions":["secret"]},
        "metricsSpec":[{"type":"count","name":"count"},{"type":"longSum","name":"total","fieldName":"value"}]""";
    assertThat(server.runTask(task("schemaless", schema,
        "{\"type\":\"inline\",\"data\":\"" + data + "\"}", "{\"type\":\"json\"}")).get("status").asText())
        .isEqualTo("SUCCESS");
    JsonNode cols = columns("schemaless");
    // Rule 2 drops "secret", 3 the timestamp column, 4 the aggregator input "value", 5 the aggregator name "total";
    // rule 6 makes the rest (in order of first appearance) string dimensions.
    assertThat(cols.has("secret")).isFalse();
    assertThat(cols.has("ts")).isFalse();
    assertThat(cols.get("a").get("type").asText()).isEqualTo("STRING");
    assertThat(cols.get("b").get("type").asText()).isEqualTo("STRING");
    assertThat(cols.get("c").get("type").asText()).isEqualTo("STRING");
    assertThat(cols.get("total").get("type").asText()).isEqualTo("LONG");
    JsonNode ds = server.get("/druid/v2/datasources/schemaless?interval=2020-01-01/2020-01-02").json();
    assertThat(ds.get("dimensions").toString()).isEqualTo("[\"a\",\"b\",\"c\"]");
  }

  @Test
  void missingTimestampsTakeMissingValueAndTransformsShapeRows() throws Exception {
    String data = "{\\\"page\\\":\\\"Main\\\",\\\"lang\\\":\\\"en\\\",\\\"n\\\":2}\\n"
        + "{\\\"page\\\":\\\"Talk\\\",\\\"lang\\\":\\\"fr\\\",\\\"n\\\":3}\\n"
        + "{\\\"page\\\":\\\"Skip\\\",\\\"lang\\\":\\\"de\\\",\\\"n\\\":4}\\n";
    String schema = """
        "timestampSpec":{"column":"ts","format":"auto","missingValue":"2010-01-01T00:00:00Z"},
        "dimensionsSpec":{"dimensions":["page","channel"]},
        "metricsSpec":[{"type":"longSum","name":"n","fieldName":"n"}],
        "transformSpec":{"transforms":[
            {"type":"expression","name":"channel","expression":"concat('#', lang, '.wikipedia')"},
            {"type":"expression","name":"page","expression":"upper(page)"}],
          "filter":{"type":"not","field":{"type":"selector","dimension":"lang","value":"de"}}}""";
    JsonNode status = server.runTask(task("transformed", schema,
        "{\"type\":\"inline\",\"data\":\"" + data + "\"}", "{\"type\":\"json\"}"));
    assertThat(status.get("status").asText()).isEqualTo("SUCCESS");
    assertThat(server.report(status.get("id").asText()).get("rowStats").get("buildSegments").get("thrownAway").asLong())
        .isEqualTo(1);
    JsonNode rows = server.query("""
        {"queryType":"scan","dataSource":"transformed","intervals":["2000/2100"],"columns":["__time","page","channel","n"],
         "resultFormat":"compactedList","order":"ascending","limit":10}""").get(0).get("events");
    assertThat(rows.toString()).isEqualTo(
        "[[1262304000000,\"MAIN\",\"#en.wikipedia\",2],[1262304000000,\"TALK\",\"#fr.wikipedia\",3]]");
  }
}
