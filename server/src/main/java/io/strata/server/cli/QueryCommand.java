package io.strata.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code strata query FILE.json|-}: posts a native query and prints the result. */
@Command(name = "query", description = "Post a native Druid query (a JSON file, or - for stdin) and print the result.")
final class QueryCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "query JSON file, or - to read standard input")
  String file;

  @Option(names = "--url", defaultValue = "http://localhost:8888", description = "server URL (default ${DEFAULT-VALUE})")
  String url;

  @Override
  public Integer call() throws Exception {
    byte[] body = file.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
    HttpJson.Reply reply;
    try {
      reply = new HttpJson(url).post("/druid/v2/?pretty", body);
    } catch (java.net.ConnectException e) {
      System.err.println("Cannot reach Strata at " + url + " (is the server running? try: bin/strata server)");
      return 2;
    }
    if (reply.status() != 200) {
      System.err.println("Query failed (HTTP " + reply.status() + "): " + reply.errorMessage());
      return 1;
    }
    System.out.println(reply.body());
    return 0;
  }
}
