package io.strata.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Druid's query API around the queries: the query id in {@code X-Druid-Query-Id} (the context's, or a new one),
 * {@code DELETE /druid/v2/{queryId}} answered 202, and {@code /status} reporting the Druid API version clients gate
 * features on. (Cancellation reaching a running query is tested where the engines wait: {@code SegmentTasksTest}.)
 */
class QueryApiTest {
  @TempDir
  Path tmp;

  @Test
  void queryIdsCancellationAndVersion() throws Exception {
    try (TestServer server = new TestServer(tmp.resolve("var"))) {
      String query = """
          {"queryType":"timeseries","dataSource":"none","intervals":["2013/2014"],
           "aggregations":[{"type":"count","name":"c"}],"context":{"queryId":"my-query-7"}}""";
      TestServer.Reply named = server.post("/druid/v2/", query);
      assertThat(named.status()).as(named.body()).isEqualTo(200);
      assertThat(named.header("X-Druid-Query-Id")).isEqualTo("my-query-7");
      TestServer.Reply unnamed = server.post("/druid/v2/", query.replace(",\"context\":{\"queryId\":\"my-query-7\"}",
          ""));
      assertThat(unnamed.header("X-Druid-Query-Id")).matches("[0-9a-f-]{36}");
      // A query refused after it was read carries its id too.
      TestServer.Reply refused = server.post("/druid/v2/", query.replace("\"queryId\"",
          "\"timeout\":-1,\"queryId\""));
      assertThat(refused.status()).as(refused.body()).isEqualTo(400);
      assertThat(refused.header("X-Druid-Query-Id")).isEqualTo("my-query-7");

      assertThat(server.delete("/druid/v2/my-query-7").status()).isEqualTo(202);
      assertThat(server.delete("/druid/v2/never-ran").status()).isEqualTo(202);

      var status = server.get("/status").json();
      assertThat(status.get("version").asText()).isEqualTo("33.0.0");
      assertThat(status.get("strataVersion").asText()).isNotBlank();
    }
  }
}
