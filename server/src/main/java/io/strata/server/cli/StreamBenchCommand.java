package io.strata.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import io.strata.api.time.DateTimes;
import io.strata.kafka.EmbeddedKafka;
import io.strata.server.StrataServer;
import io.strata.testkit.gen.WikipediaGenerator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code strata bench-stream}: the streaming part of the end-to-end benchmark, against a Kafka broker (embedded
 * unless {@code --bootstrap}) and an in-process server.
 * <ol>
 *   <li>catch-up: a topic pre-filled with N events in P partitions, a supervisor started with
 *   {@code useEarliestOffset}; seconds from the supervisor's submission until all N are queryable;</li>
 *   <li>live against handed-off: the query set on the caught-up rows while they are in the tasks' sinks, then again
 *   after a suspend has handed them off as published segments;</li>
 *   <li>freshness: a producer at a steady rate, and marker events (one unique {@code page} each) polled with a
 *   filtered query; produce-to-queryable latency p50/p99.</li>
 * </ol>
 */
@Command(name = "bench-stream", description = "Streaming benchmark: Kafka catch-up rate, live vs handed-off query "
    + "times, produce-to-queryable latency.")
final class StreamBenchCommand implements Callable<Integer> {
  @Option(names = "--events", defaultValue = "1000000", description = "events pre-filled for catch-up (default ${DEFAULT-VALUE})")
  int events;

  @Option(names = "--partitions", defaultValue = "3", description = "partitions of the catch-up topic (default ${DEFAULT-VALUE})")
  int partitions;

  @Option(names = "--task-count", defaultValue = "1", description = "supervisor taskCount for catch-up (default ${DEFAULT-VALUE})")
  int taskCount;

  @Option(names = "--rate", defaultValue = "5000", description = "steady events/s during the freshness run (default ${DEFAULT-VALUE})")
  int rate;

  @Option(names = "--markers", defaultValue = "300", description = "marker events timed for freshness (default ${DEFAULT-VALUE})")
  int markers;

  @Option(names = "--iterations", defaultValue = "30", description = "timed runs per query, live and handed off (default ${DEFAULT-VALUE})")
  int iterations;

  @Option(names = "--warmup-events", defaultValue = "300000", description = "events of a first catch-up into another "
      + "datasource, so the timed one runs on a warm JVM as a long-running server does; 0 for none (default "
      + "${DEFAULT-VALUE})")
  int warmupEvents;

  @Option(names = "--bootstrap", description = "an existing Kafka broker instead of an embedded one")
  String bootstrap;

  @Option(names = "--work-dir", description = "server and broker data (default: a temp dir)")
  Path workDir;

