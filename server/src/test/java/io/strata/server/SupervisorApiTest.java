package io.strata.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.kafka.EmbeddedKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The supervisor API's shapes and refusals, as Druid 33's overlord answers them (recorded from a real Druid in
 * {@code src/test/resources/oracle/druid33-kafka-facts.md}): 404 as plain text for an unknown id, 400 with
 * {@code {"error": ...}} for a bad spec or a double suspend, the echoed spec, the list variants, reset and
 * resetOffsets, the *All calls, and an unreachable broker turning the supervisor unhealthy with the reason.
 */
class SupervisorApiTest {
  @TempDir
  static Path tmp;
  static EmbeddedKafka kafka;

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = EmbeddedKafka.start(tmp.resolve("kafka"), 0);
    kafka.createTopic("api", 2);
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
        new StringSerializer())) {
      for (int i = 0; i < 40; i++) {
        producer.send(new ProducerRecord<>("api", i % 2, null, "{\"ts\":" + (1577836800000L + i * 1000L)
            + ",\"page\":\"p" + (i % 4) + "\"}")).get();
      }
    }
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  static String spec(String ds, String topic, String servers, String extraIo) {
    return """
        {"type":"kafka","spec":{
          "dataSchema":{"dataSource":"%s","timestampSpec":{"column":"ts","format":"millis"},
            "dimensionsSpec":{"dimensions":["page"]},"metricsSpec":[{"type":"count","name":"count"}],
            "granularitySpec":{"segmentGranularity":"day","queryGranularity":"none","rollup":false}},
          "ioConfig":{"topic":"%s","inputFormat":{"type":"json"},"consumerProperties":{%s},
            "useEarliestOffset":true,"startDelay":"PT0S","period":"PT1S"%s},
          "tuningConfig":{"type":"kafka"}}}""".formatted(ds, topic, servers, extraIo);
  }

  static long rows(TestServer server, String ds) throws Exception {
    JsonNode r = server.query("{\"queryType\":\"timeseries\",\"dataSource\":\"" + ds + "\",\"granularity\":\"all\","
        + "\"intervals\":[\"2019/2021\"],\"aggregations\":[{\"type\":\"longSum\",\"name\":\"n\",\"fieldName\":"
        + "\"count\"}]}");
    return r.isEmpty() ? 0 : r.get(0).get("result").get("n").asLong();
  }

  static void await(String what, Duration within, java.util.concurrent.Callable<Boolean> done) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (done.call()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(what + " did not happen within " + within);
  }

  static JsonNode status(TestServer server, String id) throws Exception {
    return server.get("/druid/indexer/v1/supervisor/" + id + "/status").json().get("payload");
  }

  @Test
  void shapesRefusalsAndOperationsFollowDruid() throws Exception {
    String servers = "\"bootstrap.servers\":\"" + kafka.bootstrapServers() + "\"";
    try (TestServer server = new TestServer(tmp.resolve("var"))) {
      // Unknown ids: 404, plain text, Druid's words.
      TestServer.Reply missing = server.get("/druid/indexer/v1/supervisor/nope/status");
      assertThat(missing.status()).isEqualTo(404);
      assertThat(missing.header("Content-Type")).startsWith("text/plain");
      assertThat(missing.body()).isEqualTo("Cannot find any supervisor with id: [nope]");
      assertThat(server.post("/druid/indexer/v1/supervisor/nope/suspend", "").status()).isEqualTo(404);
      TestServer.Reply noHistory = server.get("/druid/indexer/v1/supervisor/nope/history");
      assertThat(noHistory.status()).isEqualTo(404);
      assertThat(noHistory.json().get("error").asText()).isEqualTo("No history for [nope].");

      // Bad specs: 400 {"error": ...} naming the problem.
      TestServer.Reply noServers = server.post("/druid/indexer/v1/supervisor", spec("bad", "api", "", ""));
      assertThat(noServers.status()).isEqualTo(400);
      assertThat(noServers.json().get("error").asText()).contains("bootstrap.servers");
      TestServer.Reply badType = server.post("/druid/indexer/v1/supervisor",
          spec("bad", "api", servers, "").replace("\"type\":\"kafka\",\"spec\"", "\"type\":\"kafkaa\",\"spec\""));
      assertThat(badType.status()).isEqualTo(400);
      assertThat(badType.json().get("error").asText()).contains("kafkaa");
      assertThat(server.get("/druid/indexer/v1/supervisor").json().toString()).isEqualTo("[]");

      // A running supervisor: echo, lists, status with Druid's keys.
      assertThat(server.post("/druid/indexer/v1/supervisor", spec("api", "api", servers, "")).json().toString())
          .isEqualTo("{\"id\":\"api\"}");
      await("40 rows", Duration.ofSeconds(30), () -> rows(server, "api") == 40);
      JsonNode echoed = server.get("/druid/indexer/v1/supervisor/api").json();
      assertThat(echoed.get("type").asText()).isEqualTo("kafka");
      assertThat(echoed.get("spec").get("ioConfig").get("topic").asText()).isEqualTo("api");
      assertThat(echoed.get("ioConfig")).isEqualTo(echoed.get("spec").get("ioConfig"));
      assertThat(echoed.get("dataSchema")).isEqualTo(echoed.get("spec").get("dataSchema"));
      assertThat(echoed.get("suspended").asBoolean()).isFalse();
      JsonNode withState = server.get("/druid/indexer/v1/supervisor?state=true").json().get(0);
      assertThat(withState.get("id").asText()).isEqualTo("api");
      assertThat(withState.get("state").asText()).isEqualTo("RUNNING");
      assertThat(withState.has("spec")).isFalse();
      assertThat(server.get("/druid/indexer/v1/supervisor?full").json().get(0).get("spec").get("spec").get("ioConfig")
          .get("topic").asText()).isEqualTo("api");
      JsonNode st = status(server, "api");
      assertThat(st.get("stream").asText()).isEqualTo("api");
      assertThat(st.get("partitions").asInt()).isEqualTo(2);
      assertThat(st.get("latestOffsets").toString()).isEqualTo("{\"0\":20,\"1\":20}");
      JsonNode active = st.get("activeTasks").get(0);
      assertThat(active.get("startingOffsets").toString()).isEqualTo("{\"0\":0,\"1\":0}");
      assertThat(active.get("currentOffsets").toString()).isEqualTo("{\"0\":20,\"1\":20}");
      assertThat(active.get("lag").toString()).isEqualTo("{\"0\":0,\"1\":0}");
      assertThat(active.get("type").asText()).isEqualTo("ACTIVE");
      assertThat(server.get("/druid/indexer/v1/supervisor/api/health").json().get("healthy").asBoolean()).isTrue();

      // Suspend twice: the second is refused; resume twice likewise.
      JsonNode suspended = server.post("/druid/indexer/v1/supervisor/api/suspend", "").json();
      assertThat(suspended.get("suspended").asBoolean()).isTrue();
      TestServer.Reply again = server.post("/druid/indexer/v1/supervisor/api/suspend", "");
      assertThat(again.status()).isEqualTo(400);
      assertThat(again.json().get("error").asText()).isEqualTo("[api] is already suspended");
      assertThat(server.post("/druid/indexer/v1/supervisor/api/resume", "").status()).isEqualTo(200);
      assertThat(server.post("/druid/indexer/v1/supervisor/api/resume", "").json().get("error").asText())
          .isEqualTo("[api] is already running");

      // resetOffsets: partition 0 goes back to offset 10; its last 10 records are read again (as in Druid).
      await("a reading task", Duration.ofSeconds(20),
          () -> status(server, "api").get("activeTasks").size() == 1);
      TestServer.Reply reset = server.post("/druid/indexer/v1/supervisor/api/resetOffsets",
          "{\"type\":\"kafka\",\"partitions\":{\"type\":\"end\",\"stream\":\"api\",\"partitionOffsetMap\":{\"0\":10}}}");
      assertThat(reset.json().toString()).isEqualTo("{\"id\":\"api\"}");
      TestServer.Reply wrongStream = server.post("/druid/indexer/v1/supervisor/api/resetOffsets",
          "{\"type\":\"kafka\",\"partitions\":{\"type\":\"end\",\"stream\":\"other\",\"partitionOffsetMap\":{\"0\":1}}}");
      assertThat(wrongStream.status()).isEqualTo(400);
      assertThat(wrongStream.body()).contains("other");
      // A hard reset forgets the committed offsets: everything is read again from the earliest record.
      assertThat(server.post("/druid/indexer/v1/supervisor/api/reset", "").json().toString())
          .isEqualTo("{\"id\":\"api\"}");

      // A re-submitted spec updates the supervisor and adds to its history.
      assertThat(server.post("/druid/indexer/v1/supervisor", spec("api", "api", servers,
          ",\"taskDuration\":\"PT30M\"")).status()).isEqualTo(200);
      // POST, suspend, resume, the re-submission (as Druid, each suspend and resume is an entry); an identical
      // re-submission adds none.
      assertThat(server.post("/druid/indexer/v1/supervisor", spec("api", "api", servers,
          ",\"taskDuration\":\"PT30M\"")).status()).isEqualTo(200);
      JsonNode history = server.get("/druid/indexer/v1/supervisor/api/history").json();
      assertThat(history.size()).isEqualTo(4);
      assertThat(history.get(1).get("spec").get("suspended").asBoolean()).isFalse();
      assertThat(history.get(2).get("spec").get("suspended").asBoolean()).isTrue();
      assertThat(history.get(0).get("spec").get("spec").get("ioConfig").get("taskDuration").asText())
          .isEqualTo("PT30M");

      // An unreachable broker: RUNNING while connecting, then unhealthy with the reason, never a crash.
      int closedPort;
      try (ServerSocket s = new ServerSocket(0)) {
        closedPort = s.getLocalPort();
      }
      String unreachable = "\"bootstrap.servers\":\"127.0.0.1:" + closedPort + "\",\"default.api.timeout.ms\":\"300\"";
      assertThat(server.post("/druid/indexer/v1/supervisor", spec("gone", "api", unreachable, "")).status())
          .isEqualTo(200);
      await("an unhealthy supervisor", Duration.ofSeconds(30),
          () -> status(server, "gone").get("state").asText().equals("UNHEALTHY_SUPERVISOR"));
      JsonNode gone = status(server, "gone");
      assertThat(gone.get("detailedState").asText()).isEqualTo("UNABLE_TO_CONNECT_TO_STREAM");
      assertThat(gone.get("healthy").asBoolean()).isFalse();
      assertThat(gone.get("recentErrors").size()).isBetween(1, 3);
      assertThat(gone.get("recentErrors").get(0).get("streamException").asBoolean()).isTrue();
      TestServer.Reply health = server.get("/druid/indexer/v1/supervisor/gone/health");
      assertThat(health.status()).isEqualTo(503);
      assertThat(health.json().toString()).isEqualTo("{\"healthy\":false}");

      // The *All calls.
      assertThat(server.post("/druid/indexer/v1/supervisor/suspendAll", "").json().toString())
          .isEqualTo("{\"status\":\"success\"}");
      Predicate<JsonNode> allSuspended = list -> {
        for (JsonNode s : list) {
          if (!s.get("state").asText().equals("SUSPENDED")) {
            return false;
          }
        }
        return true;
      };
      assertThat(allSuspended.test(server.get("/druid/indexer/v1/supervisor?state=true").json())).isTrue();
      assertThat(server.post("/druid/indexer/v1/supervisor/terminateAll", "").json().toString())
          .isEqualTo("{\"status\":\"success\"}");
      assertThat(server.get("/druid/indexer/v1/supervisor").json().toString()).isEqualTo("[]");
      JsonNode all = server.get("/druid/indexer/v1/supervisor/history").json();
      assertThat(all.get("api").get(0).get("spec").get("type").asText()).as("terminate's tombstone").isEqualTo("noop");
      assertThat(all.get("api").get(0).get("spec").get("dataSources").toString()).isEqualTo("[\"api\"]");
    }
  }
}
