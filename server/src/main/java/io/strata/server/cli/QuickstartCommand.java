package io.strata.server.cli;

import io.strata.kafka.EmbeddedKafka;
import io.strata.server.StrataServer;
import io.strata.testkit.gen.WikipediaGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code strata quickstart}: starts the server on port 8888 (data under {@code ./var}), generates Wikipedia edits
 * in the tutorial's schema, ingests them with a native batch spec, prints queries to try, and keeps serving. With
 * {@code --stream} it also runs an embedded Kafka broker, a Kafka supervisor and a generator of live edits.
 */
@Command(name = "quickstart", description = "Start Strata with sample Wikipedia data loaded, and show queries to try.")
final class QuickstartCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "8888", description = "HTTP port (default ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--data-dir", defaultValue = "var", description = "Data directory (default ${DEFAULT-VALUE})")
  Path dataDir;

  @Option(names = "--rows", defaultValue = "100000", description = "sample rows to generate (default ${DEFAULT-VALUE})")
  long rows;

  @Option(names = "--exit", description = "exit after loading (with --stream: once streamed events are queryable) "
      + "instead of serving (used by tests)")
  boolean exitAfterLoad;

  @Option(names = "--stream", description = "also stream live Wikipedia edits: an embedded Kafka broker (data in "
      + "<data-dir>/kafka), topic 'wikipedia', a Kafka supervisor feeding datasource 'wikipedia_stream', and a "
      + "generator producing edits with current timestamps")
  boolean stream;

  @Option(names = "--kafka-port", defaultValue = "9092",
      description = "with --stream: the embedded broker's port on 127.0.0.1 (default ${DEFAULT-VALUE})")
  int kafkaPort;

  @Option(names = "--rate", defaultValue = "1000",
      description = "with --stream: events produced per second (default ${DEFAULT-VALUE})")
  int rate;

  static final String STREAM_TOPIC = "wikipedia";
  static final String STREAM_DATASOURCE = "wikipedia_stream";

  @Override
  public Integer call() throws Exception {
    if (stream && rate < 1) {
      System.err.println("--rate must be at least 1 event per second, got " + rate);
      return 2;
    }
    EmbeddedKafka kafka = null;
    if (stream) {
      kafka = KafkaCommand.startBroker(dataDir.toAbsolutePath().resolve("kafka"), kafkaPort);
      if (kafka == null) {
        return 2;
      }
      kafka.createTopic(STREAM_TOPIC, 1);
    }
    try {
      return run(kafka);
    } finally {
      if (kafka != null && exitAfterLoad) {
        kafka.close();
      }
    }
  }

  private int run(EmbeddedKafka kafka) throws Exception {
    StrataServer server = ServerCommand.startServer("127.0.0.1", port, dataDir, kafka);
    Path sampleDir = dataDir.toAbsolutePath().resolve("quickstart");
    Files.createDirectories(sampleDir);
    Path data = sampleDir.resolve("wikipedia.json");
    System.out.printf("Generating %,d Wikipedia edits into %s%n", rows, data);
    try (Writer w = Files.newBufferedWriter(data, StandardCharsets.UTF_8)) {
      new WikipediaGenerator(42, java.time.Instant.parse("2013-08-31T00:00:00Z").toEpochMilli(), 24)
          .write(rows, WikipediaGenerator.Format.JSON, w);
    }
    Path spec = sampleDir.resolve("wikipedia-index.json");
    Files.writeString(spec, CliSpecs.wikipediaSpec("wikipedia", sampleDir, "wikipedia.json"));
    System.out.println("Ingesting with the native batch spec " + spec);
    int code = IngestCommand.ingest(new HttpJson(server.url()), Files.readAllBytes(spec), System.out, 250);
    if (code != 0) {
      server.close();
      return code;
    }
    printExamples(server.url());
    if (kafka != null) {
      HttpJson http = new HttpJson(server.url());
      String supervisor = CliSpecs.wikipediaKafkaSupervisor(STREAM_DATASOURCE, STREAM_TOPIC, kafka.bootstrapServers());
      Path supervisorSpec = sampleDir.resolve("wikipedia-kafka-supervisor.json");
      Files.writeString(supervisorSpec, supervisor);
      HttpJson.Reply reply = http.post("/druid/indexer/v1/supervisor", supervisor.getBytes(StandardCharsets.UTF_8));
      if (reply.status() != 200) {
        System.err.println("The Kafka supervisor was refused: HTTP " + reply.status() + ": " + reply.errorMessage());
        server.close();
        return 1;
      }
      WikipediaStreamer streamer = new WikipediaStreamer(kafka.bootstrapServers(), STREAM_TOPIC, rate);
      ServerCommand.beforeClose(server, streamer);
      printStreamExamples(server.url(), kafka.bootstrapServers(), supervisorSpec);
      if (exitAfterLoad) {
        long rows = awaitStreamedRows(http, Duration.ofSeconds(90));
        streamer.close();
        System.out.printf("%,d streamed event(s) queryable in %s after %,d produced%n", rows, STREAM_DATASOURCE,
            streamer.sent());
        server.close();
        return rows > 0 ? 0 : 1;
      }
    }
    if (exitAfterLoad) {
      server.close();
      return 0;
    }
    server.join();
    return 0;
  }

  /** Polls the streamed datasource's row count until it is positive (or the time is up); returns the last count. */
  private static long awaitStreamedRows(HttpJson http, Duration within) throws Exception {
    byte[] query = ("{\"queryType\":\"timeseries\",\"dataSource\":\"" + STREAM_DATASOURCE + "\",\"granularity\":"
        + "\"all\",\"intervals\":[\"1000/3000\"],\"aggregations\":[{\"type\":\"longSum\",\"name\":\"edits\","
        + "\"fieldName\":\"count\"}]}").getBytes(StandardCharsets.UTF_8);
    long deadline = System.nanoTime() + within.toNanos();
    long rows = 0;
    while (System.nanoTime() < deadline) {
      HttpJson.Reply r = http.post("/druid/v2/", query);
      if (r.status() == 200 && !r.json().isEmpty()) {
        rows = r.json().get(0).get("result").get("edits").asLong();
        if (rows > 0) {
          return rows;
        }
      }
      Thread.sleep(100);
    }
    return rows;
  }

  private void printStreamExamples(String url, String bootstrap, Path supervisorSpec) {
    System.out.println();
    System.out.printf("Streaming %,d Wikipedia edits per second to Kafka topic '%s' at %s; a Kafka supervisor "
        + "(spec: %s) feeds them to datasource '%s'. Watch the count grow:%n", rate, STREAM_TOPIC, bootstrap,
        supervisorSpec, STREAM_DATASOURCE);
    System.out.println("  echo '{\"queryType\":\"timeseries\",\"dataSource\":\"" + STREAM_DATASOURCE
        + "\",\"granularity\":\"minute\",\"intervals\":[\"1000/3000\"],\"aggregations\":[{\"type\":\"longSum\","
        + "\"name\":\"edits\",\"fieldName\":\"count\"}]}' | bin/strata query -");
    System.out.println("  curl -s " + url + "/druid/indexer/v1/supervisor/" + STREAM_DATASOURCE + "/status");
    System.out.println("  bin/strata produce --topic " + STREAM_TOPIC + " --bootstrap " + bootstrap
        + " < examples/tutorial/wikipedia-events.json");
  }

  private static void printExamples(String url) {
    System.out.println();
    System.out.println("Strata is serving the 'wikipedia' datasource at " + url + ". Try:");
    System.out.println("  bin/strata query examples/queries/timeBoundary.json");
    System.out.println("  bin/strata query examples/queries/topN.json");
    System.out.println("  bin/strata query examples/queries/groupBy.json");
    System.out.println("  curl -s -X POST -H 'Content-Type: application/json' -d @examples/queries/timeseries.json '"
        + url + "/druid/v2/?pretty'");
    System.out.println("  echo '{\"queryType\":\"timeBoundary\",\"dataSource\":\"wikipedia\"}' | bin/strata query -");
    System.out.println("  curl -s " + url + "/druid/coordinator/v1/datasources/wikipedia");
    System.out.println("Stop with ctrl-C.");
  }
}
