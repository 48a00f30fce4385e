package io.strata.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A tiny JSON-over-HTTP client for the CLI commands that talk to a running server. */
final class HttpJson {
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;

  /** Credentials for a server with security on, from {@code STRATA_USER} and {@code STRATA_PASSWORD}; or null. */
  private final String authorization;

  HttpJson(String baseUrl) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    String user = System.getenv("STRATA_USER");
    String password = System.getenv("STRATA_PASSWORD");
    this.authorization = user == null ? null : "Basic " + Base64.getEncoder().encodeToString(
        (user + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofMinutes(5));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return b;
  }

  record Reply(int status, String body) {
    JsonNode json() throws IOException {
      return Json.MAPPER.readTree(body);
    }

    /** The server's error message, or the raw body. */
    String errorMessage() {
      try {
        JsonNode n = json();
        if (n.hasNonNull("errorMessage")) {
          return n.get("errorMessage").asText();
        }
        if (n.hasNonNull("error")) {
          return n.get("error").asText();
        }
      } catch (IOException ignored) {
        // not JSON: show it as it is
      }
      return body;
    }
  }

  Reply get(String path) throws IOException, InterruptedException {
    HttpRequest r = request(path).GET().build();
    HttpResponse<String> resp = client.send(r, HttpResponse.BodyHandlers.ofString());
    return new Reply(resp.statusCode(), resp.body());
  }

  Reply post(String path, byte[] body) throws IOException, InterruptedException {
    HttpRequest r = request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    HttpResponse<String> resp = client.send(r, HttpResponse.BodyHandlers.ofString());
    return new Reply(resp.statusCode(), resp.body());
  }
}
