package io.strata.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One regression test per defect of the hardening issue, each written against what the server did before the fix:
 * instants past year 9999 that bricked the server, nesting that overflowed the stack, ids that escaped the scratch
 * directory, nulls and numbers that became 500s, and the nonsense that was silently accepted.
 */
class HardeningTest {
  /** A qualified Java name or an exception class in a response body: what no body may contain. */
  static final Pattern JAVA_NAMES = Pattern.compile(
      "\\b(?:java|javax|jdk|com\\.fasterxml|io\\.strata|org\\.eclipse|org\\.sqlite)\\.[a-z]|\\b[A-Z]\\w*(?:Exception|Error)\\b");

  @TempDir
  Path tmp;

  static String inlineSpec(String ds, String rows) {
    return IngestionSemanticsTest.spec(ds, rows, false, "none", false, null);
  }

  /** Asserts a 400 in Druid's error JSON, naming the problem, without Java names. */
  static JsonNode assertBadRequest(TestServer.Reply r, String... messageParts) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertCleanError(r);
    for (String p : messageParts) {
      assertThat(r.json().get("errorMessage").asText()).as(r.body()).contains(p);
    }
    return r.json();
  }

  static void assertCleanError(TestServer.Reply r) {
    JsonNode body = r.json();
    assertThat(body.has("error")).as(r.body()).isTrue();
    assertThat(body.has("errorMessage")).as(r.body()).isTrue();
    assertThat(JAVA_NAMES.matcher(r.body()).find()).as("a Java name in " + r.body()).isFalse();
  }

  // ------------------------------------------------------------------------------------- 1. extreme instants

  @Test
  void rowsAtYear9999AndBeforeYearOneAreServedAndSurviveRestart() throws Exception {
    try (TestServer server = new TestServer(tmp.resolve("var"))) {
      String rows = """
          {"ts":"9999-12-31T23:59:59Z","d1":"max","d2":"x","v":1,"x":1.0}
          {"ts":"-0001-06-01T00:00:00Z","d1":"neg","d2":"x","v":2,"x":1.0}
          {"ts":"0000-01-01T00:00:00Z","d1":"zero","d2":"x","v":3,"x":1.0}
          """;
      assertThat(server.runTask(inlineSpec("extreme", rows)).get("status").asText()).isEqualTo("SUCCESS");
      assertExtremeData(server);
      // A second ingestion into the same datasource (replacing those chunks) works too.
      assertThat(server.runTask(inlineSpec("extreme", rows)).get("status").asText()).isEqualTo("SUCCESS");
      server.restart();
      assertExtremeData(server);
    }
  }

  private static void assertExtremeData(TestServer server) throws Exception {
    JsonNode segments = server.get("/druid/coordinator/v1/metadata/datasources/extreme/segments?full").json();
    assertThat(segments.toString()).contains("\"interval\":\"9999-12-31T00:00:00.000Z/10000-01-01T00:00:00.000Z\"")
        .contains("\"interval\":\"-0001-06-01T00:00:00.000Z/-0001-06-02T00:00:00.000Z\"")
        .contains("\"interval\":\"0000-01-01T00:00:00.000Z/0000-01-02T00:00:00.000Z\"");
    JsonNode tb = server.query("{\"queryType\":\"timeBoundary\",\"dataSource\":\"extreme\"}");
    assertThat(tb.get(0).get("result").toString())
        .isEqualTo("{\"maxTime\":\"9999-12-31T23:59:59.000Z\",\"minTime\":\"-0001-06-01T00:00:00.000Z\"}");
    // Druid's own eternity, as its SQL planner sends it.
    JsonNode ts = server.query("""
        {"queryType":"timeseries","dataSource":"extreme","granularity":"all",
         "intervals":["-146136543-09-08T08:23:32.096Z/146140482-04-24T15:36:27.903Z"],
         "aggregations":[{"type":"longSum","name":"v","fieldName":"sum"}]}""");
    assertThat(ts.get(0).get("result").get("v").asLong()).isEqualTo(6);
  }

  @Test
  void unreadableMetadataRecordsAreSkippedAtStartup() throws Exception {
    Path var = tmp.resolve("var");
    try (TestServer server = new TestServer(var)) {
      assertThat(server.runTask(inlineSpec("good", IngestionSemanticsTest.ROWS)).get("status").asText())
          .isEqualTo("SUCCESS");
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + var.resolve("metadata/metadata.db"));
         Statement st = c.createStatement()) {
      st.execute("INSERT INTO strata_segments (id, datasource, start_millis, end_millis, version, partition_num, used,"
          + " payload, created_date) VALUES ('broken_x', 'broken', 0, 1, 'v', 0, 1, '{not json', 0)");
      st.execute("INSERT INTO strata_segments (id, datasource, start_millis, end_millis, version, partition_num, used,"
          + " payload, created_date) VALUES ('odd_y', 'odd', 0, 1, 'v', 0, 1,"
          + " '{\"dataSource\":\"odd\",\"interval\":\"cannot parse\",\"version\":\"v\"}', 0)");
      st.execute("INSERT INTO strata_tasks (id, type, datasource, created_time, status, payload, report, active)"
          + " VALUES ('t_broken', 'index', 'good', 0, '{not json', '{}', NULL, 0)");
    }
    try (TestServer server = new TestServer(var)) {
      JsonNode ts = server.query("""
          {"queryType":"timeseries","dataSource":"good","granularity":"all","intervals":["2020/2021"],
           "aggregations":[{"type":"longSum","name":"rows","fieldName":"count"}]}""");
      assertThat(ts.get(0).get("result").get("rows").asLong()).isEqualTo(5);
      assertThat(server.get("/druid/indexer/v1/tasks").status()).isEqualTo(200);
      assertThat(server.get("/druid/v2/datasources").json().toString()).contains("good").doesNotContain("odd");
    }
  }

  // ------------------------------------------------------------------------------------- 2. deep nesting

  @Test
  void deeplyNestedExpressionsFiltersAndJsonAreRefusedAndNoTaskStaysRunning() throws Exception {
    try (TestServer server = new TestServer(tmp.resolve("var"))) {
      server.runTask(inlineSpec("nest", IngestionSemanticsTest.ROWS));
      String parens = "(".repeat(3000) + "1" + ")".repeat(3000);
      String calls = "abs(".repeat(3000) + "1" + ")".repeat(3000);
      for (String expr : List.of(parens, calls)) {
        assertBadRequest(server.post("/druid/v2", """
            {"queryType":"timeseries","dataSource":"nest","granularity":"all","intervals":["2020/2021"],
             "aggregations":[{"type":"doubleSum","name":"x","expression":"%s"}]}""".formatted(expr)),
            "nest");
        String task = inlineSpec("nest_t", IngestionSemanticsTest.ROWS).replace("\"dimensionsSpec\"",
            "\"transformSpec\":{\"transforms\":[{\"type\":\"expression\",\"name\":\"d1\",\"expression\":\"" + expr
                + "\"}]},\"dimensionsSpec\"");
        assertBadRequest(server.post("/druid/indexer/v1/task", task), "nest");
      }
      String deepFilter = "{\"type\":\"not\",\"field\":".repeat(3000) + "{\"type\":\"true\"}" + "}".repeat(3000);
      assertBadRequest(server.post("/druid/v2", """
          {"queryType":"timeseries","dataSource":"nest","granularity":"all","intervals":["2020/2021"],
           "filter":%s}""".formatted(deepFilter)), "nested");
      // A long flat chain is fine; so is nesting within the limits.
      String chain = "1" + " + 1".repeat(500);
      JsonNode ok = server.query("""
          {"queryType":"timeseries","dataSource":"nest","granularity":"all","intervals":["2020/2021"],
           "aggregations":[{"type":"longSum","name":"x","expression":"%s"}]}""".formatted(chain));
      assertThat(ok.get(0).get("result").get("x").asLong()).isEqualTo(501L * 5);
      String fifty = "{\"type\":\"not\",\"field\":".repeat(120) + "{\"type\":\"true\"}" + "}".repeat(120);
      assertThat(server.post("/druid/v2", """
          {"queryType":"timeseries","dataSource":"nest","granularity":"all","intervals":["2020/2021"],
           "filter":%s}""".formatted(fifty)).status()).isEqualTo(200);
      assertThat(server.get("/druid/indexer/v1/tasks?state=running").json()).isEmpty();
    }
  }

  // ------------------------------------------------------------------------------------- 3. ids and names

  @Test
  void dotIdsAreRefusedAndOtherTasksKeepRunning() throws Exception {
    try (TestServer server = new TestServer(tmp.resolve("var"))) {
      Path marker = server.dataDir.resolve("tasks").resolve("marker");
      Files.createDirectories(marker.getParent());
      Files.writeString(marker, "must survive");
      for (String id : List.of(".", "..", ".hidden", "a/b", "a\tb", "", "x".repeat(600))) {
        String spec = inlineSpec("dots", IngestionSemanticsTest.ROWS).replace("{\"type\":\"index_parallel\",\"spec\"",
            "{\"type\":\"index_parallel\",\"id\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(id)
                + ",\"spec\"");
        JsonNode err = assertBadRequest(server.post("/druid/indexer/v1/task", spec), "task ID");
        assertThat(err.get("context").get("field").asText()).isEqualTo("id");
      }
      assertThat(marker).exists();
      assertThat(server.runTask(inlineSpec("dots", IngestionSemanticsTest.ROWS)).get("status").asText())
          .isEqualTo("SUCCESS");
      assertBadRequest(server.post("/druid/indexer/v1/task", inlineSpec(".ds", IngestionSemanticsTest.ROWS)),
          "dataSource", "cannot start with '.'");
      assertBadRequest(server.post("/druid/indexer/v1/task", inlineSpec("a/b", IngestionSemanticsTest.ROWS)),
          "cannot contain '/'");
    }
  }

  @Test
  void druidsIntegrationTestDatasourceNameWorksEndToEnd() throws Exception {
    String ds = "wikipedia_index_test %Россия 한국 中国!?";
    try (TestServer server = new TestServer(tmp.resolve("var"))) {
      TestServer.Reply submitted = server.post("/druid/indexer/v1/task", inlineSpec(ds, IngestionSemanticsTest.ROWS));
      assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
      String id = submitted.json().get("task").asText();
      assertThat(id).startsWith("index_parallel_" + ds + "_");
      String encoded = URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
      JsonNode status = null;
      for (int i = 0; i < 500; i++) {
        status = server.get("/druid/indexer/v1/task/" + encoded + "/status").json().get("status");
        if (!status.get("status").asText().equals("RUNNING")) {
          break;
        }
        Thread.sleep(20);
      }
      assertThat(status.get("status").asText()).isEqualTo("SUCCESS");
      assertThat(status.get("dataSource").asText()).isEqualTo(ds);
      assertThat(server.get("/druid/indexer/v1/task/" + encoded + "/reports").status()).isEqualTo(200);
      String encodedDs = URLEncoder.encode(ds, StandardCharsets.UTF_8).replace("+", "%20");
      assertThat(server.get("/druid/coordinator/v1/datasources").json().toString()).contains(ds);
      assertThat(server.get("/druid/coordinator/v1/metadata/datasources/" + encodedDs + "/segments").json())
          .hasSize(2);
      JsonNode ts = server.query("""
          {"queryType":"timeseries","dataSource":%s,"granularity":"all","intervals":["2020/2021"],
           "aggregations":[{"type":"longSum","name":"rows","fieldName":"count"}]}"""
          .formatted(com.fasterxml.jackson.databind.node.TextNode.valueOf(ds)));
      assertThat(ts.get(0).get("result").get("rows").asLong()).isEqualTo(5);
      assertThat(server.dataDir.resolve("deep-storage").resolve(ds)).isDirectory();
      assertThat(server.delete("/druid/coordinator/v1/datasources/" + encodedDs).json()
          .get("numChangedSegments").asInt()).isEqualTo(2);
    }
  }

  // ------------------------------------------------------------------------------------- 4. nulls, numbers

  @Test
  void nullsInListsAndBadNumbersAndPeriodsAre400sNaming() throws Exception {
    try (TestServer server = new TestServer(tmp.resolve("var"))) {
      String q = "{\"queryType\":\"groupBy\",\"dataSource\":\"x\",\"granularity\":\"all\",\"intervals\":[\"2020/2021\"]";
      for (String body : List.of(
          q + ",\"aggregations\":[null]}",
          q + ",\"postAggregations\":[null]}",
          q + ",\"dimensions\":[null]}",
          q + ",\"filter\":{\"type\":\"and\",\"fields\":[null]}}",
          q + ",\"filter\":{\"type\":\"or\",\"fields\":[{\"type\":\"true\"},null]}}",
          "{\"queryType\":\"scan\",\"dataSource\":\"x\",\"intervals\":[\"2020/2021\"],\"columns\":[null]}",
          "{\"queryType\":\"segmentMetadata\",\"dataSource\":\"x\",\"analysisTypes\":[null]}",
          q.replace("[\"2020/2021\"]", "[null]") + "}",
          "null",
          q.replace("2020/2021", "2013/P-1D") + "}",
          q.replace("2020/2021", "2013/P1000000000Y") + "}",
          q + ",\"granularity\":{\"type\":\"period\",\"period\":\"P-1D\"}}",
          q + ",\"granularity\":{\"type\":\"period\",\"period\":\"P0D\"}}")) {
        assertBadRequest(server.post("/druid/v2", body));
      }
      String spec = inlineSpec("nulls", IngestionSemanticsTest.ROWS);
      for (String[] edit : new String[][] {
          {"\"metricsSpec\":[", "\"metricsSpec\":[null,"},
          {"\"dimensions\":[\"d1\",\"d2\"]", "\"dimensions\":[\"d1\",null]"},
          {"\"dimensionsSpec\"", "\"transformSpec\":{\"transforms\":[null]},\"dimensionsSpec\""},
          {"\"inputFormat\":{\"type\":\"json\"}", "\"inputFormat\":{\"type\":\"json\",\"flattenSpec\":{\"fields\":[null]}}"},
          {"\"inputSource\":{\"type\":\"inline\"", "\"inputSource\":{\"type\":\"local\",\"files\":[null]},\"x\":{\"type\":\"inline\""},
          {"\"segmentGranularity\":\"day\"", "\"segmentGranularity\":{\"type\":\"period\",\"period\":\"P-1D\"}"},
          {"\"segmentGranularity\":\"day\"", "\"segmentGranularity\":{\"type\":\"period\",\"period\":\"P1000000000Y\"}"},
          {"\"tuningConfig\":{\"type\":\"index_parallel\"", "\"tuningConfig\":{\"type\":\"index_parallel\",\"maxRowsPerSegment\":\"x\""},
          {"\"tuningConfig\":{\"type\":\"index_parallel\"", "\"tuningConfig\":{\"type\":\"index_parallel\",\"maxRowsPerSegment\":4294967301"},
          {"\"tuningConfig\":{\"type\":\"index_parallel\"",
              "\"tuningConfig\":{\"type\":\"index_parallel\",\"partitionsSpec\":{\"type\":\"dynamic\",\"maxRowsPerSegment\":4294967301}"},
          {"\"tuningConfig\":{\"type\":\"index_parallel\"",
              "\"tuningConfig\":{\"type\":\"index_parallel\",\"partitionsSpec\":{\"type\":\"dynamic\",\"maxRowsPerSegment\":\"x\"}"}}) {
        assertThat(spec).contains(edit[0]);
        assertBadRequest(server.post("/druid/indexer/v1/task", spec.replace(edit[0], edit[1])));
      }
      assertBadRequest(server.post("/druid/indexer/v1/task", "null"));
      assertBadRequest(server.post("/druid/indexer/v1/task", spec.replace("\"tuningConfig\":{\"type\":\"index_parallel\"",
          "\"tuningConfig\":{\"type\":\"index_parallel\",\"maxRowsPerSegment\":4294967301")), "maxRowsPerSegment");
      assertBadRequest(server.get("/druid/v2/datasources/x?interval=P1000000000Y/2013"), "interval");
      assertBadRequest(server.get("/druid/v2/datasources/x/dimensions?interval=garbage"), "interval");
      assertThat(server.get("/druid/indexer/v1/tasks?state=running").json()).isEmpty();
    }
  }

  @Test
  void aBodyShorterThanItsContentLengthIsA400NotAHang() throws Exception {
    try (TestServer server = new TestServer(tmp.resolve("var"));
         Socket s = new Socket("127.0.0.1", server.server.port())) {
      s.setSoTimeout(60_000);
      String body = "{\"queryType\":\"timeBoundary\",\"dataSource\":\"x\"}";
      OutputStream out = s.getOutputStream();
      out.write(("POST /druid/v2 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + (body.length() + 100) + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
      out.flush();
      s.shutdownOutput(); // the client is done: the body ends 100 bytes early
      InputStream in = s.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(response).startsWith("HTTP/1.1 400");
      String json = response.substring(response.indexOf("\r\n\r\n") + 4);
      assertThat(json).contains("\"errorMessage\"");
      assertThat(JAVA_NAMES.matcher(json).find()).as(json).isFalse();
    }
  }

  @Test
  void badPathEncodingsAndJettyLevelErrorsAreDruidJson() throws Exception {
    try (TestServer server = new TestServer(tmp.resolve("var"));
         Socket s = new Socket("127.0.0.1", server.server.port())) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write(("GET /druid/indexer/v1/task/a%zz/status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.UTF_8));
      out.flush();
      String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(response).startsWith("HTTP/1.1 400");
      assertThat(response).contains("application/json").contains("\"errorMessage\"");
      assertThat(JAVA_NAMES.matcher(response).find()).as(response).isFalse();
    }
  }

  // ------------------------------------------------------------------------------------- 7. silent nonsense

  @Test
  void nonsenseDruidRefusesIsRefusedAtSubmit() throws Exception {
    try (TestServer server = new TestServer(tmp.resolve("var"))) {
      String spec = inlineSpec("nonsense", IngestionSemanticsTest.ROWS);
      for (String[] edit : new String[][] {
          {"\"ioConfig\":{\"type\":\"index_parallel\"", "\"ioConfig\":{\"type\":\"bogus\"", "ioConfig.type"},
          {"\"tuningConfig\":{\"type\":\"index_parallel\"", "\"tuningConfig\":{\"type\":\"bogus\"", "tuningConfig.type"},
          {"\"tuningConfig\":{\"type\":\"index_parallel\"",
              "\"tuningConfig\":{\"type\":\"index_parallel\",\"partitionsSpec\":{\"type\":\"bogus\"}", "partitionsSpec"},
          {"\"tuningConfig\":{\"type\":\"index_parallel\"",
              "\"tuningConfig\":{\"type\":\"index_parallel\",\"partitionsSpec\":{\"type\":\"hashed\",\"numShards\":2}",
              "hashed"},
          {"\"tuningConfig\":{\"type\":\"index_parallel\"",
              "\"tuningConfig\":{\"type\":\"index_parallel\",\"maxSavedParseExceptions\":-1", "maxSavedParseExceptions"},
          {"\"dimensionsSpec\"", "\"transformSpec\":{\"transforms\":[{\"type\":\"expression\",\"name\":\"z\","
              + "\"expression\":\"1 +\"}]},\"dimensionsSpec\"", "expression"},
          {"\"dimensionsSpec\"", "\"transformSpec\":{\"transforms\":[{\"type\":\"expression\",\"name\":\"z\","
              + "\"expression\":\"nosuchfunction(d1)\"}]},\"dimensionsSpec\"", "nosuchfunction"}}) {
        assertThat(spec).contains(edit[0]);
        assertBadRequest(server.post("/druid/indexer/v1/task", spec.replace(edit[0], edit[1])), edit[2]);
      }
      String gb = "{\"queryType\":\"groupBy\",\"dataSource\":\"x\",\"granularity\":\"all\",\"intervals\":[\"2020/2021\"],";
      assertBadRequest(server.post("/druid/v2", gb + "\"dimensions\":[\"d\",{\"type\":\"default\",\"dimension\":\"e\","
          + "\"outputName\":\"d\"}]}"), "Duplicate output name [d]");
      assertBadRequest(server.post("/druid/v2", gb + "\"aggregations\":[{\"type\":\"count\",\"name\":\"n\"}],"
          + "\"postAggregations\":[{\"type\":\"constant\",\"name\":\"n\",\"value\":1}]}"), "Duplicate output name [n]");
      assertBadRequest(server.post("/druid/v2", gb + "\"dimensions\":[\"n\"],\"aggregations\":[{\"type\":\"count\","
          + "\"name\":\"n\"}]}"), "Duplicate output name [n]");
      assertBadRequest(server.post("/druid/v2", gb + "\"limitSpec\":{\"type\":\"default\",\"columns\":[{\"dimension\":"
          + "\"d\",\"direction\":\"sideways\"}]}}"), "sideways");
      assertBadRequest(server.post("/druid/v2", gb + "\"limitSpec\":{\"type\":\"default\",\"columns\":[{\"dimension\":"
          + "\"d\",\"dimensionOrder\":\"bogus\"}]}}"), "bogus");
      assertBadRequest(server.post("/druid/v2", "{\"queryType\":\"topN\",\"dataSource\":\"x\",\"intervals\":"
          + "[\"2020/2021\"],\"dimension\":\"d\",\"threshold\":3,\"metric\":{\"type\":\"dimension\",\"ordering\":"
          + "\"bogus\"}}"), "bogus");
      String ts = "{\"queryType\":\"timeseries\",\"dataSource\":\"x\",\"granularity\":\"all\",\"intervals\":"
          + "[\"2020/2021\"],\"limit\":%d}";
      assertBadRequest(server.post("/druid/v2", ts.formatted(-1)), "limit");
      assertThat(server.post("/druid/v2", ts.formatted(0)).status()).isEqualTo(200);
      assertThat(server.get("/druid/indexer/v1/tasks").json()).isEmpty();
    }
  }

  @Test
  void postsThatAreNotJsonAre415() throws Exception {
    try (TestServer server = new TestServer(tmp.resolve("var"))) {
      String query = "{\"queryType\":\"timeBoundary\",\"dataSource\":\"x\"}";
      for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data")) {
        TestServer.Reply r = server.post("/druid/v2", query, type);
        assertThat(r.status()).as(type).isEqualTo(415);
        assertCleanError(r);
        assertThat(server.post("/druid/indexer/v1/task", inlineSpec("ct", IngestionSemanticsTest.ROWS), type)
            .status()).isEqualTo(415);
      }
      // As Druid: a native query without a Content-Type is read as JSON; a task is not.
      assertThat(server.post("/druid/v2", query, null).status()).isEqualTo(200);
      assertThat(server.post("/druid/indexer/v1/task", inlineSpec("ct", IngestionSemanticsTest.ROWS), null).status())
          .isEqualTo(415);
      assertThat(server.post("/druid/v2", query, "application/json; charset=UTF-8").status()).isEqualTo(200);
      assertThat(server.get("/druid/indexer/v1/tasks").json()).isEmpty();
    }
  }

  // ------------------------------------------------------------------------------------- 8. query timeouts

  @Test
  void serverQueryTimeoutsAreHonouredEndToEnd() throws Exception {
    StringBuilder rows = new StringBuilder();
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 60_000; i++) {
      rows.append("{\"ts\":\"2020-01-01T").append(String.format("%02d:%02d:%02d", i / 3600 % 24, i / 60 % 60, i % 60))
          .append("Z\",\"d1\":\"a").append(random.nextInt(5000)).append("\",\"d2\":\"b").append(random.nextInt(50))
          .append("\",\"v\":").append(i).append(",\"x\":1.0}\n");
    }
    String groupBy = """
        {"queryType":"groupBy","dataSource":"slow","granularity":"minute","intervals":["2020/2021"],
         "dimensions":["d1","d2"],"aggregations":[{"type":"longSum","name":"s","fieldName":"sum"}]%s}""";
    try (TestServer server = new TestServer(tmp.resolve("var"), c -> c.withQueryTimeouts(1, 10_000))) {
      Files.writeString(tmp.resolve("slow.json"), rows);
      String spec = inlineSpec("slow", "x").replaceAll("\"inputSource\":\\{[^}]*}",
          "\"inputSource\":{\"type\":\"local\",\"baseDir\":\"" + tmp + "\",\"filter\":\"slow.json\"}");
      assertThat(server.runTask(spec).get("status").asText()).isEqualTo("SUCCESS");
      // No context timeout: the server's default (1 ms here) applies.
      TestServer.Reply timedOut = server.post("/druid/v2", groupBy.formatted(""));
      assertThat(timedOut.status()).as(timedOut.body()).isEqualTo(504);
      assertThat(timedOut.json().get("error").asText()).isEqualTo("Query timeout");
      assertCleanError(timedOut);
      // A context timeout within the maximum is used instead of the default.
      assertThat(server.post("/druid/v2", groupBy.formatted(",\"context\":{\"timeout\":10000}")).status())
          .isEqualTo(200);
      JsonNode tooLong = assertBadRequest(server.post("/druid/v2", groupBy.formatted(",\"context\":{\"timeout\":20000}")),
          "Configured timeout = 20000 is more than enforced limit of 10000.");
      assertThat(tooLong.get("error").asText()).isEqualTo("Query context parse failed");
      // As in Druid, 0 (no timeout) passes the maximum.
      assertThat(server.post("/druid/v2", groupBy.formatted(",\"context\":{\"timeout\":0}")).status()).isEqualTo(200);
      assertBadRequest(server.post("/druid/v2", groupBy.formatted(",\"context\":{\"timeout\":-1}")),
          "must be a non negative value");
      assertBadRequest(server.post("/druid/v2", groupBy.formatted(",\"context\":{\"timeout\":\"abc\"}")),
          "to be in long format");
    }
  }

  @Test
  void queryTimeoutSettingsReadDruidPropertyNames() {
    java.util.Properties p = new java.util.Properties();
    p.setProperty("druid.server.http.defaultQueryTimeout", "1234");
    p.setProperty("druid.server.http.maxQueryTimeout", "5678");
    ServerConfig c = ServerConfig.defaults(tmp, 0).withProperties(p, java.util.Map.of());
    assertThat(c.defaultQueryTimeoutMillis()).isEqualTo(1234);
    assertThat(c.maxQueryTimeoutMillis()).isEqualTo(5678);
    assertThat(ServerConfig.defaults(tmp, 0).defaultQueryTimeoutMillis()).isEqualTo(300_000);
    p.setProperty("strata.no.such.setting", "1");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerConfig.defaults(tmp, 0)
        .withProperties(p, java.util.Map.of())).hasMessageContaining("strata.no.such.setting");
  }

  @Test
  void noCorsHeadersUnlessAnOriginIsConfigured() throws Exception {
    java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
    try (TestServer plain = new TestServer(tmp.resolve("a"))) {
      java.net.http.HttpResponse<String> r = client.send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create(plain.server.url() + "/druid/v2/datasources")).header("Origin", "http://evil.example")
          .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
    try (TestServer cors = new TestServer(tmp.resolve("b"),
        c -> c.withCorsAllowedOrigins(List.of("http://console.example")))) {
      java.net.http.HttpResponse<String> allowed = client.send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create(cors.server.url() + "/druid/v2/datasources"))
          .header("Origin", "http://console.example").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://console.example");
      java.net.http.HttpResponse<String> other = client.send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create(cors.server.url() + "/druid/v2/datasources"))
          .header("Origin", "http://evil.example").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
    try (TestServer any = new TestServer(tmp.resolve("c"), c -> c.withCorsAllowedOrigins(List.of("*")))) {
      java.net.http.HttpResponse<String> r = client.send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create(any.server.url() + "/druid/v2/datasources"))
          .header("Origin", "http://evil.example").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      // Any origin may read, but never with the browser's credentials.
      assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
      assertThat(r.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }
  }

  @Test
  void securityTurnsOnWithDruidsOwnPropertiesToo() {
    java.util.Properties p = new java.util.Properties();
    p.setProperty("druid.auth.authenticatorChain", "[\"MyBasicMetadataAuthenticator\"]");
    p.setProperty("druid.auth.authenticator.MyBasicMetadataAuthenticator.type", "basic");
    p.setProperty("druid.auth.authenticator.MyBasicMetadataAuthenticator.initialAdminPassword",
        "{\"type\":\"environment\",\"variable\":\"ADMIN_PW\"}");
    p.setProperty("druid.auth.authenticator.MyBasicMetadataAuthenticator.authorizerName", "MyAuthorizer");
    p.setProperty("druid.auth.enableInputSourceSecurity", "true");
    p.setProperty("druid.ingestion.http.allowedProtocols", "[\"https\"]");
    p.setProperty("strata.ingestion.local.allowedDirectories", "/data/in, /data/other");
    ServerConfig c = ServerConfig.defaults(tmp, 0).withProperties(p, java.util.Map.of("ADMIN_PW", "from-env"));
    assertThat(c.security().enabled()).isTrue();
    assertThat(c.security().initialAdminPassword()).isEqualTo("from-env");
    assertThat(c.security().authorizerName()).isEqualTo("MyAuthorizer");
    assertThat(c.security().enableInputSourceSecurity()).isTrue();
    assertThat(c.inputPolicy().allowedProtocols()).containsExactly("https");
    assertThat(c.inputPolicy().allowedDirectories()).containsExactly(Path.of("/data/in"), Path.of("/data/other"));
    assertThat(ServerConfig.defaults(tmp, 0).security().enabled()).isFalse();
  }
}
