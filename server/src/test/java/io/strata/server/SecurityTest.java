package io.strata.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.server.security.SecurityConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authentication and per-datasource authorization over HTTP, as Druid's basic security behaves (recorded from a
 * real Druid 33 with druid-basic-security): users and roles through the security API, permissions checked on
 * queries, tasks and metadata endpoints, listings filtered, 401/403 in Druid's shapes.
 */
class SecurityTest {
  private static final String AUTHN = "/druid-ext/basic-security/authentication/db/MyBasicMetadataAuthenticator";
  private static final String AUTHZ = "/druid-ext/basic-security/authorization/db/MyBasicMetadataAuthorizer";

  @TempDir
  static Path tmp;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new TestServer(tmp.resolve("var"),
        c -> c.withSecurity(SecurityConfig.enabledWithAdminPassword("password1").withIterations(1000)));
    server.as("admin", "password1");
    ok(server.runTask(IngestionSemanticsTest.spec("wiki_a", IngestionSemanticsTest.ROWS, false, "none", false, null)));
    ok(server.runTask(IngestionSemanticsTest.spec("other_b", IngestionSemanticsTest.ROWS, false, "none", false, null)));
    user("alice", "alicepw", "wikiReader", "[{\"resource\":{\"name\":\"wiki.*\",\"type\":\"DATASOURCE\"},\"action\":\"READ\"}]");
    user("bob", "bobpw", "writerB", "[{\"resource\":{\"name\":\"other_b\",\"type\":\"DATASOURCE\"},\"action\":\"WRITE\"}]");
    user("noperm", "nopermpw", null, null);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static void ok(JsonNode status) {
    assertThat(status.get("status").asText()).isEqualTo("SUCCESS");
  }

  /** Creates a user in the authenticator and the authorizer, with a password and (if given) one role. */
  private static void user(String name, String password, String role, String permissions) throws Exception {
    server.as("admin", "password1");
    assertThat(server.post(AUTHN + "/users/" + name, "").status()).isEqualTo(200);
    assertThat(server.post(AUTHN + "/users/" + name + "/credentials", "{\"password\":\"" + password + "\"}").status())
        .isEqualTo(200);
    assertThat(server.post(AUTHZ + "/users/" + name, "").status()).isEqualTo(200);
    if (role != null) {
      assertThat(server.post(AUTHZ + "/roles/" + role, "").status()).isEqualTo(200);
      assertThat(server.post(AUTHZ + "/roles/" + role + "/permissions", permissions).status()).isEqualTo(200);
      assertThat(server.post(AUTHZ + "/users/" + name + "/roles/" + role, "").status()).isEqualTo(200);
    }
  }

  private static String timeBoundary(String ds) {
    return "{\"queryType\":\"timeBoundary\",\"dataSource\":\"" + ds + "\"}";
  }

  private static void assertForbidden(TestServer.Reply r) {
    assertThat(r.status()).as(r.body()).isEqualTo(403);
    assertThat(r.json().get("Access-Check-Result").asText()).isEqualTo("Unauthorized");
    HardeningTest.assertCleanError(r);
  }

