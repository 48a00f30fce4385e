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

  @Test
  void quickstartStreamRunsABrokerASupervisorAndAGeneratorUntilEventsAreQueryable() throws Exception {
    int port = freePort();
    int kafkaPort = freePort();
    Run run = strata(null, "quickstart", "--stream", "--port", String.valueOf(port), "--kafka-port",
        String.valueOf(kafkaPort), "--data-dir", tmp.resolve("var").toString(), "--rows", "1000", "--rate", "500",
        "--exit");
    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("Streaming 500 Wikipedia edits per second to Kafka topic 'wikipedia' at 127.0.0.1:"
        + kafkaPort).containsPattern("[1-9][0-9,]* streamed event\\(s\\) queryable in wikipedia_stream");
    assertThat(tmp.resolve("var/kafka/meta.properties")).exists();
    assertThat(tmp.resolve("var/quickstart/wikipedia-kafka-supervisor.json")).exists();
  }

  /**
   * The seed's tutorial with Strata's own tools: {@code strata kafka} as the broker, {@code strata server realtime}
   * with the seed's spec file from {@code -Ddruid.realtime.specFile}, {@code strata produce} as the console producer.
   */
  @Test
  void realtimeNodeKafkaAndProduceCommandsRunTheSeedTutorial() throws Exception {
    int kafkaPort = freePort();
    int port = freePort();
    String url = "http://127.0.0.1:" + port;
    String bootstrap = "127.0.0.1:" + kafkaPort;
    Path kafkaLog = tmp.resolve("kafka.log");
    Process kafka = new ProcessBuilder(STRATA.toString(), "kafka", "--port", String.valueOf(kafkaPort), "--data-dir",
        tmp.resolve("kafka").toString(), "--topic", "wikipedia").directory(TestServer.REPO_ROOT.toFile())
        .redirectErrorStream(true).redirectOutput(kafkaLog.toFile()).start();
    Process server = null;
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (!Files.readString(kafkaLog).contains("Kafka is ready at " + bootstrap)) {
        assertThat(kafka.isAlive()).as(Files.readString(kafkaLog)).isTrue();
        assertThat(System.nanoTime()).as("broker start").isLessThan(deadline);
        Thread.sleep(100);
      }
      assertThat(Files.readString(kafkaLog)).contains("Topic wikipedia is ready");
      server = new ProcessBuilder(STRATA.toString(), "server", "realtime", "-Ddruid.kafka.bootstrap.servers=" + bootstrap,
          "-Ddruid.realtime.specFile=examples/indexing/wikipedia.spec", "--port", String.valueOf(port), "--data-dir",
          tmp.resolve("var").toString()).directory(TestServer.REPO_ROOT.toFile())
          .redirectErrorStream(true).redirectOutput(tmp.resolve("server.log").toFile()).start();
      waitHealthy(url);
      HttpClient client = HttpClient.newHttpClient();
      // autooffset.reset "largest": only events produced once the node reads count, so wait for it to read.
      deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!Files.readString(tmp.resolve("server.log")).contains("Realtime task")
          || !client.send(HttpRequest.newBuilder(URI.create(url + "/druid/indexer/v1/tasks")).build(),
          HttpResponse.BodyHandlers.ofString()).body().contains("index_realtime_wikipedia")) {
        assertThat(System.nanoTime()).as("realtime task start").isLessThan(deadline);
        Thread.sleep(100);
      }
      String taskId = Files.readString(tmp.resolve("server.log")).lines().filter(l -> l.startsWith("Realtime task "))
          .findFirst().orElseThrow().split(" ")[2];
      while (!client.send(HttpRequest.newBuilder(URI.create(url + "/druid/indexer/v1/task/" + taskId + "/reports"))
          .build(), HttpResponse.BodyHandlers.ofString()).body().contains("BUILD_SEGMENTS")) {
        assertThat(System.nanoTime()).as("realtime task reading").isLessThan(deadline);
        Thread.sleep(50);
      }
      Run produce = strata(Files.readString(TestServer.REPO_ROOT.resolve("examples/tutorial/wikipedia-events.json")),
          "produce", "--topic", "wikipedia", "--bootstrap", bootstrap);
      assertThat(produce.exit()).as(produce.err()).isZero();
      assertThat(produce.err()).contains("Sent 5 record(s) to topic [wikipedia] at " + bootstrap);

      com.fasterxml.jackson.databind.JsonNode want = io.strata.api.json.Json.MAPPER.readTree(
          RealtimeTutorialTest.SEED_TIME_BOUNDARY);
      com.fasterxml.jackson.databind.JsonNode got = null;
      deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline && !want.equals(got)) {
        Run q = strata("{\"queryType\":\"timeBoundary\",\"dataSource\":\"wikipedia\"}", "query", "-", "--url", url);
        got = q.exit() == 0 ? io.strata.api.json.Json.MAPPER.readTree(q.out()) : null;
      }
      assertThat(got).isEqualTo(want);

      Run unreachable = strata("{}", "produce", "--topic", "wikipedia", "--bootstrap", "127.0.0.1:" + freePort(),
          "--timeout-seconds", "3");
      assertThat(unreachable.exit()).isNotZero();
      assertThat(unreachable.err()).contains("not sent to topic [wikipedia]");
    } finally {
      if (server != null) {
        server.destroy();
        assertThat(server.waitFor(90, TimeUnit.SECONDS)).isTrue();
      }
      kafka.destroy();
      assertThat(kafka.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(Files.readString(tmp.resolve("server.log"))).contains("announcing segment");
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
