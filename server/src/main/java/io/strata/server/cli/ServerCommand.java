package io.strata.server.cli;

import io.strata.server.ServerConfig;
import io.strata.server.StrataServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code strata server}: runs the single-process server in the foreground until SIGTERM or ctrl-C. */
@Command(name = "server", description = "Run the Strata server in the foreground (stop with ctrl-C or SIGTERM).")
final class ServerCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "8888", description = "HTTP port (default ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--data-dir", defaultValue = "var", description = "Data directory (default ${DEFAULT-VALUE})")
  Path dataDir;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default ${DEFAULT-VALUE})")
  String host;

  @Override
  public Integer call() throws Exception {
    StrataServer server = startServer(host, port, dataDir);
    server.join();
    return 0;
  }

  /** Starts a server and arranges a clean stop on SIGTERM/ctrl-C. */
  static StrataServer startServer(String host, int port, Path dataDir) throws Exception {
    long t0 = System.nanoTime();
    ServerConfig defaults = ServerConfig.defaults(dataDir.toAbsolutePath(), port);
    ServerConfig config = new ServerConfig(host, port, defaults.dataDir(), defaults.workingDir(),
        defaults.queryThreads(), defaults.taskSlots(), defaults.maxRequestBytes());
    StrataServer server = StrataServer.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "strata-shutdown"));
    System.out.printf("Strata is ready at %s (started in %d ms, data in %s)%n", server.url(),
        (System.nanoTime() - t0) / 1_000_000, config.dataDir());
    return server;
  }
}
