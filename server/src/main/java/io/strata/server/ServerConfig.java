package io.strata.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import io.strata.input.InputSourcePolicy;
import io.strata.server.security.SecurityConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Settings of the single-process server. {@link #withProperties} reads them from runtime properties, under Druid's
 * names where Druid has the setting ({@code druid.server.http.defaultQueryTimeout}, ...) and under
 * {@code strata.*} names otherwise; see the README for the list.
 *
 * @param host                     address to bind (127.0.0.1 by default: nothing is exposed beyond the machine unless
 *                                 asked)
 * @param port                     HTTP port; 0 picks a free one (tests)
 * @param dataDir                  everything the server keeps: {@code metadata/}, {@code deep-storage/},
 *                                 {@code tasks/}
 * @param workingDir               base for relative input paths in ingestion specs
 * @param queryThreads             threads running per-segment query work
 * @param taskSlots                ingestion tasks that may run at once
 * @param maxRequestBytes          largest request body accepted
 * @param defaultQueryTimeoutMillis the timeout of a query whose context sets none (Druid's
 *                                 {@code druid.server.http.defaultQueryTimeout}, default 300000)
 * @param maxQueryTimeoutMillis    the largest timeout a query may ask for (Druid's
 *                                 {@code druid.server.http.maxQueryTimeout}, default unlimited)
 * @param security                 authentication and authorization (off by default, as in Druid)
 * @param inputPolicy              what ingestion specs may read
 * @param corsAllowedOrigins       origins allowed cross-origin requests; empty (the default) sends no CORS headers
 */
public record ServerConfig(String host, int port, Path dataDir, Path workingDir, int queryThreads, int taskSlots,
                           long maxRequestBytes, long defaultQueryTimeoutMillis, long maxQueryTimeoutMillis,
                           SecurityConfig security, InputSourcePolicy inputPolicy, List<String> corsAllowedOrigins) {
  public static final long DEFAULT_MAX_REQUEST_BYTES = 64L * 1024 * 1024;
  /** Druid's {@code druid.server.http.defaultQueryTimeout}: five minutes. */
  public static final long DEFAULT_QUERY_TIMEOUT_MILLIS = 300_000;

  public ServerConfig {
    if (defaultQueryTimeoutMillis <= 0) {
      throw new IllegalArgumentException("druid.server.http.defaultQueryTimeout must be positive");
    }
    if (maxQueryTimeoutMillis <= 0) {
      throw new IllegalArgumentException("druid.server.http.maxQueryTimeout must be positive");
    }
    corsAllowedOrigins = List.copyOf(corsAllowedOrigins);
  }

  public static ServerConfig defaults(Path dataDir, int port) {
    int cores = Runtime.getRuntime().availableProcessors();
    return new ServerConfig("127.0.0.1", port, dataDir, Path.of("").toAbsolutePath(), Math.max(2, cores), 2,
        DEFAULT_MAX_REQUEST_BYTES, DEFAULT_QUERY_TIMEOUT_MILLIS, Long.MAX_VALUE, SecurityConfig.DISABLED,
        InputSourcePolicy.UNRESTRICTED, List.of());
  }

  public ServerConfig withHost(String h) {
    return new ServerConfig(h, port, dataDir, workingDir, queryThreads, taskSlots, maxRequestBytes,
        defaultQueryTimeoutMillis, maxQueryTimeoutMillis, security, inputPolicy, corsAllowedOrigins);
  }

  public ServerConfig withWorkingDir(Path dir) {
    return new ServerConfig(host, port, dataDir, dir, queryThreads, taskSlots, maxRequestBytes,
        defaultQueryTimeoutMillis, maxQueryTimeoutMillis, security, inputPolicy, corsAllowedOrigins);
  }

  public ServerConfig withThreads(int query, int tasks) {
    return new ServerConfig(host, port, dataDir, workingDir, query, tasks, maxRequestBytes,
        defaultQueryTimeoutMillis, maxQueryTimeoutMillis, security, inputPolicy, corsAllowedOrigins);
  }

  public ServerConfig withMaxRequestBytes(long bytes) {
    return new ServerConfig(host, port, dataDir, workingDir, queryThreads, taskSlots, bytes,
        defaultQueryTimeoutMillis, maxQueryTimeoutMillis, security, inputPolicy, corsAllowedOrigins);
  }

  public ServerConfig withQueryTimeouts(long defaultMillis, long maxMillis) {
    return new ServerConfig(host, port, dataDir, workingDir, queryThreads, taskSlots, maxRequestBytes,
        defaultMillis, maxMillis, security, inputPolicy, corsAllowedOrigins);
  }

  public ServerConfig withSecurity(SecurityConfig s) {
    return new ServerConfig(host, port, dataDir, workingDir, queryThreads, taskSlots, maxRequestBytes,
        defaultQueryTimeoutMillis, maxQueryTimeoutMillis, s, inputPolicy, corsAllowedOrigins);
  }

  public ServerConfig withInputPolicy(InputSourcePolicy p) {
    return new ServerConfig(host, port, dataDir, workingDir, queryThreads, taskSlots, maxRequestBytes,
        defaultQueryTimeoutMillis, maxQueryTimeoutMillis, security, p, corsAllowedOrigins);
  }

  public ServerConfig withCorsAllowedOrigins(List<String> origins) {
    return new ServerConfig(host, port, dataDir, workingDir, queryThreads, taskSlots, maxRequestBytes,
        defaultQueryTimeoutMillis, maxQueryTimeoutMillis, security, inputPolicy, origins);
  }

  /**
   * This config with the settings found in {@code props} (a runtime.properties file, system properties). Unknown
   * {@code strata.*} keys are refused, so a typo does not silently leave a setting at its default.
   *
   * @throws IllegalArgumentException naming the property if a value cannot be used
   */
  public ServerConfig withProperties(Properties props, Map<String, String> env) {
    ServerConfig c = this;
    for (String key : props.stringPropertyNames()) {
      if (key.startsWith("strata.") && !KNOWN_STRATA_KEYS.contains(key)) {
        throw new IllegalArgumentException("unknown setting [" + key + "]; known: " + KNOWN_STRATA_KEYS);
      }
    }
    long defaultTimeout = longValue(props, "druid.server.http.defaultQueryTimeout", c.defaultQueryTimeoutMillis);
    long maxTimeout = longValue(props, "druid.server.http.maxQueryTimeout", c.maxQueryTimeoutMillis);
    c = c.withQueryTimeouts(defaultTimeout, maxTimeout);
    c = c.withMaxRequestBytes(longValue(props, "strata.server.http.maxRequestBytes", c.maxRequestBytes));
    c = c.withThreads((int) longValue(props, "druid.processing.numThreads", c.queryThreads),
        (int) longValue(props, "druid.worker.capacity", c.taskSlots));
    List<String> dirs = listValue(props, "strata.ingestion.local.allowedDirectories");
    List<String> protocols = listValue(props, "druid.ingestion.http.allowedProtocols");
    List<String> hosts = listValue(props, "strata.ingestion.http.allowedHosts");
    List<String> variables = listValue(props, "strata.ingestion.http.allowedPasswordVariables");
    List<Path> dirPaths = new ArrayList<>();
    (dirs == null ? List.<String>of() : dirs).forEach(d -> dirPaths.add(Path.of(d)));
    if (dirs != null || protocols != null || hosts != null || variables != null) {
      c = c.withInputPolicy(new InputSourcePolicy(dirs == null ? c.inputPolicy.allowedDirectories() : dirPaths,
          protocols == null ? c.inputPolicy.allowedProtocols() : new LinkedHashSet<>(protocols),
          hosts == null ? c.inputPolicy.allowedHosts() : new LinkedHashSet<>(hosts),
          variables == null ? c.inputPolicy.allowedPasswordVariables() : new LinkedHashSet<>(variables)));
    }
    List<String> cors = listValue(props, "strata.server.http.cors.allowedOrigins");
    if (cors != null) {
      c = c.withCorsAllowedOrigins(cors);
    }
    return c.withSecurity(c.security.withProperties(props, env));
  }

  private static final Set<String> KNOWN_STRATA_KEYS = Set.of("strata.server.http.maxRequestBytes",
      "strata.ingestion.local.allowedDirectories", "strata.ingestion.http.allowedHosts",
      "strata.ingestion.http.allowedPasswordVariables",
      "strata.server.http.cors.allowedOrigins", "strata.auth.enabled", "strata.auth.authenticatorName",
      "strata.auth.authorizerName");

  static long longValue(Properties props, String key, long dflt) {
    String v = props.getProperty(key);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      long n = Long.parseLong(v.trim());
      if (n <= 0) {
        throw new IllegalArgumentException("setting [" + key + "] must be positive, got [" + v + "]");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("setting [" + key + "] must be a whole number, got [" + v + "]");
    }
  }

  /** A list setting: a JSON array ({@code ["a","b"]}, Druid's form) or comma-separated text; null if absent. */
  public static List<String> listValue(Properties props, String key) {
    String v = props.getProperty(key);
    if (v == null) {
      return null;
    }
    String t = v.trim();
    List<String> out = new ArrayList<>();
    if (t.startsWith("[")) {
      try {
        JsonNode n = Json.MAPPER.readTree(t);
        for (JsonNode e : n) {
          if (!e.isTextual()) {
            throw new IllegalArgumentException("setting [" + key + "] must be a list of strings, got " + v);
          }
          out.add(e.asText());
        }
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("setting [" + key + "] is not a JSON list: " + v);
      }
      return out;
    }
    for (String part : t.split(",")) {
      if (!part.isBlank()) {
        out.add(part.trim());
      }
    }
    return out;
  }
}
