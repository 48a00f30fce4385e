package io.strata.benchmarks;

import io.strata.api.json.Json;
import io.strata.api.query.Query;
import io.strata.query.QueryExecutor;
import io.strata.segment.read.QueryableSegment;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Latency of {@code QueryExecutor.run} (milliseconds per query) for the fixed query set of the end-to-end benchmark
 * ({@code strata bench}, {@code BenchCommand.QUERIES}), over the same data: 1,000,000 generated Wikipedia edits
 * (seed 7, 240 hours from 2013-08-31) ingested with the tutorial schema into 10 day segments, persisted and
 * memory-mapped. The executor has {@code max(2, cores)} threads, like the server's query pool.
 *
 * <p>This is {@code strata bench}'s query latency without HTTP, JSON parsing of the query and serialization of the
 * result, so the difference between the two is the cost of the server around the engines. Segments are built once
 * per fork into a temporary directory and deleted at the end.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@State(Scope.Benchmark)
public class QueryBenchmark {
  static final long ROWS = 1_000_000;
  static final int HOURS = 240;

  /** BenchCommand.QUERIES, with the dataSource renamed. */
  static final Map<String, String> QUERIES = new LinkedHashMap<>();

  static {
    String iv = "\"intervals\":[\"2013-08-31/2013-09-11\"]";
    QUERIES.put("timeBoundary", "{\"queryType\":\"timeBoundary\",\"dataSource\":\"jmh_wikipedia\"}");
    QUERIES.put("timeseries", "{\"queryType\":\"timeseries\",\"dataSource\":\"jmh_wikipedia\",\"granularity\":\"hour\","
        + iv + ",\"aggregations\":[{\"type\":\"longSum\",\"name\":\"edits\",\"fieldName\":\"count\"},"
        + "{\"type\":\"longSum\",\"name\":\"added\",\"fieldName\":\"added\"},"
        + "{\"type\":\"longSum\",\"name\":\"deleted\",\"fieldName\":\"deleted\"}],"
        + "\"postAggregations\":[{\"type\":\"arithmetic\",\"name\":\"net\",\"fn\":\"-\",\"fields\":["
        + "{\"type\":\"fieldAccess\",\"fieldName\":\"added\"},{\"type\":\"fieldAccess\",\"fieldName\":\"deleted\"}]}]}");
    QUERIES.put("timeseries_filtered", "{\"queryType\":\"timeseries\",\"dataSource\":\"jmh_wikipedia\","
        + "\"granularity\":\"hour\"," + iv + ",\"filter\":{\"type\":\"selector\",\"dimension\":\"robot\",\"value\":\"false\"},"
        + "\"aggregations\":[{\"type\":\"longSum\",\"name\":\"edits\",\"fieldName\":\"count\"},"
        + "{\"type\":\"longSum\",\"name\":\"added\",\"fieldName\":\"added\"}]}");
    QUERIES.put("topN_page", "{\"queryType\":\"topN\",\"dataSource\":\"jmh_wikipedia\",\"granularity\":\"all\","
        + iv + ",\"dimension\":\"page\",\"metric\":\"edits\",\"threshold\":10,\"aggregations\":["
        + "{\"type\":\"longSum\",\"name\":\"edits\",\"fieldName\":\"count\"},"
        + "{\"type\":\"longSum\",\"name\":\"delta\",\"fieldName\":\"delta\"}]}");
    QUERIES.put("groupBy_2dims", "{\"queryType\":\"groupBy\",\"dataSource\":\"jmh_wikipedia\",\"granularity\":\"all\","
        + iv + ",\"dimensions\":[\"continent\",\"language\"],"
        + "\"filter\":{\"type\":\"not\",\"field\":{\"type\":\"selector\",\"dimension\":\"namespace\",\"value\":\"template\"}},"
        + "\"aggregations\":[{\"type\":\"longSum\",\"name\":\"edits\",\"fieldName\":\"count\"},"
        + "{\"type\":\"longSum\",\"name\":\"added\",\"fieldName\":\"added\"},"
        + "{\"type\":\"longMax\",\"name\":\"max_delta\",\"fieldName\":\"delta\"}],"
        + "\"having\":{\"type\":\"greaterThan\",\"aggregation\":\"edits\",\"value\":10},"
        + "\"limitSpec\":{\"type\":\"default\",\"limit\":20,\"columns\":[{\"dimension\":\"edits\",\"direction\":\"descending\"}]}}");
    QUERIES.put("scan", "{\"queryType\":\"scan\",\"dataSource\":\"jmh_wikipedia\"," + iv + ","
        + "\"columns\":[\"__time\",\"page\",\"user\",\"language\",\"city\",\"added\",\"deleted\",\"delta\",\"count\"],"
        + "\"filter\":{\"type\":\"in\",\"dimension\":\"language\",\"values\":[\"ja\",\"zh\"]},"
        + "\"order\":\"ascending\",\"limit\":5,\"resultFormat\":\"compactedList\"}");
  }

  @Param({"timeBoundary", "timeseries", "timeseries_filtered", "topN_page", "groupBy_2dims", "scan"})
  public String query;

  private Path dir;
  private List<QueryableSegment> segments;
  private ExecutorService pool;
  private QueryExecutor executor;
  private Query parsed;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("strata-jmh-query");
    Path json = dir.resolve("bench-wikipedia.json");
    BenchData.writeWikipediaJson(json, 7, ROWS, HOURS);
    segments = BenchData.ingestToSegments(BenchData.wikipediaTask(), json, dir.resolve("segments"));
    Files.delete(json);
    if (segments.size() != HOURS / 24) {
      throw new IllegalStateException("expected " + HOURS / 24 + " day segments, built " + segments.size());
    }
    long rows = 0;
    long bytes = 0;
    for (QueryableSegment s : segments) {
      rows += s.numRows();
      bytes += s.sizeBytes();
    }
    System.out.printf("[setup] %d segments, %,d rows after rollup, %,d bytes%n", segments.size(), rows, bytes);
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "jmh-query");
      t.setDaemon(true);
      return t;
    });
    executor = new QueryExecutor(pool);
    parsed = Json.MAPPER.readValue(QUERIES.get(query), Query.class);
    // Fail at setup, not in the measurement, if the query cannot run; and check it sees the data.
    String result = Json.MAPPER.writeValueAsString(executor.run(parsed, segments));
    if (result.length() < 10) {
      throw new IllegalStateException("query " + query + " returned " + result);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    if (pool != null) {
      pool.shutdownNow();
    }
    if (segments != null) {
      for (QueryableSegment s : segments) {
        s.close();
      }
    }
    BenchData.deleteRecursively(dir);
  }

  @Benchmark
  public Object run() {
    return executor.run(parsed, segments);
  }
}
