package io.strata.server.cli;

import io.strata.server.ServerConfig;
import io.strata.server.StrataServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;

/** {@code strata server}: runs the single-process server in the foreground until SIGTERM or ctrl-C. */
@Command(name = "server", description = "Run the Strata server in the foreground (stop with ctrl-C or SIGTERM). "
    + "'server realtime' also runs the realtime specs of -Ddruid.realtime.specFile (or --spec).")
final class ServerCommand implements Callable<Integer> {
  /** The system property Druid's realtime node reads its spec file from. */
  static final String SPEC_FILE_PROPERTY = "druid.realtime.specFile";

  @Parameters(index = "0", arity = "0..1", paramLabel = "NODE", description = "'realtime' for a legacy realtime node; "
      + "Strata is one process, so other Druid node names (broker, historical, ...) run the same server")
  String nodeType;

  @Option(names = "--spec", description = "realtime spec file (a JSON array of realtime specs); default: the "
      + "druid.realtime.specFile system property")
  Path specFile;

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
    Path spec = specFile;
    if (spec == null && System.getProperty(SPEC_FILE_PROPERTY) != null) {
      spec = Path.of(System.getProperty(SPEC_FILE_PROPERTY));
    }
    if ("realtime".equals(nodeType) && spec == null) {
      System.err.println("A realtime node needs its spec file: -D" + SPEC_FILE_PROPERTY + "=FILE or --spec FILE");
      return 2;
    }
    java.util.List<io.strata.api.spec.RealtimeSpec> specs = java.util.List.of();
    if (spec != null) {
      try {
        specs = StrataServer.readRealtimeSpecs(spec);
      } catch (java.io.IOException | RuntimeException e) {
        System.err.println("Cannot use the realtime spec file " + spec + ": " + CliSpecs.describe(e));
        return 2;
      }
    }
    StrataServer server = startServer(host, port, dataDir, configFile, auth, null);
    if (!specs.isEmpty()) {
      try {
        for (String id : server.startRealtime(specs)) {
          System.out.println("Realtime task " + id + " started");
        }
      } catch (RuntimeException e) {
        System.err.println("Cannot run the realtime specs of " + spec + ": " + CliSpecs.describe(e));
        server.close();
        return 2;
      }
    }
    server.join();
    return 0;
  }

  static StrataServer startServer(String host, int port, Path dataDir) throws Exception {
    return startServer(host, port, dataDir, null, false, null);
  }

  /** Starts a server; {@code afterClose} (a broker the server reads from) is closed after the server at shutdown. */
  static StrataServer startServer(String host, int port, Path dataDir, AutoCloseable afterClose) throws Exception {
    return startServer(host, port, dataDir, null, false, afterClose);
  }

  private static final java.util.Map<StrataServer, java.util.List<AutoCloseable>> BEFORE_CLOSE =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Closes {@code c} (a producer feeding the server) before the server when the process stops. */
  static void beforeClose(StrataServer server, AutoCloseable c) {
    BEFORE_CLOSE.computeIfAbsent(server, s -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(c);
  }

  private static void quietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      System.err.println("While stopping: " + CliSpecs.describe(e));
    }
  }

  /**
   * Starts a server and arranges a clean stop on SIGTERM/ctrl-C. Settings come from the defaults, then the
   * properties file, then {@code -D} system properties, then the options.
   */
  static StrataServer startServer(String host, int port, Path dataDir, Path configFile, boolean auth,
                                  AutoCloseable afterClose) throws Exception {
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
    // One hook, in order: what feeds the server, the server, what the server reads from (hooks run concurrently).
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      BEFORE_CLOSE.getOrDefault(server, java.util.List.of()).forEach(ServerCommand::quietly);
      server.close();
      if (afterClose != null) {
        quietly(afterClose);
      }
    }, "strata-shutdown"));
    System.out.printf("Strata is ready at %s (started in %d ms, data in %s)%n", server.url(),
        (System.nanoTime() - t0) / 1_000_000, config.dataDir());
    return server;
  }
}