  private static final String CATCH_UP = "bench_stream";
  private static final String FRESH = "bench_fresh";
  private static final String WARM_UP = "bench_warmup";

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    Path dir = workDir != null ? workDir : Files.createTempDirectory("strata-bench-stream");
    EmbeddedKafka kafka = null;
    String brokers = bootstrap;
    if (brokers == null) {
      kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
      brokers = kafka.bootstrapServers();
    }
    StrataServer server = ServerCommand.startServer("127.0.0.1", 0, dir.resolve("var"));
    String suffix = Long.toString(System.currentTimeMillis(), 36);
    try {
      HttpJson http = new HttpJson(server.url());
      if (warmupEvents > 0) {
        // A fresh JVM spends much of its first seconds compiling the hot paths (on 2 cores the JIT takes about a
        // third of the machine): the first catch-up is timed too, but reported apart as the cold figure.
        String warmTopic = "bench-warmup-" + suffix;
        createTopic(brokers, warmTopic, partitions);
        prefill(brokers, warmTopic, warmupEvents);
        long w0 = System.nanoTime();
        submit(http, CliSpecs.wikipediaKafkaSupervisor(WARM_UP, warmTopic, brokers, taskCount, "day", "PT1H"));
        awaitCount(http, WARM_UP, "2013-08-31/2013-09-11", warmupEvents, 600);
        double warm = (System.nanoTime() - w0) / 1e9;
        out.printf("warm-up catch-up on a cold JVM: %,d events queryable in %.2f s = %,.0f events/s%n", warmupEvents,
            warm, warmupEvents / warm);
        // Its hand-off must not run during the timed catch-up.
        check(http.post("/druid/indexer/v1/supervisor/" + WARM_UP + "/suspend", new byte[0]), "suspend");
        awaitHandedOff(http, WARM_UP, 300);
        check(http.post("/druid/indexer/v1/supervisor/" + WARM_UP + "/terminate", new byte[0]), "terminate");
      }
      String topic = "bench-catchup-" + suffix;
      createTopic(brokers, topic, partitions);
      long p0 = System.nanoTime();
      prefill(brokers, topic, events);
      out.printf("pre-filled %,d events in %d partitions of %s in %.1f s%n", events, partitions, topic,
          (System.nanoTime() - p0) / 1e9);

      // (a) catch-up
      BenchCommand.resetPeaks();
      long c0 = System.nanoTime();
      submit(http, CliSpecs.wikipediaKafkaSupervisor(CATCH_UP, topic, brokers, taskCount, "day", "PT1H"));
      awaitCount(http, CATCH_UP, "2013-08-31/2013-09-11", events, 600);
      double catchUp = (System.nanoTime() - c0) / 1e9;
      out.printf("catch-up: %,d events queryable %.2f s after the supervisor was submitted = %,.0f events/s "
          + "(taskCount %d)%n", events, catchUp, events / catchUp, taskCount);
      out.printf("  peak heap during catch-up: %,d MB (max heap %,d MB)%n", BenchCommand.peakHeapBytes() >> 20,
          Runtime.getRuntime().maxMemory() >> 20);

      // (b) the query set on live sinks, then on the same rows handed off. The task merges its spills once it has
      // caught up; the live figures are those of the settled sinks, as a stream that keeps up sees them.
      long settle0 = System.nanoTime();
      int liveSegments = awaitSettled(http, CATCH_UP, 60);
      out.printf("live sinks settled in %.2f s: %d live segment(s)%n", (System.nanoTime() - settle0) / 1e9,
          liveSegments);
      Map<String, double[]> live = runQueries(http, CATCH_UP);
      long s0 = System.nanoTime();
      HttpJson.Reply suspended = http.post("/druid/indexer/v1/supervisor/" + CATCH_UP + "/suspend", new byte[0]);
      check(suspended, "suspend");
      awaitHandedOff(http, CATCH_UP, 300);
      awaitCount(http, CATCH_UP, "2013-08-31/2013-09-11", events, 60);
      out.printf("hand-off after suspend: %.2f s%n", (System.nanoTime() - s0) / 1e9);
      Map<String, double[]> published = runQueries(http, CATCH_UP);
      out.printf("%-22s %12s %12s %12s %12s %8s%n", "query", "live p50", "live p95", "handed p50", "handed p95",
          "ratio");
      for (String q : live.keySet()) {
        double[] l = live.get(q);
        double[] h = published.get(q);
        out.printf("%-22s %12.2f %12.2f %12.2f %12.2f %8.2f%n", q, BenchCommand.pct(l, 50), BenchCommand.pct(l, 95),
            BenchCommand.pct(h, 50), BenchCommand.pct(h, 95), BenchCommand.pct(l, 50) / BenchCommand.pct(h, 50));
      }

      // (c) freshness
      String freshTopic = "bench-fresh-" + suffix;
      createTopic(brokers, freshTopic, 1);
      submit(http, CliSpecs.wikipediaKafkaSupervisor(FRESH, freshTopic, brokers, 1, "hour", "PT1H"));
      try (WikipediaStreamer steady = new WikipediaStreamer(brokers, freshTopic, rate);
           KafkaProducer<byte[], byte[]> markerProducer = producer(brokers, "0")) {
        awaitAnyRows(http, FRESH, 120);
        Thread.sleep(3000); // the stream settles to its steady rate
        double[] latencies = new double[markers];
        WikipediaGenerator gen = new WikipediaGenerator(11, WikipediaGenerator.DEFAULT_START_MILLIS, 24);
        for (int m = 0; m < markers; m++) {
          Map<String, Object> event = gen.nextEvent();
          String page = "marker-" + suffix + "-" + m;
          long now = System.currentTimeMillis();
          event.put("timestamp", DateTimes.format(now));
          event.put("page", page);
          byte[] query = ("{\"queryType\":\"timeseries\",\"dataSource\":\"" + FRESH + "\",\"granularity\":\"all\","
              + "\"intervals\":[\"" + DateTimes.format(now - 3_600_000L) + "/" + DateTimes.format(now + 3_600_000L)
              + "\"],\"filter\":{\"type\":\"selector\",\"dimension\":\"page\",\"value\":\"" + page + "\"},"
              + "\"aggregations\":[{\"type\":\"longSum\",\"name\":\"n\",\"fieldName\":\"count\"}]}")
              .getBytes(StandardCharsets.UTF_8);
          long t0 = System.nanoTime();
          markerProducer.send(new ProducerRecord<>(freshTopic, Json.MAPPER.writeValueAsBytes(event)));
          markerProducer.flush();
          long deadline = t0 + TimeUnit.SECONDS.toNanos(30);
          while (true) {
            HttpJson.Reply r = http.post("/druid/v2/", query);
            check(r, "marker query");
            JsonNode rows = r.json();
            if (!rows.isEmpty() && rows.get(0).get("result").get("n").asLong() > 0) {
              break;
            }
            if (System.nanoTime() > deadline) {
              throw new IllegalStateException("marker " + page + " not queryable after 30 s");
            }
            Thread.sleep(0, 200_000);
          }
          latencies[m] = (System.nanoTime() - t0) / 1e6;
          Thread.sleep(100);
        }
        Arrays.sort(latencies);
        out.printf("freshness at %,d events/s: produce-to-queryable p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d "
                + "markers (%,d events produced)%n", rate, BenchCommand.pct(latencies, 50),
            BenchCommand.pct(latencies, 99), latencies[latencies.length - 1], markers, steady.sent());
      }
    } finally {
      server.close();
      if (kafka != null) {
        kafka.close();
      }
    }
    return 0;
  }

  private static final Map<String, String> QUERIES = new LinkedHashMap<>();

  static {
    for (String name : List.of("timeseries", "timeseries_filtered", "topN_page", "groupBy_2dims", "scan")) {
      QUERIES.put(name, BenchCommand.QUERIES.get(name).replace("bench_wikipedia", CATCH_UP));
    }
  }

  private Map<String, double[]> runQueries(HttpJson http, String ds) throws Exception {
    Map<String, double[]> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> q : QUERIES.entrySet()) {
      byte[] body = q.getValue().getBytes(StandardCharsets.UTF_8);
      long warmUntil = System.nanoTime() + 1_000_000_000L;
      for (int i = 0; i < 10 || System.nanoTime() < warmUntil; i++) {
        check(http.post("/druid/v2/", body), q.getKey());
      }
      double[] ms = new double[iterations];
      for (int i = 0; i < iterations; i++) {
        long t0 = System.nanoTime();
        check(http.post("/druid/v2/", body), q.getKey());
        ms[i] = (System.nanoTime() - t0) / 1e6;
      }
      Arrays.sort(ms);
      out.put(q.getKey(), ms);
    }
    return out;
  }

  private static void submit(HttpJson http, String spec) throws Exception {
    check(http.post("/druid/indexer/v1/supervisor", spec.getBytes(StandardCharsets.UTF_8)), "supervisor");
  }

  private static void createTopic(String brokers, String topic, int partitions) throws Exception {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
    try (Admin admin = Admin.create(p)) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
    }
  }

  private static KafkaProducer<byte[], byte[]> producer(String brokers, String lingerMs) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
    p.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Round-robin over the partitions, timestamps spread over the bench window as the batch bench's are. */
  private void prefill(String brokers, String topic, int n) throws Exception {
    WikipediaGenerator gen = new WikipediaGenerator(7, WikipediaGenerator.DEFAULT_START_MILLIS, 240);
    try (KafkaProducer<byte[], byte[]> producer = producer(brokers, "20")) {
      for (int i = 0; i < n; i++) {
        producer.send(new ProducerRecord<>(topic, i % partitions, null, Json.MAPPER.writeValueAsBytes(gen.nextEvent())));
      }
      producer.flush();
    }
  }

  private static long count(HttpJson http, String ds, String interval) throws Exception {
    HttpJson.Reply r = http.post("/druid/v2/", ("{\"queryType\":\"timeseries\",\"dataSource\":\"" + ds + "\","
        + "\"granularity\":\"all\",\"intervals\":[\"" + interval + "\"],\"aggregations\":[{\"type\":\"longSum\","
        + "\"name\":\"n\",\"fieldName\":\"count\"}]}").getBytes(StandardCharsets.UTF_8));
    if (r.status() != 200 || r.json().isEmpty()) {
      return 0;
    }
    return r.json().get(0).get("result").get("n").asLong();
  }

  private static void awaitCount(HttpJson http, String ds, String interval, long want, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    long n = 0;
    while (System.nanoTime() < deadline) {
      n = count(http, ds, interval);
      if (n == want) {
        return;
      }
      if (n > want) {
        throw new IllegalStateException(ds + ": " + n + " rows counted, more than the " + want + " produced");
      }
      // Every 50 ms: the catch-up time is that precise, and polling faster would take CPU from the ingestion
      // being measured.
      Thread.sleep(50);
    }
    throw new IllegalStateException(ds + ": only " + n + " of " + want + " rows queryable after " + seconds + " s");
  }

  private static void awaitAnyRows(HttpJson http, String ds, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (count(http, ds, "1000/3000") == 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(ds + ": nothing queryable after " + seconds + " s");
      }
      Thread.sleep(20);
    }
  }

  /** Waits until the supervisor is suspended and has no task still reading or publishing. */
  /**
   * Waits until the datasource's segment list (one segmentMetadata answer per segment, live spills included) has
   * not changed for a second; returns how many there are.
   */
  private static int awaitSettled(HttpJson http, String ds, int seconds) throws Exception {
    byte[] query = ("{\"queryType\":\"segmentMetadata\",\"dataSource\":\"" + ds
        + "\",\"merge\":false,\"analysisTypes\":[]}").getBytes(StandardCharsets.UTF_8);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    java.util.Set<String> last = null;
    long stableSince = System.nanoTime();
    while (System.nanoTime() < deadline) {
      HttpJson.Reply r = http.post("/druid/v2/", query);
      check(r, "segmentMetadata");
      java.util.Set<String> ids = new java.util.TreeSet<>();
      r.json().forEach(n -> ids.add(n.path("id").asText()));
      if (!ids.equals(last)) {
        last = ids;
        stableSince = System.nanoTime();
      } else if (System.nanoTime() - stableSince >= 1_000_000_000L) {
        return ids.size();
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(ds + ": live segments still changing after " + seconds + " s");
  }

  private static void awaitHandedOff(HttpJson http, String ds, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      HttpJson.Reply r = http.get("/druid/indexer/v1/supervisor/" + ds + "/status");
      if (r.status() == 200) {
        JsonNode payload = r.json().path("payload");
        if (payload.path("state").asText().equals("SUSPENDED") && payload.path("activeTasks").isEmpty()
            && payload.path("publishingTasks").isEmpty()
            && !http.get("/druid/indexer/v1/tasks?state=running&datasource=" + ds).body().contains("index_kafka")) {
          return;
        }
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException(ds + ": the suspended supervisor's tasks did not finish in " + seconds + " s");
  }

  private static void check(HttpJson.Reply r, String what) {
    if (r.status() != 200) {
      throw new IllegalStateException(what + " failed: HTTP " + r.status() + ": " + r.errorMessage());
    }
  }
}
