package io.strata.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The "must show" cases of the seed documents, end to end through the HTTP API. */
class TutorialAndSeedSpecTest {
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

  @Test
  void tutorialEventsAnswerTimeBoundaryExactlyAsTheSeedPrints() throws Exception {
    String spec = Files.readString(TestServer.REPO_ROOT.resolve("examples/tutorial/wikipedia-index.json"));
    JsonNode status = server.runTask(spec);
    assertThat(status.get("status").asText()).isEqualTo("SUCCESS");

    JsonNode result = server.query(Files.readString(TestServer.REPO_ROOT.resolve("examples/tutorial/timeBoundary.json")));
    JsonNode expected = Json.MAPPER.readTree("""
        [ {
          "timestamp" : "2013-08-31T01:02:33.000Z",
          "result" : {
            "minTime" : "2013-08-31T01:02:33.000Z",
            "maxTime" : "2013-08-31T12:41:27.000Z"
          }
        } ]""");
    assertThat(result).isEqualTo(expected);
  }

  @Test
  void seedExampleSpecFlattensNestedUserIdIntoALongDimension() throws Exception {
    Path data = tmp.resolve("examples/indexing");
    Files.createDirectories(data);
    Files.writeString(data.resolve("wikipedia_data.json"), """
        {"timestamp":"2013-08-31T01:02:33Z","page":"Gypsy Danger","language":"en","user":{"id":1001,"name":"nuclear"},"bytes_added":57,"bytes_deleted":200}
        {"timestamp":"2013-08-31T03:32:45Z","page":"Striker Eureka","language":"en","user":{"id":1002,"name":"speed"},"bytes_added":459,"bytes_deleted":129}
        {"timestamp":"2013-08-31T03:32:45Z","page":"Striker Eureka","language":"en","user":{"id":1002,"name":"speed"},"bytes_added":1,"bytes_deleted":1}
        """);
    // The seed's example spec with its typo mended ({"type": "string", "name": "page"}).
    String spec = """
        {
          "type": "index_parallel",
          "spec": {
            "dataSchema": {
              "dataSource": "wikipedia",
              "timestampSpec": {"column": "timestamp", "format": "auto"},
              "dimensionsSpec": {
                "dimensions": [
                  { "type": "string", "name": "page" },
                  { "type": "string", "name": "language" },
                  { "type": "long", "name": "userId" }
                ]
              },
              "metricsSpec": [
                { "type": "count", "name": "count" },
                { "type": "doubleSum", "name": "bytes_added_sum", "fieldName": "bytes_added" },
                { "type": "doubleSum", "name": "bytes_deleted_sum", "fieldName": "bytes_deleted" }
              ],
              "granularitySpec": {
                "segmentGranularity": "day",
                "queryGranularity": "none",
                "intervals": ["2013-08-31/2013-09-01"]
              }
            },
            "ioConfig": {
              "type": "index_parallel",
              "inputSource": {"type": "local", "baseDir": "%s", "filter": "wikipedia_data.json"},
              "inputFormat": {
                "type": "json",
                "flattenSpec": {
                  "useFieldDiscovery": true,
                  "fields": [ { "type": "path", "name": "userId", "expr": "$.user.id" } ]
                }
              }
            },
            "tuningConfig": {"type": "index_parallel"}
          }
        }""".formatted(data);
    assertThat(server.runTask(spec).get("status").asText()).isEqualTo("SUCCESS");

    JsonNode meta = server.query("""
        {"queryType":"segmentMetadata","dataSource":"wikipedia","merge":true,"analysisTypes":["cardinality"]}""");
    assertThat(meta.get(0).get("columns").get("userId").get("type").asText()).isEqualTo("LONG");

    JsonNode groups = server.query("""
        {"queryType":"groupBy","dataSource":"wikipedia","granularity":"all","intervals":["2013-08-31/2013-09-01"],
         "dimensions":[{"type":"default","dimension":"userId","outputName":"userId","outputType":"LONG"}],
         "aggregations":[{"type":"longSum","name":"rows","fieldName":"count"},
                         {"type":"doubleSum","name":"added","fieldName":"bytes_added_sum"}]}""");
    assertThat(groups).hasSize(2);
    assertThat(groups.get(0).get("event").get("userId").asLong()).isEqualTo(1001L);
    assertThat(groups.get(0).get("event").get("added").asDouble()).isEqualTo(57.0);
    assertThat(groups.get(1).get("event").get("userId").asLong()).isEqualTo(1002L);
    assertThat(groups.get(1).get("event").get("rows").asLong()).isEqualTo(2);
    assertThat(groups.get(1).get("event").get("added").asDouble()).isEqualTo(460.0);
  }

  @Test
  void legacyParserSpecLoadsTheSameAsTheModernSpec() throws Exception {
    String spec = """
        {
          "type": "index",
          "spec": {
            "dataSchema": {
              "dataSource": "legacy",
              "parser": {
                "type": "string",
                "parseSpec": {
                  "format": "json",
                  "timestampSpec": {"column": "timestamp", "format": "auto"},
                  "dimensionsSpec": {"dimensions": ["page","language","user","unpatrolled","newPage","robot",
                    "anonymous","namespace","continent","country","region","city"]}
                }
              },
              "metricsSpec": [{"type": "count", "name": "count"},
                              {"type": "doubleSum", "name": "added", "fieldName": "added"}],
              "granularitySpec": {"type": "uniform", "segmentGranularity": "DAY", "queryGranularity": "NONE",
                                  "intervals": ["2013-08-31/2013-09-01"]}
            },
            "ioConfig": {"type": "index",
                         "inputSource": {"type": "local", "baseDir": "examples/tutorial",
                                         "filter": "wikipedia-events.json"}}
          }
        }""";
    assertThat(server.runTask(spec).get("status").asText()).isEqualTo("SUCCESS");
    JsonNode ts = server.query("""
        {"queryType":"timeseries","dataSource":"legacy","granularity":"all","intervals":["2013-08-31/2013-09-01"],
         "aggregations":[{"type":"longSum","name":"rows","fieldName":"count"},
                         {"type":"doubleSum","name":"added","fieldName":"added"}]}""");
    assertThat(ts.get(0).get("result").get("rows").asLong()).isEqualTo(5);
    assertThat(ts.get(0).get("result").get("added").asDouble()).isEqualTo(57 + 459 + 123 + 905 + 1);
  }
}
