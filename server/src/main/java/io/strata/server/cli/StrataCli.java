package io.strata.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/strata}: the command line of Strata. */
@Command(name = "strata", mixinStandardHelpOptions = true, version = "Strata 0.1.0",
    description = "Real-time analytics database that speaks Apache Druid's ingestion specs, queries and HTTP API.",
    subcommands = {ServerCommand.class, QuickstartCommand.class, IngestCommand.class, QueryCommand.class,
        GenerateCommand.class, BenchCommand.class, KafkaCommand.class, ProduceCommand.class, StreamBenchCommand.class})
public final class StrataCli implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    int code = new CommandLine(new StrataCli()).execute(args);
    if (code != 0 || !keepsRunning(args)) {
      System.exit(code);
    }
  }

  private static boolean keepsRunning(String[] args) {
    return args.length > 0 && (args[0].equals("server") || args[0].equals("quickstart")
        || args[0].equals("kafka"));
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