  @Test
  void requestsWithoutValidCredentialsAre401() throws Exception {
    server.as(null, null);
    TestServer.Reply none = server.post("/druid/v2", timeBoundary("wiki_a"));
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.header("WWW-Authenticate")).isEqualTo("Basic");
    assertThat(none.json().get("error").asText()).isEqualTo("Unauthorized request");
    HardeningTest.assertCleanError(none);
    assertThat(server.get("/druid/indexer/v1/tasks").status()).isEqualTo(401);
    assertThat(server.get("/druid/no/such/path").status()).isEqualTo(401);
    assertThat(server.as("admin", "wrong").post("/druid/v2", timeBoundary("wiki_a")).status()).isEqualTo(401);
    assertThat(server.as("ghost", "whatever").get("/druid/v2/datasources").status()).isEqualTo(401);
    // Druid leaves the health check open.
    server.as(null, null);
    assertThat(server.get("/status/health").status()).isEqualTo(200);
    assertThat(server.get("/status").status()).isEqualTo(401);
  }

  @Test
  void readPermissionOnOneDatasourceShowsAndQueriesOnlyThatOne() throws Exception {
    server.as("alice", "alicepw");
    assertThat(server.get("/druid/v2/datasources").json().toString()).isEqualTo("[\"wiki_a\"]");
    assertThat(server.get("/druid/coordinator/v1/datasources").json().toString()).isEqualTo("[\"wiki_a\"]");
    assertThat(server.get("/druid/coordinator/v1/datasources?simple").json()).hasSize(1);
    assertThat(server.get("/druid/coordinator/v1/metadata/datasources").json().toString()).isEqualTo("[\"wiki_a\"]");
    // As Druid: the load status is cluster state (STATE READ), which alice lacks.
    assertForbidden(server.get("/druid/coordinator/v1/loadstatus"));
    assertThat(server.post("/druid/v2", timeBoundary("wiki_a")).json()).hasSize(1);
    assertForbidden(server.post("/druid/v2", timeBoundary("other_b")));
    assertForbidden(server.post("/druid/v2", timeBoundary("zzz")));
    assertThat(server.post("/druid/v2", timeBoundary("wiki_zzz")).json()).isEmpty();
    assertForbidden(server.get("/druid/v2/datasources/other_b"));
    assertForbidden(server.get("/druid/coordinator/v1/datasources/other_b"));
    assertForbidden(server.get("/druid/coordinator/v1/metadata/datasources/other_b/segments"));
    assertForbidden(server.delete("/druid/coordinator/v1/datasources/wiki_a"));
    // Tasks: listed and readable for wiki_a only; submitting needs WRITE.
    List<String> dataSources = new java.util.ArrayList<>();
    server.get("/druid/indexer/v1/tasks").json().forEach(t -> dataSources.add(t.get("dataSource").asText()));
    assertThat(dataSources).containsOnly("wiki_a");
    String otherTask = taskOf("other_b");
    server.as("alice", "alicepw");
    assertForbidden(server.get("/druid/indexer/v1/task/" + otherTask + "/status"));
    assertForbidden(server.get("/druid/indexer/v1/task/" + otherTask + "/reports"));
    assertForbidden(server.get("/druid/indexer/v1/task/" + otherTask));
    assertForbidden(server.post("/druid/indexer/v1/task/" + otherTask + "/shutdown", ""));
    assertForbidden(server.post("/druid/indexer/v1/task",
        IngestionSemanticsTest.spec("wiki_a", IngestionSemanticsTest.ROWS, false, "none", true, null)));
    assertForbidden(server.get("/status"));
    assertForbidden(server.get(AUTHN + "/users"));
  }

  private static String taskOf(String ds) throws Exception {
    server.as("admin", "password1");
    return server.get("/druid/indexer/v1/tasks?datasource=" + ds).json().get(0).get("id").asText();
  }

  @Test
  void aWebPageCannotMakeTheBrowserChangeStateWithAFormPost() throws Exception {
    server.as("admin", "password1");
    for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
      TestServer.Reply r = server.post(AUTHZ + "/users/alice/roles/admin", "", type);
      assertThat(r.status()).as(type).isEqualTo(415);
      assertThat(server.post(AUTHN + "/users/mallory", "x=1", type).status()).isEqualTo(415);
    }
    assertThat(server.get(AUTHZ + "/users/alice").json().get("roles").toString()).isEqualTo("[\"wikiReader\"]");
    assertThat(server.get(AUTHN + "/users").json().toString()).doesNotContain("mallory");
  }

  @Test
  void adminSeesTheLoadStatusOfEveryDatasource() throws Exception {
    assertThat(server.as("admin", "password1").get("/druid/coordinator/v1/loadstatus").json().toString())
        .contains("\"wiki_a\":100.0").contains("\"other_b\":100.0");
  }

  @Test
  void writePermissionAllowsTasksButNotReads() throws Exception {
    server.as("bob", "bobpw");
    JsonNode status = server.runTaskAs(IngestionSemanticsTest.spec("other_b", IngestionSemanticsTest.ROWS, false,
        "none", true, null), "admin", "password1");
    assertThat(status.get("status").asText()).isEqualTo("SUCCESS");
    server.as("bob", "bobpw");
    assertThat(server.get("/druid/indexer/v1/tasks").json()).isEmpty();
    assertForbidden(server.post("/druid/v2", timeBoundary("other_b")));
    assertForbidden(server.post("/druid/indexer/v1/task",
        IngestionSemanticsTest.spec("wiki_a", IngestionSemanticsTest.ROWS, false, "none", true, null)));
    server.as("noperm", "nopermpw");
    assertThat(server.get("/druid/v2/datasources").json()).isEmpty();
    assertThat(server.get("/druid/indexer/v1/tasks").json()).isEmpty();
    assertForbidden(server.post("/druid/v2", timeBoundary("wiki_a")));
  }

  @Test
  void theSecurityApiNeedsConfigPermissionsAndAnswersAsDruid() throws Exception {
    server.as("admin", "password1");
    assertThat(server.get(AUTHN + "/users").json().toString()).contains("\"admin\"").contains("\"alice\"");
    JsonNode alice = server.get(AUTHN + "/users/alice").json();
    assertThat(alice.get("credentials").get("iterations").asInt()).isEqualTo(1000);
    assertThat(alice.get("credentials").get("hash").asText()).isNotEmpty();
    TestServer.Reply dup = server.post(AUTHN + "/users/alice", "");
    assertThat(dup.status()).isEqualTo(400);
    assertThat(dup.json().get("error").asText()).isEqualTo("User [alice] already exists.");
    assertThat(server.get(AUTHN + "/users/nobody").json().get("error").asText())
        .isEqualTo("User [nobody] does not exist.");
    assertThat(server.get("/druid-ext/basic-security/authentication/db/NoSuch/users").json().get("error").asText())
        .isEqualTo("Basic authenticator with name [NoSuch] does not exist.");
    assertThat(server.get(AUTHZ + "/users/alice").json().toString())
        .isEqualTo("{\"name\":\"alice\",\"roles\":[\"wikiReader\"]}");
    assertThat(server.get(AUTHZ + "/users/alice?full").json().toString()).isEqualTo("{\"name\":\"alice\",\"roles\":"
        + "[{\"name\":\"wikiReader\",\"permissions\":[{\"resourceAction\":{\"resource\":{\"name\":\"wiki.*\","
        + "\"type\":\"DATASOURCE\"},\"action\":\"READ\"},\"resourceNamePattern\":\"wiki.*\"}]}]}");
    assertThat(server.get(AUTHZ + "/roles/wikiReader?full&simplifyPermissions").json().toString())
        .isEqualTo("{\"name\":\"wikiReader\",\"users\":[\"alice\"],\"permissions\":[{\"resource\":{\"name\":\"wiki.*\","
            + "\"type\":\"DATASOURCE\"},\"action\":\"READ\"}]}");
    JsonNode adminRole = server.get(AUTHZ + "/roles/admin?simplifyPermissions").json();
    assertThat(adminRole.get("permissions")).hasSize(14);
    assertThat(server.post(AUTHZ + "/roles/wikiReader/permissions",
        "[{\"resource\":{\"name\":\"wiki[\",\"type\":\"DATASOURCE\"},\"action\":\"READ\"}]").json().get("error")
        .asText()).isEqualTo("Invalid permission, resource name regex[wiki[] does not compile.");
    assertThat(server.post(AUTHZ + "/users/alice/roles/wikiReader", "").json().get("error").asText())
        .isEqualTo("User [alice] already has role [wikiReader].");
    // A reader of the security config may list, not change.
    user("auditor", "auditorpw", "secReader",
        "[{\"resource\":{\"name\":\"security\",\"type\":\"CONFIG\"},\"action\":\"READ\"},"
            + "{\"resource\":{\"name\":\"STATE\",\"type\":\"STATE\"},\"action\":\"READ\"}]");
    server.as("auditor", "auditorpw");
    assertThat(server.get(AUTHZ + "/roles").status()).isEqualTo(200);
    assertThat(server.get("/status").status()).isEqualTo(200);
    assertForbidden(server.post(AUTHN + "/users/mallory", ""));
  }

  @Test
  void passwordChangesAndRoleRemovalsTakeEffectAtOnceAndUsersSurviveARestart() throws Exception {
    user("carol", "carolpw", "carolRole",
        "[{\"resource\":{\"name\":\"wiki_a\",\"type\":\"DATASOURCE\"},\"action\":\"READ\"}]");
    assertThat(server.as("carol", "carolpw").post("/druid/v2", timeBoundary("wiki_a")).status()).isEqualTo(200);
    server.as("admin", "password1");
    assertThat(server.post(AUTHN + "/users/carol/credentials", "{\"password\":\"newpw\"}").status()).isEqualTo(200);
    assertThat(server.as("carol", "carolpw").post("/druid/v2", timeBoundary("wiki_a")).status()).isEqualTo(401);
    assertThat(server.as("carol", "newpw").post("/druid/v2", timeBoundary("wiki_a")).status()).isEqualTo(200);
    server.restart();
    assertThat(server.as("carol", "newpw").post("/druid/v2", timeBoundary("wiki_a")).status()).isEqualTo(200);
    server.as("admin", "password1");
    assertThat(server.delete(AUTHZ + "/users/carol/roles/carolRole").status()).isEqualTo(200);
    assertForbidden(server.as("carol", "newpw").post("/druid/v2", timeBoundary("wiki_a")));
  }

  @Test
  void inputSourceSecurityNeedsExternalReadPerInputSourceType(@TempDir Path dir) throws Exception {
    try (TestServer secured = new TestServer(dir.resolve("var"), c -> c.withSecurity(SecurityConfig
        .enabledWithAdminPassword("pw").withIterations(1000).withInputSourceSecurity(true)))) {
      secured.as("admin", "pw");
      String authn = AUTHN;
      String authz = AUTHZ;
      assertThat(secured.post(authn + "/users/bob", "").status()).isEqualTo(200);
      assertThat(secured.post(authn + "/users/bob/credentials", "{\"password\":\"bobpw\"}").status()).isEqualTo(200);
      assertThat(secured.post(authz + "/users/bob", "").status()).isEqualTo(200);
      assertThat(secured.post(authz + "/roles/w", "").status()).isEqualTo(200);
      assertThat(secured.post(authz + "/roles/w/permissions",
          "[{\"resource\":{\"name\":\"b\",\"type\":\"DATASOURCE\"},\"action\":\"WRITE\"}]").status()).isEqualTo(200);
      assertThat(secured.post(authz + "/users/bob/roles/w", "").status()).isEqualTo(200);
      String spec = IngestionSemanticsTest.spec("b", IngestionSemanticsTest.ROWS, false, "none", false, null);
      assertForbidden(secured.as("bob", "bobpw").post("/druid/indexer/v1/task", spec));
      secured.as("admin", "pw");
      assertThat(secured.post(authz + "/roles/w/permissions",
          "[{\"resource\":{\"name\":\"b\",\"type\":\"DATASOURCE\"},\"action\":\"WRITE\"},"
              + "{\"resource\":{\"name\":\"inline\",\"type\":\"EXTERNAL\"},\"action\":\"WRITE\"}]").status())
          .isEqualTo(200);
      assertForbidden(secured.as("bob", "bobpw").post("/druid/indexer/v1/task", spec));
      secured.as("admin", "pw");
      assertThat(secured.post(authz + "/roles/w/permissions",
          "[{\"resource\":{\"name\":\"b\",\"type\":\"DATASOURCE\"},\"action\":\"WRITE\"},"
              + "{\"resource\":{\"name\":\"inline\",\"type\":\"EXTERNAL\"},\"action\":\"READ\"}]").status())
          .isEqualTo(200);
      assertThat(secured.as("bob", "bobpw").post("/druid/indexer/v1/task", spec).status()).isEqualTo(200);
    }
  }
}
