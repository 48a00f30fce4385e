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

  @Test
  void gzipRequestsAndResponsesForClientsThatUseThem() throws Exception {
    try (TestServer server = new TestServer(tmp.resolve("var-gzip"))) {
      String query = """
          {"queryType":"timeBoundary","dataSource":"none","context":{"queryId":"gz"}}""";
      java.io.ByteArrayOutputStream packed = new java.io.ByteArrayOutputStream();
      try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(packed)) {
        out.write(query.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      java.net.http.HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.server.url() + "/druid/v2/"))
              .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
              .header("Accept-Encoding", "gzip")
              .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(packed.toByteArray())).build(),
          java.net.http.HttpResponse.BodyHandlers.ofByteArray());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
      assertThat(r.headers().firstValue("X-Druid-Query-Id")).hasValue("gz");
      String body;
      try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(
          new java.io.ByteArrayInputStream(r.body()))) {
        body = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      }
      assertThat(body).isEqualTo("[]"); // no such datasource: no bounds, as in Druid
      // The request size limit counts inflated bytes: 4 MB of spaces in a few kilobytes of gzip are refused.
      java.io.ByteArrayOutputStream bomb = new java.io.ByteArrayOutputStream();
      try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(bomb)) {
        out.write('{');
        out.write(new byte[4 << 20]);
        out.write('}');
      }
      java.net.http.HttpResponse<String> big = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.server.url() + "/druid/v2/"))
              .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
              .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(bomb.toByteArray())).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(bomb.size()).isLessThan(64 * 1024);
      assertThat(big.statusCode()).as(big.body()).isEqualTo(400);
      assertThat(big.body()).contains("larger than the limit");
      // A client that does not ask for gzip gets plain JSON.
      TestServer.Reply plain = server.post("/druid/v2/", query);
      assertThat(plain.header("Content-Encoding")).isNull();
      assertThat(plain.body()).isEqualTo("[]");
    }
  }
}
