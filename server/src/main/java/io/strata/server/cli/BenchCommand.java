package io.strata.server.cli;

import io.strata.server.StrataServer;
import io.strata.testkit.gen.WikipediaGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code strata bench}: the end-to-end benchmark. Generates N rows, ingests them through the HTTP API, runs a
 * fixed set of queries many times, and prints ingest rows/s, p50/p95 per query and the server's peak heap.
 * Without {@code --url} it runs an in-process server on a temporary data directory, started before the data is
 * generated (as the quickstart does).
 */
@Command(name = "bench", description = "End-to-end benchmark: generate, ingest over HTTP, query; print rows/s, "
    + "p50/p95 and peak heap.")
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--rows", defaultValue = "1000000", description = "rows to generate (default ${DEFAULT-VALUE})")
  long rows;

  @Option(names = "--iterations", defaultValue = "50", description = "timed runs per query (default ${DEFAULT-VALUE})")
  int iterations;

  @Option(names = "--hours", defaultValue = "240", description = "time span of the data (default ${DEFAULT-VALUE})")
  int hours;

  @Option(names = "--ingests", defaultValue = "3", description = "times the data is ingested, each replacing the "
      + "last; the first runs in a fresh JVM (default ${DEFAULT-VALUE})")
  int ingests;

  @Option(names = "--url", description = "benchmark a running server instead of an in-process one")
  String url;

  @Option(names = "--work-dir", description = "where to put the data file and server data (default: a temp dir)")
  Path workDir;

  static final Map<String, String> QUERIES = new LinkedHashMap<>();

  static {
    String iv = "\"intervals\":[\"2013-08-31/2013-09-11\"]";
    QUERIES.put("timeBoundary", "{\"queryType\":\"timeBoundary\",\"dataSource\":\"bench_wikipedia\"}");
    QUERIES.put("timeseries", "{\"queryType\":\"timeseries\",\"dataSource\":\"bench_wikipedia\",\"granularity\":\"hour\","
        + iv + ",\"aggregations\":[{\"type\":\"longSum\",\"name\":\"edits\",\"fieldName\":\"count\"},"
        + "{\"type\":\"longSum\",\"name\":\"added\",\"fieldName\":\"added\"},"
        + "{\"type\":\"longSum\",\"name\":\"deleted\",\"fieldName\":\"deleted\"}],"
        + "\"postAggregations\":[{\"type\":\"arithmetic\",\"name\":\"net\",\"fn\":\"-\",\"fields\":["
        + "{\"type\":\"fieldAccess\",\"fieldName\":\"added\"},{\"type\":\"fieldAccess\",\"fieldName\":\"deleted\"}]}]}");
    QUERIES.put("timeseries_filtered", "{\"queryType\":\"timeseries\",\"dataSource\":\"bench_wikipedia\","
        + "\"granularity\":\"hour\"," + iv + ",\"filter\":{\"type\":\"selector\",\"dimension\":\"robot\",\"value\":\"false\"},"
        + "\"aggregations\":[{\"type\":\"longSum\",\"name\":\"edits\",\"fieldName\":\"count\"},"
        + "{\"type\":\"longSum\",\"name\":\"added\",\"fieldName\":\"added\"}]}");
    QUERIES.put("topN_page", "{\"queryType\":\"topN\",\"dataSource\":\"bench_wikipedia\",\"granularity\":\"all\","
        + iv + ",\"dimension\":\"page\",\"metric\":\"edits\",\"threshold\":10,\"aggregations\":["
        + "{\"type\":\"longSum\",\"name\":\"edits\",\"fieldName\":\"count\"},"
        + "{\"type\":\"longSum\",\"name\":\"delta\",\"fieldName\":\"delta\"}]}");
    QUERIES.put("groupBy_2dims", "{\"queryType\":\"groupBy\",\"dataSource\":\"bench_wikipedia\",\"granularity\":\"all\","
        + iv + ",\"dimensions\":[\"continent\",\"language\"],"
        + "\"filter\":{\"type\":\"not\",\"field\":{\"type\":\"selector\",\"dimension\":\"namespace\",\"value\":\"template\"}},"
        + "\"aggregations\":[{\"type\":\"longSum\",\"name\":\"edits\",\"fieldName\":\"count\"},"
        + "{\"type\":\"longSum\",\"name\":\"added\",\"fieldName\":\"added\"},"
        + "{\"type\":\"longMax\",\"name\":\"max_delta\",\"fieldName\":\"delta\"}],"
        + "\"having\":{\"type\":\"greaterThan\",\"aggregation\":\"edits\",\"value\":10},"
        + "\"limitSpec\":{\"type\":\"default\",\"limit\":20,\"columns\":[{\"dimension\":\"edits\",\"direction\":\"descending\"}]}}");
    QUERIES.put("scan", "{\"queryType\":\"scan\",\"dataSource\":\"bench_wikipedia\"," + iv + ","
        + "\"columns\":[\"__time\",\"page\",\"user\",\"language\",\"city\",\"added\",\"deleted\",\"delta\",\"count\"],"
        + "\"filter\":{\"type\":\"in\",\"dimension\":\"language\",\"values\":[\"ja\",\"zh\"]},"
        + "\"order\":\"ascending\",\"limit\":5,\"resultFormat\":\"compactedList\"}");
  }

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    Path dir = workDir != null ? workDir : Files.createTempDirectory("strata-bench");
    Files.createDirectories(dir);
    // The server starts first and the data is generated while it is up, as in the quickstart: a user's first
    // ingestion reaches a server that has finished starting, not one still busy with its own startup.
    StrataServer server = null;
    String base = url;
    if (base == null) {
      long s0 = System.nanoTime();
      server = ServerCommand.startServer("127.0.0.1", 0, dir.resolve("var"));
      out.printf("server ready in %d ms%n", (System.nanoTime() - s0) / 1_000_000);
      base = server.url();
    }
    Path data = dir.resolve("bench-wikipedia.json");
    long g0 = System.nanoTime();
    try (Writer w = Files.newBufferedWriter(data, StandardCharsets.UTF_8)) {
      new WikipediaGenerator(7, java.time.Instant.parse("2013-08-31T00:00:00Z").toEpochMilli(), hours)
          .write(rows, WikipediaGenerator.Format.JSON, w);
    }
    // On disk before the ingestion starts, as a user's input would be: otherwise the kernel writes the file back
    // during the ingestion, and the segments' fsyncs wait behind it.
    try (FileChannel written = FileChannel.open(data, StandardOpenOption.WRITE)) {
      written.force(true);
    }
    out.printf("generated %,d rows (%,d MB) in %.1f s%n", rows, Files.size(data) >> 20, (System.nanoTime() - g0) / 1e9);
    if (server != null) {
      // Peaks are taken from here on: the generator's own peak is not the server's.
      resetPeaks();
    }
    try {
      HttpJson http = new HttpJson(base);
      String spec = CliSpecs.wikipediaSpec("bench_wikipedia", dir, "bench-wikipedia.json");
      // The first ingest pays for a fresh JVM (classes loaded, code compiled as it runs); later ones show the
      // steady state of a running server. Both are printed: neither alone is the whole story.
      for (int run = 1; run <= Math.max(1, ingests); run++) {
        JvmWork before = server != null ? JvmWork.now() : null;
        long i0 = System.nanoTime();
        int code = IngestCommand.ingest(http, spec.getBytes(StandardCharsets.UTF_8), new PrintStream(
            java.io.OutputStream.nullOutputStream()), 50);
        double ingestSecs = (System.nanoTime() - i0) / 1e9;
        if (code != 0) {
          out.println("ingestion failed");
          return 1;
        }
        out.printf("ingest %d%s: %,d rows in %.2f s from submit to queryable = %,.0f rows/s%n", run,
            run == 1 && server != null ? " (fresh JVM)" : "", rows, ingestSecs, rows / ingestSecs);
        if (before != null) {
          // CPU time is steadier than wall time on a shared machine, and shows what the JVM itself costs.
          JvmWork spent = JvmWork.now().minus(before);
          out.printf("  process CPU %.2f s, of which JIT compiler threads %s and GC threads %s; GC pauses %.2f s in %d"
              + " collections%n", spent.cpuNanos() / 1e9, seconds(spent.compilerCpuNanos()),
              seconds(spent.gcCpuNanos()), spent.gcMillis() / 1e3, spent.gcCount());
        }
      }
      out.printf("%-22s %10s %10s %10s%n", "query", "p50 ms", "p95 ms", "max ms");
      for (Map.Entry<String, String> q : QUERIES.entrySet()) {
        byte[] body = q.getValue().getBytes(StandardCharsets.UTF_8);
        // Warm up until the JIT has compiled the path: at least 20 runs and 2 seconds per query.
        long warmUntil = System.nanoTime() + 2_000_000_000L;
        for (int i = 0; i < 20 || System.nanoTime() < warmUntil; i++) {
          check(http.post("/druid/v2/", body), q.getKey());
        }
        double[] ms = new double[iterations];
        for (int i = 0; i < iterations; i++) {
          long t0 = System.nanoTime();
          check(http.post("/druid/v2/", body), q.getKey());
          ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        out.printf("%-22s %10.2f %10.2f %10.2f%n", q.getKey(), pct(ms, 50), pct(ms, 95), ms[ms.length - 1]);
      }
      if (server != null) {
        out.printf("peak heap: %,d MB (max heap %,d MB)%n", peakHeapBytes() >> 20, Runtime.getRuntime().maxMemory() >> 20);
      }
    } finally {
      if (server != null) {
        server.close();
      }
    }
    return 0;
  }

  private static void check(HttpJson.Reply r, String name) {
    if (r.status() != 200) {
      throw new IllegalStateException("query " + name + " failed: " + r.errorMessage());
    }
  }

  static double pct(double[] sorted, int p) {
    int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
  }

  private static String seconds(long nanos) {
    return nanos < 0 ? "n/a" : String.format("%.2f s", nanos / 1e9);
  }

  /**
   * Cumulative work of this JVM: process CPU, the CPU of the JIT compiler and GC threads (from
   * {@code /proc/self/task}, so Linux only; -1 elsewhere), and GC pauses.
   */
  private record JvmWork(long cpuNanos, long compilerCpuNanos, long gcCpuNanos, long gcMillis, long gcCount) {
    static JvmWork now() {
      long cpu = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
          ? os.getProcessCpuTime() : 0;
      long gcTime = 0;
      long gcCount = 0;
      for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        gcTime += Math.max(0, gc.getCollectionTime());
        gcCount += Math.max(0, gc.getCollectionCount());
      }
      long[] vmThreads = vmThreadCpuNanos();
      return new JvmWork(cpu, vmThreads[0], vmThreads[1], gcTime, gcCount);
    }

    /** CPU nanos of the compiler threads and of the GC threads, read from /proc; -1 each if unavailable. */
    private static long[] vmThreadCpuNanos() {
      long[] out = {0, 0};
      // Clock ticks are 1/100 s on Linux (USER_HZ); the JVM's own threads are not visible through ThreadMXBean.
      java.nio.file.Path tasks = java.nio.file.Path.of("/proc/self/task");
      try (java.util.stream.Stream<java.nio.file.Path> list = Files.list(tasks)) {
        for (java.nio.file.Path task : (Iterable<java.nio.file.Path>) list::iterator) {
          String stat;
          try {
            stat = Files.readString(task.resolve("stat"));
          } catch (java.io.IOException gone) {
            continue; // the thread ended meanwhile
          }
          int open = stat.indexOf('(');
          int close = stat.lastIndexOf(')');
          String name = stat.substring(open + 1, close);
          String[] fields = stat.substring(close + 2).split(" ");
          long nanos = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
          if (name.contains("CompilerThre")) {
            out[0] += nanos;
          } else if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM Thread")) {
            out[1] += nanos;
          }
        }
      } catch (java.io.IOException | RuntimeException e) {
        return new long[] {-1, -1};
      }
      return out;
    }

    JvmWork minus(JvmWork o) {
      return new JvmWork(cpuNanos - o.cpuNanos,
          compilerCpuNanos < 0 || o.compilerCpuNanos < 0 ? -1 : compilerCpuNanos - o.compilerCpuNanos,
          gcCpuNanos < 0 || o.gcCpuNanos < 0 ? -1 : gcCpuNanos - o.gcCpuNanos,
          gcMillis - o.gcMillis, gcCount - o.gcCount);
    }
  }

  static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  static long peakHeapBytes() {
    long total = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        total += pool.getPeakUsage().getUsed();
      }
    }
    return total;
  }
}
