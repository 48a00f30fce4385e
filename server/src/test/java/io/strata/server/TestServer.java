package io.strata.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** A real server on a free port over a temp data dir, with a small HTTP client for tests. */
final class TestServer implements AutoCloseable {
  /** The repository root: example specs use paths relative to it. */
  static final Path REPO_ROOT = Path.of("").toAbsolutePath().getParent();

  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final Path dataDir;
  private final java.util.function.UnaryOperator<ServerConfig> customize;
  StrataServer server;
  /** HTTP Basic credentials sent with every request ("user:password"), or null. */
  String credentials;

  TestServer(Path dataDir) throws Exception {
    this(dataDir, c -> c);
  }

  /** A server whose config (the test defaults: port 0, 2 threads, 1 MB requests) {@code customize} may change. */
  TestServer(Path dataDir, java.util.function.UnaryOperator<ServerConfig> customize) throws Exception {
    this.dataDir = dataDir;
    this.customize = customize;
    start();
  }

  void start() throws Exception {
    server = StrataServer.start(customize.apply(ServerConfig.defaults(dataDir, 0).withWorkingDir(REPO_ROOT)
        .withThreads(2, 2).withMaxRequestBytes(1024 * 1024)));
  }

  /** This server's requests, sent as {@code user} with {@code password}. */
  TestServer as(String user, String password) {
    credentials = user == null ? null : user + ":" + password;
    return this;
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofMinutes(2));
    if (credentials != null) {
      b.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
          credentials.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
    return b;
  }

  void restart() throws Exception {
    server.close();
    start();
  }

  record Reply(int status, String body, java.net.http.HttpHeaders headers) {
    Reply(int status, String body) {
      this(status, body, java.net.http.HttpHeaders.of(java.util.Map.of(), (a, b) -> true));
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    JsonNode json() {
      try {
        return Json.MAPPER.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  Reply get(String path) throws Exception {
    HttpResponse<String> r = CLIENT.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body(), r.headers());
  }

  /**
   * A GET sent as raw bytes over a socket, for paths an HTTP client library would refuse to send (malformed
   * escapes); the path goes on the request line as it is.
   */
  Reply rawGet(String path) throws Exception {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(60_000);
      StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
      if (credentials != null) {
        request.append("Authorization: Basic ").append(java.util.Base64.getEncoder().encodeToString(
            credentials.getBytes(java.nio.charset.StandardCharsets.UTF_8))).append("\r\n");
      }
      request.append("Connection: close\r\n\r\n");
      s.getOutputStream().write(request.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      String response = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      int status = Integer.parseInt(response.substring(9, 12));
      int bodyStart = response.indexOf("\r\n\r\n");
      String head = response.substring(0, bodyStart);
      String body = response.substring(bodyStart + 4);
      if (head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
        body = dechunk(body);
      }
      return new Reply(status, body);
    }
  }

  private static String dechunk(String chunked) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < chunked.length()) {
      int eol = chunked.indexOf("\r\n", i);
      int size = Integer.parseInt(chunked.substring(i, eol).trim(), 16);
      if (size == 0) {
        break;
      }
      out.append(chunked, eol + 2, eol + 2 + size);
      i = eol + 2 + size + 2;
    }
    return out.toString();
  }

  Reply delete(String path) throws Exception {
    HttpResponse<String> r = CLIENT.send(request(path).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body(), r.headers());
  }

  Reply post(String path, String body) throws Exception {
    return post(path, body, "application/json");
  }

  /** A JSON POST with extra headers (name, value, name, value, ...). */
  Reply postWithHeaders(String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b = request(path).POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body(), r.headers());
  }

  /** A POST with the given Content-Type (null: none). */
  Reply post(String path, String body, String contentType) throws Exception {
    HttpRequest.Builder b = request(path).POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body(), r.headers());
  }

  JsonNode query(String json) throws Exception {
    Reply r = post("/druid/v2/", json);
    if (r.status() != 200) {
      throw new AssertionError("query failed with HTTP " + r.status() + ": " + r.body());
    }
    return r.json();
  }

  /** Submits a task without waiting for it; returns its id, or fails with the refusal. */
  String submitTask(String spec) throws Exception {
    Reply r = post("/druid/indexer/v1/task", spec);
    if (r.status() != 200) {
      throw new AssertionError("task refused with HTTP " + r.status() + ": " + r.body());
    }
    return r.json().get("task").asText();
  }

  /** Submits a task and waits for it to finish; returns its final status object. */
  JsonNode runTask(String spec) throws Exception {
    Reply r = post("/druid/indexer/v1/task", spec);
    if (r.status() != 200) {
      throw new AssertionError("task refused with HTTP " + r.status() + ": " + r.body());
    }
    return waitFor(r.json().get("task").asText());
  }

  /** Submits a task with this server's credentials, then waits for it as {@code user}. */
  JsonNode runTaskAs(String spec, String user, String password) throws Exception {
    Reply r = post("/druid/indexer/v1/task", spec);
    if (r.status() != 200) {
      throw new AssertionError("task refused with HTTP " + r.status() + ": " + r.body());
    }
    String previous = credentials;
    as(user, password);
    try {
      return waitFor(r.json().get("task").asText());
    } finally {
      credentials = previous;
    }
  }

  JsonNode waitFor(String taskId) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode status = get("/druid/indexer/v1/task/" + taskId + "/status").json().get("status");
      if (!status.get("status").asText().equals("RUNNING")) {
        return status;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("task " + taskId + " did not finish in time");
  }

  /** The payload of the named report of a task ({@code killUnusedSegments}, ...). */
  JsonNode report(String taskId, String name) throws Exception {
    return get("/druid/indexer/v1/task/" + taskId + "/reports").json().get(name).get("payload");
  }

  JsonNode report(String taskId) throws Exception {
    return get("/druid/indexer/v1/task/" + taskId + "/reports").json().get("ingestionStatsAndErrors").get("payload");
  }

  @Override
  public void close() {
    server.close();
  }
}
