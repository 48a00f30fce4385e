package io.strata.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end through {@code bin/strata} as a user runs it (needs the packaged jar, so it runs in the
 * integration-test phase of {@code mvn verify}).
 */
class CliIT {
  static final Path STRATA = TestServer.REPO_ROOT.resolve("bin/strata");

  @TempDir
  Path tmp;

  record Run(int exit, String out, String err) {
  }

  Run strata(String stdin, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(STRATA.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(TestServer.REPO_ROOT.toFile());
    // The launcher's default JVM options (GC, young generation, compile thresholds), on a smaller heap.
    pb.environment().remove("STRATA_JAVA_OPTS");
    pb.environment().put("STRATA_HEAP", "512m");
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("strata " + String.join(" ", args) + " finished").isTrue();
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void generateServeIngestQueryAndStopThroughTheCli() throws Exception {
    Path data = tmp.resolve("wiki.json");
    Run gen = strata(null, "generate", "wikipedia", "--rows", "2000", "--seed", "3", "--output", data.toString());
    assertThat(gen.exit()).as(gen.err()).isZero();
    assertThat(Files.readAllLines(data)).hasSize(2000);

    Run csv = strata(null, "generate", "wikipedia", "--rows", "3", "--format", "csv");
    assertThat(csv.out().lines().count()).isEqualTo(4);

    int port = freePort();
    String url = "http://127.0.0.1:" + port;
    Process server = new ProcessBuilder(STRATA.toString(), "server", "--port", String.valueOf(port), "--data-dir",
        tmp.resolve("var").toString()).directory(TestServer.REPO_ROOT.toFile())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("server.log").toFile()).start();
    try {
      waitHealthy(url);
      Path spec = tmp.resolve("spec.json");
      Files.writeString(spec, io.strata.server.cli.CliSpecs.wikipediaSpec("cli_wiki", tmp, "wiki.json"));
      Run ingest = strata(null, "ingest", spec.toString(), "--url", url);
      assertThat(ingest.exit()).as(ingest.out() + ingest.err()).isZero();
      assertThat(ingest.out()).contains("SUCCESS").contains("\"processed\":2000");

      Path query = tmp.resolve("q.json");
      Files.writeString(query, """
          {"queryType":"timeseries","dataSource":"cli_wiki","granularity":"all","intervals":["2013/2014"],
           "aggregations":[{"type":"longSum","name":"edits","fieldName":"count"}]}""");
      Run q = strata(null, "query", query.toString(), "--url", url);
      assertThat(q.exit()).as(q.err()).isZero();
      assertThat(q.out()).contains("\"edits\" : 2000");

      Run stdinQuery = strata("{\"queryType\":\"timeBoundary\",\"dataSource\":\"cli_wiki\"}", "query", "-", "--url", url);
      assertThat(stdinQuery.exit()).isZero();
      assertThat(stdinQuery.out()).contains("minTime").contains("2013-08-31T");

      Run badQuery = strata("{\"queryType\":\"nope\"}", "query", "-", "--url", url);
      assertThat(badQuery.exit()).isNotZero();
      assertThat(badQuery.err()).contains("HTTP 400").contains("nope");

      Files.writeString(spec, io.strata.server.cli.CliSpecs.wikipediaSpec("cli_missing", tmp.resolve("nowhere"),
          "wiki.json"));
      Run failing = strata(null, "ingest", spec.toString(), "--url", url);
      assertThat(failing.exit()).isNotZero();
      assertThat(failing.err()).contains("FAILED").contains("nowhere");
    } finally {
      server.destroy(); // SIGTERM: the server stops cleanly
      assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(Files.readString(tmp.resolve("server.log"))).contains("Strata is ready");
  }

  @Test
  void quickstartLoadsSampleDataAndPrintsQueriesToTry() throws Exception {
    int port = freePort();
    Run run = strata(null, "quickstart", "--port", String.valueOf(port), "--data-dir", tmp.resolve("var").toString(),
        "--rows", "5000", "--exit");
    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("SUCCESS").contains("bin/strata query examples/queries/topN.json")
        .contains("curl");
  }

  @Test
  void benchIngestsTwiceRunsEveryQueryAndReportsCpu() throws Exception {
    Run run = strata(null, "bench", "--rows", "3000", "--hours", "24", "--iterations", "2", "--ingests", "2",
        "--work-dir", tmp.resolve("bench").toString());
    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    // Only the shape of the report is checked: speed belongs in the benchmark's numbers, never in a test.
    assertThat(run.out()).contains("ingest 1 (fresh JVM): 3,000 rows in").contains("ingest 2: 3,000 rows in")
        .contains("process CPU").contains("peak heap");
    for (String query : List.of("timeBoundary", "timeseries", "timeseries_filtered", "topN_page", "groupBy_2dims",
        "scan")) {
      assertThat(run.out()).containsPattern("(?m)^" + query + " +[0-9.]+ +[0-9.]+ +[0-9.]+$");
    }
  }

  private static void waitHealthy(String url) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (client.send(HttpRequest.newBuilder(URI.create(url + "/status/health")).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(100);
    }
    throw new AssertionError("server did not start");
  }
}
