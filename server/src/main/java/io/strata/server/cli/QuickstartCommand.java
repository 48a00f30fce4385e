package io.strata.server.cli;

import io.strata.server.StrataServer;
import io.strata.testkit.gen.WikipediaGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code strata quickstart}: starts the server on port 8888 (data under {@code ./var}), generates Wikipedia edits
 * in the tutorial's schema, ingests them with a native batch spec, prints queries to try, and keeps serving.
 */
@Command(name = "quickstart", description = "Start Strata with sample Wikipedia data loaded, and show queries to try.")
final class QuickstartCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "8888", description = "HTTP port (default ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--data-dir", defaultValue = "var", description = "Data directory (default ${DEFAULT-VALUE})")
  Path dataDir;

  @Option(names = "--rows", defaultValue = "100000", description = "sample rows to generate (default ${DEFAULT-VALUE})")
  long rows;

  @Option(names = "--exit", description = "exit after loading instead of serving (used by tests)")
  boolean exitAfterLoad;

  @Override
  public Integer call() throws Exception {
    StrataServer server = ServerCommand.startServer("127.0.0.1", port, dataDir);
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
    if (exitAfterLoad) {
      server.close();
      return 0;
    }
    server.join();
    return 0;
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
