package io.strata.kinesis;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local Kinesis-compatible server: kinesalite (npm) run by Node.js as a child process, on 127.0.0.1 and a port the
 * system picks, streams held in memory. Installed on first use with npm into {@code strata.kinesalite.home} (system
 * property), else {@code $STRATA_KINESALITE_HOME}, else {@code ~/.cache/strata/kinesalite}; {@code .ci/run} installs
 * it ahead. For tests and trying the Kinesis supervisor without AWS.
 */
public final class Kinesalite implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Kinesalite.class);
  public static final String VERSION = "3.3.3";
  private static final Pattern LISTENING = Pattern.compile("Listening at (\\d+)");

  private final Process process;
  private final int port;

  private Kinesalite(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Where kinesalite is (or will be) installed. */
  public static Path home() {
    String configured = System.getProperty("strata.kinesalite.home");
    if (configured == null || configured.isBlank()) {
      configured = System.getenv("STRATA_KINESALITE_HOME");
    }
    if (configured != null && !configured.isBlank()) {
      return Paths.get(configured);
    }
    return Paths.get(System.getProperty("user.home"), ".cache", "strata", "kinesalite");
  }

  /** Installs kinesalite with npm unless it is there already. */
  public static Path install() throws IOException, InterruptedException {
    Path home = home();
    Path module = home.resolve("node_modules").resolve("kinesalite");
    if (Files.exists(module.resolve("index.js"))) {
      return module;
    }
    Files.createDirectories(home);
    LOG.info("Installing kinesalite {} with npm into {}", VERSION, home);
    // Scripts are skipped: the optional native LevelDB build is not needed for the in-memory store.
    Process npm = new ProcessBuilder(List.of("npm", "install", "--ignore-scripts", "--no-audit", "--no-fund",
        "--prefix", home.toString(), "kinesalite@" + VERSION)).redirectErrorStream(true).start();
    String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0 || !Files.exists(module.resolve("index.js"))) {
      throw new IOException("npm could not install kinesalite " + VERSION + " into " + home + " (Node.js and npm "
          + "are needed):\n" + output);
    }
    return module;
  }

  /** Starts a kinesalite server and waits until it listens. */
  public static Kinesalite start() throws IOException, InterruptedException {
    Path module = install();
    String script = "var s = require(" + jsString(module.toString()) + ")({createStreamMs: 0, deleteStreamMs: 0,"
        + " updateStreamMs: 0, shardLimit: 1000});"
        + " s.listen(0, '127.0.0.1', function() { console.log('Listening at ' + s.address().port) });";
    Process p = new ProcessBuilder(List.of("node", "-e", script)).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Integer> listening = new CompletableFuture<>();
    StringBuilder seen = new StringBuilder();
    Thread pump = new Thread(() -> {
      try {
        String line;
        while ((line = out.readLine()) != null) {
          Matcher m = LISTENING.matcher(line);
          if (m.find()) {
            listening.complete(Integer.parseInt(m.group(1)));
          } else if (!listening.isDone()) {
            seen.append(line).append('\n');
          }
        }
      } catch (IOException ignored) {
        // the process ended
      }
      listening.complete(-1);
    }, "kinesalite-output");
    pump.setDaemon(true);
    pump.start();
    int port;
    try {
      port = listening.get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      port = -1;
    }
    if (port <= 0) {
      p.destroyForcibly();
      throw new IOException("kinesalite did not start:\n" + seen);
    }
    LOG.info("kinesalite {} listening on 127.0.0.1:{}", VERSION, port);
    return new Kinesalite(p, port);
  }

  private static String jsString(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** The endpoint to put in a spec's {@code ioConfig.endpoint}. */
  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
