package io.strata.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import io.strata.testkit.gen.WikipediaGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server killed with SIGKILL in the middle of an ingestion comes back with everything published before intact
 * and nothing of the interrupted task visible.
 */
class CrashRecoveryTest {
  @TempDir
  Path tmp;

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void killDashNineDuringIngestionLosesNothingPublishedAndShowsNothingPartial() throws Exception {
    Path dataDir = tmp.resolve("var");
    int port = freePort();
    Process child = startChild(port, dataDir, "-Xmx1g");
    String base = "http://127.0.0.1:" + port;
    try {
      waitUntilHealthy(base);
      String stable = IngestionSemanticsTest.spec("stable", IngestionSemanticsTest.ROWS, true, "none", false, null);
      String stableTask = post(base + "/druid/indexer/v1/task", stable).get("task").asText();
      assertThat(waitForState(base, stableTask)).isEqualTo("SUCCESS");

      Path input = tmp.resolve("big.json");
      try (Writer w = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
        new WikipediaGenerator(1, 1377907200000L, 48).write(400_000, WikipediaGenerator.Format.JSON, w);
      }
      String crashy = """
          {"type":"index_parallel","spec":{"dataSchema":{"dataSource":"crashy",
            "timestampSpec":{"column":"timestamp","format":"iso"},
            "dimensionsSpec":{"dimensions":["page","user","language"]},
            "metricsSpec":[{"type":"count","name":"count"}],
            "granularitySpec":{"segmentGranularity":"hour","queryGranularity":"none","rollup":false}},
           "ioConfig":{"type":"index_parallel","inputSource":{"type":"local","baseDir":"%s","filter":"big.json"},
                       "inputFormat":{"type":"json"}},
           "tuningConfig":{"type":"index_parallel","maxRowsInMemory":20000}}}""".formatted(tmp);
      String crashyTask = post(base + "/druid/indexer/v1/task", crashy).get("task").asText();
      waitUntilRowsRead(base, crashyTask, 50_000);
      child.destroyForcibly().waitFor();
    } finally {
      child.destroyForcibly();
    }

    try (TestServer server = new TestServer(dataDir)) {
      assertThat(server.get("/druid/v2/datasources").json().toString()).isEqualTo("[\"stable\"]");
      JsonNode ts = server.query("""
          {"queryType":"timeseries","dataSource":"stable","granularity":"all","intervals":["2000/2100"],
           "aggregations":[{"type":"longSum","name":"rows","fieldName":"count"}]}""");
      assertThat(ts.get(0).get("result").get("rows").asLong()).isEqualTo(5);
      assertThat(server.get("/druid/coordinator/v1/metadata/datasources/crashy/segments").json()).isEmpty();
      List<JsonNode> failed = new java.util.ArrayList<>();
      server.get("/druid/indexer/v1/tasks?datasource=crashy").json().forEach(failed::add);
      assertThat(failed).hasSize(1);
      assertThat(failed.get(0).get("status").asText()).isEqualTo("FAILED");
      assertThat(Files.exists(dataDir.resolve("tasks")) ? Files.list(dataDir.resolve("tasks")).count() : 0)
          .isZero();
    }
  }

  /**
   * The process dies (as with kill -9, at a fail point) the instant the publish transaction of an appending task has
   * committed: after a restart the task is SUCCESS, its data served once, its report there — so a client that
   * polls the status sees SUCCESS and does not retry (which would append the rows twice).
   */
  @Test
  void killedRightAfterThePublishCommitsTheTaskIsSuccessAndItsDataServedOnce() throws Exception {
    Path dataDir = tmp.resolve("var");
    int port = freePort();
    Process child = startChild(port, dataDir, "-Xmx512m", "-Dstrata.failpoint=publish.committed");
    String base = "http://127.0.0.1:" + port;
    String taskId;
    try {
      waitUntilHealthy(base);
      String spec = IngestionSemanticsTest.spec("appended", IngestionSemanticsTest.ROWS, false, "none", true, null);
      taskId = post(base + "/druid/indexer/v1/task", spec).get("task").asText();
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child halts at the fail point")
          .isTrue();
      assertThat(child.exitValue()).isEqualTo(137);
      assertThat(Files.readString(tmp.resolve("child.log"))).contains("fail point [publish.committed] reached");
    } finally {
      child.destroyForcibly();
    }
    try (TestServer server = new TestServer(dataDir)) {
      JsonNode status = server.get("/druid/indexer/v1/task/" + taskId + "/status").json().get("status");
      assertThat(status.get("status").asText()).isEqualTo("SUCCESS");
      assertThat(status.get("errorMsg").isNull()).isTrue();
      JsonNode report = server.report(taskId);
      assertThat(report.get("ingestionState").asText()).isEqualTo("COMPLETED");
      assertThat(report.get("segmentsPublished").asInt()).isEqualTo(2);
      JsonNode ts = server.query("""
          {"queryType":"timeseries","dataSource":"appended","granularity":"all","intervals":["2000/2100"],
           "aggregations":[{"type":"longSum","name":"rows","fieldName":"count"}]}""");
      assertThat(ts.get(0).get("result").get("rows").asLong()).isEqualTo(5);
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** A server in its own JVM (so it can be killed for real), logging to {@code child.log}. */
  private Process startChild(int port, Path dataDir, String... jvmOptions) throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(List.of(jvmOptions));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.strata.server.cli.StrataCli", "server",
        "--port", String.valueOf(port), "--data-dir", dataDir.toString()));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile())
        .start();
  }

  private void waitUntilHealthy(String base) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/status/health")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException notYet) {
        // server still starting
      }
      Thread.sleep(100);
    }
    throw new AssertionError("child server did not start; see " + tmp.resolve("child.log"));
  }

  private JsonNode post(String url, String body) throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.MAPPER.readTree(r.body());
  }

  private JsonNode get(String url) throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    return Json.MAPPER.readTree(r.body());
  }

  private String waitForState(String base, String task) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      String s = get(base + "/druid/indexer/v1/task/" + task + "/status").get("status").get("status").asText();
      if (!s.equals("RUNNING")) {
        return s;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("task did not finish");
  }

  private void waitUntilRowsRead(String base, String task, long rows) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode payload = get(base + "/druid/indexer/v1/task/" + task + "/reports")
          .get("ingestionStatsAndErrors").get("payload");
      if (payload.get("rowStats").get("buildSegments").get("processed").asLong() >= rows) {
        assertThat(payload.get("ingestionState").asText()).isEqualTo("BUILD_SEGMENTS");
        return;
      }
      Thread.sleep(5);
    }
    throw new AssertionError("task never read " + rows + " rows");
  }
}
