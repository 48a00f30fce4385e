package io.strata.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.strata.input.InputSourcePolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What ingestion may read, as the operator allows it: local input under listed directories only (refusals reveal
 * nothing about paths outside), http input over allowed protocols and hosts only (redirects included), and the
 * {@code http} input source itself against a real HTTP server.
 */
class InputSourcePolicyTest {
  @TempDir
  Path tmp;

  private static String localSpec(String ds, String baseDir, String filter) {
    return IngestionSemanticsTest.spec(ds, "x", false, "none", false, null).replaceAll(
        "\"inputSource\":\\{[^}]*}", java.util.regex.Matcher.quoteReplacement("\"inputSource\":{\"type\":\"local\","
            + "\"baseDir\":\"" + baseDir + "\",\"filter\":\"" + filter + "\"}"));
  }

  private static String httpSpec(String ds, String inputSource) {
    return IngestionSemanticsTest.spec(ds, "x", false, "none", false, null).replaceAll(
        "\"inputSource\":\\{[^}]*}", "\"inputSource\":" + inputSource.replace("\\", "\\\\").replace("$", "\\$"));
  }

  @Test
  void localInputIsConfinedToAllowedDirectoriesWithoutRevealingWhatIsOutside() throws Exception {
    Path allowed = Files.createDirectories(tmp.resolve("allowed"));
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(allowed.resolve("in.json"), IngestionSemanticsTest.ROWS);
    Files.writeString(outside.resolve("secret.json"), IngestionSemanticsTest.ROWS);
    Files.createSymbolicLink(allowed.resolve("link.json"), outside.resolve("secret.json"));
    try (TestServer server = new TestServer(tmp.resolve("var"), c -> c.withInputPolicy(
        new InputSourcePolicy(List.of(allowed), InputSourcePolicy.DEFAULT_PROTOCOLS, Set.of())))) {
      assertThat(server.runTask(localSpec("ok", allowed.toString(), "in.json")).get("status").asText())
          .isEqualTo("SUCCESS");
      JsonNode existing = HardeningTest.assertBadRequest(server.post("/druid/indexer/v1/task",
          localSpec("no", outside.toString(), "*.json")), "is not inside a directory this server allows");
      JsonNode missing = HardeningTest.assertBadRequest(server.post("/druid/indexer/v1/task",
          localSpec("no", tmp.resolve("nowhere").toString(), "*.json")), "is not inside a directory this server allows");
      assertThat(existing.get("errorMessage").asText().replace(outside.toString(), "P"))
          .isEqualTo(missing.get("errorMessage").asText().replace(tmp.resolve("nowhere").toString(), "P"));
      HardeningTest.assertBadRequest(server.post("/druid/indexer/v1/task",
          localSpec("no", allowed + "/../outside", "*.json")), "is not inside");
      // A link inside that leads outside passes the check on the text, and is refused when the task reads.
      JsonNode linked = server.runTask(localSpec("no", allowed.toString(), "link.json"));
      assertThat(linked.get("status").asText()).isEqualTo("FAILED");
      assertThat(linked.get("errorMsg").asText()).contains("is not inside a directory this server allows")
          .doesNotContain("secret");
      assertThat(server.get("/druid/v2/datasources").json().toString()).isEqualTo("[\"ok\"]");
      // Through a linked directory inside: whether the file outside exists or not, the answer is the same.
      Files.createSymbolicLink(allowed.resolve("dirlink"), outside);
      for (String file : List.of("secret.json", "missing.json")) {
        String spec = localSpec("no", allowed.toString(), "x").replaceAll("\"inputSource\":\\{[^}]*}",
            "\"inputSource\":{\"type\":\"local\",\"files\":[\"" + allowed.resolve("dirlink").resolve(file) + "\"]}");
        HardeningTest.assertBadRequest(server.post("/druid/indexer/v1/task", spec),
            "is not inside a directory this server allows");
      }
      String nul = localSpec("no", allowed + "/a\\u0000b", "*.json");
      HardeningTest.assertBadRequest(server.post("/druid/indexer/v1/task", nul), "not a valid path");
    }
  }

