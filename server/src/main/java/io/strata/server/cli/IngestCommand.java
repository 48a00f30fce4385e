package io.strata.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code strata ingest SPEC.json}: submits an ingestion task, shows live progress (rows read, rows/s), then the
 * final row stats. Exits non-zero with the reason if the task fails.
 */
@Command(name = "ingest", description = "Submit an ingestion spec, follow its progress, print its row stats.")
final class IngestCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SPEC", description = "ingestion task JSON (index or index_parallel)")
  Path specFile;

  @Option(names = "--url", defaultValue = "http://localhost:8888", description = "server URL (default ${DEFAULT-VALUE})")
  String url;

  @Option(names = "--poll-ms", defaultValue = "500", description = "progress refresh period in ms")
  long pollMillis;

  @Override
  public Integer call() throws Exception {
    return ingest(new HttpJson(url), Files.readAllBytes(specFile), System.out, pollMillis);
  }

  /** Submits and follows a task; returns the process exit code. */
  static int ingest(HttpJson http, byte[] spec, PrintStream out, long pollMillis) throws Exception {
    HttpJson.Reply submitted;
    try {
      submitted = http.post("/druid/indexer/v1/task", spec);
    } catch (java.net.ConnectException e) {
      System.err.println("Cannot reach Strata (is the server running? try: bin/strata server)");
      return 2;
    }
    if (submitted.status() != 200) {
      System.err.println("Task refused (HTTP " + submitted.status() + "): " + submitted.errorMessage());
      return 1;
    }
    String taskId = submitted.json().get("task").asText();
    out.println("Submitted task " + taskId);
    long t0 = System.nanoTime();
    String state;
    JsonNode report;
    while (true) {
      JsonNode status = http.get("/druid/indexer/v1/task/" + encode(taskId) + "/status").json().path("status");
      state = status.path("status").asText();
      report = http.get("/druid/indexer/v1/task/" + encode(taskId) + "/reports").json();
      JsonNode rows = report.path("ingestionStatsAndErrors").path("payload").path("rowStats").path("buildSegments");
      long read = rows.path("processed").asLong() + rows.path("processedWithError").asLong()
          + rows.path("thrownAway").asLong() + rows.path("unparseable").asLong();
      double secs = (System.nanoTime() - t0) / 1e9;
      out.printf("\r%-8s rows read: %,d  (%,.0f rows/s, %.1f s)   ", state, read, secs > 0 ? read / secs : 0.0, secs);
      out.flush();
      if (!state.equals("RUNNING")) {
        out.println();
        break;
      }
      Thread.sleep(pollMillis);
    }
    JsonNode payload = report.path("ingestionStatsAndErrors").path("payload");
    out.println("Row stats: " + payload.path("rowStats").path("buildSegments"));
    JsonNode bad = payload.path("unparseableEvents").path("buildSegments");
    if (bad.isArray() && !bad.isEmpty()) {
      out.println("Sampled bad rows:");
      for (JsonNode e : bad) {
        out.println("  " + e.path("errorType").asText() + ": " + e.path("details") + " <- " + e.path("input").asText());
      }
    }
    if (state.equals("SUCCESS")) {
      out.println("SUCCESS: " + payload.path("segmentsPublished").asInt() + " segment(s) published");
      return 0;
    }
    String reason = payload.path("errorMsg").asText("unknown reason");
    System.err.println("Task " + taskId + " " + state + ": " + reason);
    return 1;
  }

  private static String encode(String id) {
    return java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }
}
