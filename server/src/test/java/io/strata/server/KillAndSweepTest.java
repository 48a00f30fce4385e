package io.strata.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Druid's {@code kill} task deletes unused segments (metadata and deep storage) and nothing else; marking unused and
 * killing stay two steps; a server start sweeps deep storage of directories no segment record refers to.
 */
class KillAndSweepTest {
  @TempDir
  Path tmp;

  private static List<Path> partitionDirs(Path deepStorage, String ds) throws Exception {
    Path root = deepStorage.resolve(ds);
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(root, 3)) {
      return walk.filter(p -> root.relativize(p).getNameCount() == 3).sorted().toList();
    }
  }

  private static long rows(TestServer server, String ds) throws Exception {
    JsonNode ts = server.query("""
        {"queryType":"timeseries","dataSource":"%s","granularity":"all","intervals":["2000/2100"],
         "aggregations":[{"type":"longSum","name":"rows","fieldName":"count"}]}""".formatted(ds));
    return ts.isEmpty() ? 0 : ts.get(0).get("result").get("rows").asLong();
  }

  @Test
  void killDeletesOnlyUnusedSegmentsAndMarkUnusedDeletesNothing() throws Exception {
    try (TestServer server = new TestServer(tmp.resolve("var"))) {
      Path deep = server.dataDir.resolve("deep-storage");
      String spec = IngestionSemanticsTest.spec("k", IngestionSemanticsTest.ROWS, false, "none", false, null);
      assertThat(server.runTask(spec).get("status").asText()).isEqualTo("SUCCESS");
      List<Path> first = partitionDirs(deep, "k");
      assertThat(first).hasSize(2);
      // Replacing the same chunks: the old version is unused but its files stay until killed.
      assertThat(server.runTask(spec).get("status").asText()).isEqualTo("SUCCESS");
      List<Path> both = partitionDirs(deep, "k");
      assertThat(both).hasSize(4).containsAll(first);

      JsonNode kill = server.runTask("{\"type\":\"kill\",\"dataSource\":\"k\",\"interval\":\"2000/2100\"}");
      assertThat(kill.get("status").asText()).isEqualTo("SUCCESS");
      assertThat(kill.get("id").asText()).startsWith("kill_k_").contains("_2000-01-01T00:00:00.000Z_2100-01-01T00:00:00.000Z_");
      JsonNode report = server.get("/druid/indexer/v1/task/" + kill.get("id").asText() + "/reports").json()
          .get("killUnusedSegments");
      assertThat(report.get("type").asText()).isEqualTo("killUnusedSegments");
      assertThat(report.get("payload").toString()).isEqualTo("{\"numSegmentsKilled\":2,\"numBatchesProcessed\":2}");
      List<Path> after = partitionDirs(deep, "k");
      assertThat(after).hasSize(2).doesNotContainAnyElementsOf(first);
      assertThat(rows(server, "k")).isEqualTo(5);

      // Marking unused hides the data but deletes nothing.
      JsonNode marked = server.delete("/druid/coordinator/v1/datasources/k").json();
      assertThat(marked.get("numChangedSegments").asInt()).isEqualTo(2);
      assertThat(marked.get("segmentStateChanged").asBoolean()).isTrue();
      assertThat(rows(server, "k")).isZero();
      assertThat(partitionDirs(deep, "k")).isEqualTo(after);
      assertThat(server.get("/druid/coordinator/v1/metadata/datasources/k/segments").status()).isEqualTo(404);

      // A kill limited to other versions, or to a later interval, deletes nothing.
      JsonNode none = server.runTask("{\"type\":\"kill\",\"dataSource\":\"k\",\"interval\":\"2000/2100\","
          + "\"versions\":[\"nope\"]}");
      assertThat(server.report(none.get("id").asText(), "killUnusedSegments").toString())
          .isEqualTo("{\"numSegmentsKilled\":0,\"numBatchesProcessed\":1}");
      // limit and batchSize: one segment per batch, at most one.
      JsonNode one = server.runTask("{\"type\":\"kill\",\"dataSource\":\"k\",\"interval\":\"2000/2100\",\"limit\":1,"
          + "\"batchSize\":1}");
      assertThat(server.report(one.get("id").asText(), "killUnusedSegments").toString())
          .isEqualTo("{\"numSegmentsKilled\":1,\"numBatchesProcessed\":1}");
      assertThat(partitionDirs(deep, "k")).hasSize(1);

      // The coordinator's kill endpoint issues a kill task for the interval (written with '_').
      TestServer.Reply issued = server.delete("/druid/coordinator/v1/datasources/k/intervals/2000-01-01_2100-01-01");
      assertThat(issued.status()).isEqualTo(200);
      JsonNode apiKill = null;
      for (int i = 0; i < 500 && apiKill == null; i++) {
        for (JsonNode t : server.get("/druid/indexer/v1/tasks?state=complete").json()) {
          if (t.get("id").asText().startsWith("api-issued_kill_k_")) {
            apiKill = t;
          }
        }
        Thread.sleep(20);
      }
      assertThat(apiKill).isNotNull();
      assertThat(apiKill.get("status").asText()).isEqualTo("SUCCESS");
      assertThat(partitionDirs(deep, "k")).isEmpty();
    }
  }

  @Test
  void killRefusesWhatDruidRefuses() throws Exception {
    try (TestServer server = new TestServer(tmp.resolve("var"))) {
      for (String bad : List.of("{\"type\":\"kill\",\"dataSource\":\"k\"}",
          "{\"type\":\"kill\",\"interval\":\"2000/2100\"}",
          "{\"type\":\"kill\",\"dataSource\":\"k\",\"interval\":\"nope\"}",
          "{\"type\":\"kill\",\"dataSource\":\"k\",\"interval\":\"2000/2100\",\"limit\":0}",
          "{\"type\":\"kill\",\"dataSource\":\"k\",\"interval\":\"2000/2100\",\"batchSize\":0}",
          "{\"type\":\"kill\",\"dataSource\":\"k\",\"interval\":\"2000/2100\",\"markAsUnused\":true}")) {
        HardeningTest.assertBadRequest(server.post("/druid/indexer/v1/task", bad));
      }
    }
  }

  @Test
  void startupSweepsUnreferencedSegmentDirectoriesAndKeepsUsedAndUnusedOnes() throws Exception {
    Path var = tmp.resolve("var");
    List<Path> kept;
    Path orphan;
    try (TestServer server = new TestServer(var)) {
      String spec = IngestionSemanticsTest.spec("s", IngestionSemanticsTest.ROWS, false, "none", false, null);
      server.runTask(spec);
      server.runTask(spec); // the first version is now unused, still on disk
      kept = partitionDirs(var.resolve("deep-storage"), "s");
      assertThat(kept).hasSize(4);
      Path version = kept.get(0).getParent();
      orphan = version.getParent().resolve("2099-01-01T00:00:00.000Z").resolve("0");
      Files.createDirectories(orphan);
      Files.writeString(orphan.resolve("data.bin"), "left by a crash between push and publish");
    }
    Path otherDs = var.resolve("deep-storage/gone/2020-01-01T00:00:00.000Z_2020-01-02T00:00:00.000Z/v/0");
    Files.createDirectories(otherDs);
    Files.writeString(otherDs.resolve("x"), "x");
    try (TestServer server = new TestServer(var)) {
      assertThat(orphan).doesNotExist();
      assertThat(var.resolve("deep-storage/gone")).doesNotExist();
      List<Path> now = new ArrayList<>(partitionDirs(var.resolve("deep-storage"), "s"));
      assertThat(now).containsExactlyInAnyOrderElementsOf(kept);
      assertThat(rows(server, "s")).isEqualTo(5);
    }
  }

  @Test
  void anEmptyMetadataStoreSweepsNothing() throws Exception {
    Path var = tmp.resolve("var");
    Path segment = var.resolve("deep-storage/ds/2020-01-01T00:00:00.000Z_2020-01-02T00:00:00.000Z/v/0");
    Files.createDirectories(segment);
    Files.writeString(segment.resolve("data"), "published under another metadata store");
    try (TestServer server = new TestServer(var)) {
      assertThat(segment.resolve("data")).exists();
    }
  }

  @Test
  void theOlderDeleteWithKillTrueKillsTheIntervalInsteadOfMarkingEverythingUnused() throws Exception {
    try (TestServer server = new TestServer(tmp.resolve("var"))) {
      String spec = IngestionSemanticsTest.spec("old", IngestionSemanticsTest.ROWS, false, "none", false, null);
      server.runTask(spec);
      server.runTask(spec);
      assertThat(partitionDirs(server.dataDir.resolve("deep-storage"), "old")).hasSize(4);
      assertThat(server.delete("/druid/coordinator/v1/datasources/old?kill=true&interval=2000-01-01_2100-01-01")
          .status()).isEqualTo(200);
      for (int i = 0; i < 500 && partitionDirs(server.dataDir.resolve("deep-storage"), "old").size() > 2; i++) {
        Thread.sleep(20);
      }
      assertThat(partitionDirs(server.dataDir.resolve("deep-storage"), "old")).hasSize(2);
      assertThat(rows(server, "old")).isEqualTo(5);
      HardeningTest.assertBadRequest(server.delete("/druid/coordinator/v1/datasources/old?kill=true"), "interval");
    }
  }
}
