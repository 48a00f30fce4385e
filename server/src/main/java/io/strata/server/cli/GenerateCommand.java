package io.strata.server.cli;

import io.strata.api.time.DateTimes;
import io.strata.testkit.gen.WikipediaGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code strata generate wikipedia}: seeded, realistic Wikipedia-edit events in the tutorial's schema. */
@Command(name = "generate", description = "Generate sample data: generate wikipedia --rows N [--seed S] "
    + "[--format json|csv|tsv] [--start ISO] [--hours H] [--output FILE]")
final class GenerateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DATASET", description = "only: wikipedia")
  String dataset;

  @Option(names = "--rows", required = true, description = "number of rows")
  long rows;

  @Option(names = "--seed", defaultValue = "42", description = "random seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--format", defaultValue = "json", description = "json, csv or tsv (default ${DEFAULT-VALUE})")
  String format;

  @Option(names = "--start", defaultValue = "2013-08-31T00:00:00Z", description = "first timestamp (default ${DEFAULT-VALUE})")
  String start;

  @Option(names = "--hours", defaultValue = "24", description = "time span in hours (default ${DEFAULT-VALUE})")
  int hours;

  @Option(names = "--output", description = "file to write (default: standard output)")
  Path output;

  @Override
  public Integer call() throws Exception {
    if (!dataset.equals("wikipedia")) {
      System.err.println("Unknown dataset [" + dataset + "]; the only one is: wikipedia");
      return 2;
    }
    WikipediaGenerator.Format f;
    try {
      f = WikipediaGenerator.Format.valueOf(format.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      System.err.println("Unknown format [" + format + "]; use json, csv or tsv");
      return 2;
    }
    if (rows < 0 || hours < 1) {
      System.err.println("--rows must be >= 0 and --hours >= 1");
      return 2;
    }
    long startMillis = DateTimes.parseIso(start);
    try (Writer w = output == null
        ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16)
        : Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
      new WikipediaGenerator(seed, startMillis, hours).write(rows, f, w);
    }
    return 0;
  }
}
