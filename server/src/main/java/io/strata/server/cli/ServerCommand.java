package io.strata.server.cli;

import io.strata.server.ServerConfig;
import io.strata.server.StrataServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
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

  @Option(names = "--config", description = "runtime properties file (Druid's property names where Druid has the "
      + "setting, e.g. druid.server.http.defaultQueryTimeout; see the README)")
  Path configFile;

  @Option(names = "--auth", description = "turn on authentication and authorization (HTTP Basic, users and roles in "
      + "the metadata store); the first start creates user 'admin' with the password in STRATA_ADMIN_PASSWORD")
  boolean auth;

  @Override
  public Integer call() throws Exception {
    StrataServer server = startServer(host, port, dataDir, configFile, auth);
    server.join();
    return 0;
  }

  static StrataServer startServer(String host, int port, Path dataDir) throws Exception {
    return startServer(host, port, dataDir, null, false);
  }

  /**
   * Starts a server and arranges a clean stop on SIGTERM/ctrl-C. Settings come from the defaults, then the
   * properties file, then {@code -D} system properties, then the options.
   */
  static StrataServer startServer(String host, int port, Path dataDir, Path configFile, boolean auth)
      throws Exception {
    long t0 = System.nanoTime();
    Properties props = new Properties();
    if (configFile != null) {
      try (Reader r = Files.newBufferedReader(configFile)) {
        props.load(r);
      }
    }
    for (String key : System.getProperties().stringPropertyNames()) {
      if (key.startsWith("druid.") || key.startsWith("strata.") && !key.equals("strata.failpoint")) {
        props.setProperty(key, System.getProperty(key));
      }
    }
    if (auth) {
      props.setProperty("strata.auth.enabled", "true");
    }
    ServerConfig config = ServerConfig.defaults(dataDir.toAbsolutePath(), port).withHost(host)
        .withProperties(props, System.getenv());
    StrataServer server = StrataServer.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "strata-shutdown"));
    System.out.printf("Strata is ready at %s (started in %d ms, data in %s)%n", server.url(),
        (System.nanoTime() - t0) / 1_000_000, config.dataDir());
    return server;
  }
}