  @Test
  void httpInputReadsFromARealServerWithBasicAuthAndHidesThePassword() throws Exception {
    HttpServer web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    String expectedAuth = "Basic " + Base64.getEncoder().encodeToString("reader:s3cret".getBytes(StandardCharsets.UTF_8));
    web.createContext("/data.json", ex -> {
      byte[] body = IngestionSemanticsTest.ROWS.getBytes(StandardCharsets.UTF_8);
      if (!expectedAuth.equals(ex.getRequestHeaders().getFirst("Authorization"))
          || !"yes".equals(ex.getRequestHeaders().getFirst("X-Test"))) {
        ex.sendResponseHeaders(401, -1);
        ex.close();
        return;
      }
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    web.createContext("/away", ex -> {
      ex.getResponseHeaders().add("Location", "http://localhost:" + web.getAddress().getPort() + "/data.json");
      ex.sendResponseHeaders(302, -1);
      ex.close();
    });
    web.start();
    String base = "http://127.0.0.1:" + web.getAddress().getPort();
    try (TestServer server = new TestServer(tmp.resolve("var"), c -> c.withInputPolicy(
        new InputSourcePolicy(List.of(), InputSourcePolicy.DEFAULT_PROTOCOLS, Set.of("127.0.0.1"))))) {
      String source = "{\"type\":\"http\",\"uris\":[\"" + base + "/data.json\"],\"httpAuthenticationUsername\":"
          + "\"reader\",\"httpAuthenticationPassword\":{\"type\":\"default\",\"password\":\"s3cret\"},"
          + "\"requestHeaders\":{\"X-Test\":\"yes\"}}";
      JsonNode status = server.runTask(httpSpec("web", source));
      assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("SUCCESS");
      JsonNode ts = server.query("""
          {"queryType":"timeseries","dataSource":"web","granularity":"all","intervals":["2020/2021"],
           "aggregations":[{"type":"longSum","name":"rows","fieldName":"count"}]}""");
      assertThat(ts.get(0).get("result").get("rows").asLong()).isEqualTo(5);
      String payload = server.get("/druid/indexer/v1/task/" + status.get("id").asText()).body();
      assertThat(payload).doesNotContain("s3cret").contains("<hidden>");
      // Wrong credentials: the task fails with the server's answer.
      JsonNode denied = server.runTask(httpSpec("web2", source.replace("s3cret", "wrong")));
      assertThat(denied.get("status").asText()).isEqualTo("FAILED");
      assertThat(denied.get("errorMsg").asText()).contains("answered HTTP 401");
      // Other protocols, other hosts, and redirects to other hosts are refused.
      HardeningTest.assertBadRequest(server.post("/druid/indexer/v1/task",
          httpSpec("web3", "{\"type\":\"http\",\"uris\":[\"file:///etc/passwd\"]}")), "protocols are allowed");
      HardeningTest.assertBadRequest(server.post("/druid/indexer/v1/task",
          httpSpec("web3", "{\"type\":\"http\",\"uris\":[\"http://localhost:1/x\"]}")), "is not allowed");
      JsonNode redirected = server.runTask(httpSpec("web3",
          "{\"type\":\"http\",\"uris\":[\"" + base + "/away\"]}"));
      assertThat(redirected.get("status").asText()).isEqualTo("FAILED");
      assertThat(redirected.get("errorMsg").asText()).contains("host [localhost] is not allowed");
      // A password from the server's environment only where the operator allows that variable.
      HardeningTest.assertBadRequest(server.post("/druid/indexer/v1/task", httpSpec("web4", source.replace(
          "{\"type\":\"default\",\"password\":\"s3cret\"}", "{\"type\":\"environment\",\"variable\":\"HOME\"}"))),
          "may not be used as a password");
    } finally {
      web.stop(0);
    }
  }

  /** Credentials and request headers go to the URI's own origin only, never to where it redirects. */
  @Test
  void aRedirectToAnotherOriginGetsNoCredentials() throws Exception {
    HttpServer web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    java.util.List<String> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    web.createContext("/start", ex -> {
      ex.getResponseHeaders().add("Location", "http://localhost:" + web.getAddress().getPort() + "/data.json");
      ex.sendResponseHeaders(302, -1);
      ex.close();
    });
    web.createContext("/data.json", ex -> {
      seen.add(ex.getRequestHeaders().getFirst("Host") + " auth=" + ex.getRequestHeaders().getFirst("Authorization")
          + " x=" + ex.getRequestHeaders().getFirst("X-Secret"));
      byte[] body = IngestionSemanticsTest.ROWS.getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    web.start();
    try (TestServer server = new TestServer(tmp.resolve("var"))) {
      String source = "{\"type\":\"http\",\"uris\":[\"http://127.0.0.1:" + web.getAddress().getPort()
          + "/start\"],\"httpAuthenticationUsername\":\"u\",\"httpAuthenticationPassword\":\"p\","
          + "\"requestHeaders\":{\"X-Secret\":\"s\"}}";
      JsonNode status = server.runTask(httpSpec("hop", source));
      assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("SUCCESS");
      assertThat(seen).hasSize(1);
      assertThat(seen.get(0)).startsWith("localhost:").endsWith("auth=null x=null");
    } finally {
      web.stop(0);
    }
  }
}
