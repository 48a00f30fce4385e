package io.strata.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.data.SegmentId;
import io.strata.api.json.Json;
import io.strata.api.time.Interval;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetadataStoreTest {
  private static final Interval DAY1 = Interval.parse("2013-08-31/2013-09-01");
  private static final Interval DAY2 = Interval.parse("2013-09-01/2013-09-02");
  private static final Interval MONTH = Interval.parse("2013-08-01/2013-09-01");

  @TempDir
  Path dir;
  private MetadataStore store;

  @BeforeEach
  void open() {
    store = MetadataStore.open(dir);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private MetadataStore reopen() {
    store.close();
    store = MetadataStore.open(dir);
    return store;
  }

  static DataSegment seg(String ds, Interval interval, String version, int partition, int numPartitions) {
    return new DataSegment(ds, interval, version, partition, numPartitions,
        Map.of("type", "local", "path", "/deep/" + ds + "/" + version + "/" + partition), List.of("page"),
        List.of("count"), 100, 10, 9);
  }

  private static List<String> ids(List<DataSegment> segments) {
    return segments.stream().map(s -> s.id().toString()).toList();
  }

  private static String scalar(Path db, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
         Statement st = c.createStatement();
         ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void createsDatabaseWithWalAndVersionedSchema() throws Exception {
    Path db = dir.resolve(MetadataStore.FILE_NAME);
    assertThat(store.file()).isEqualTo(db.toAbsolutePath());
    assertThat(db).exists();
    assertThat(scalar(db, "PRAGMA journal_mode")).isEqualTo("wal");
    assertThat(scalar(db, "SELECT MAX(version) FROM strata_schema_version")).isEqualTo("6");
    assertThat(scalar(db, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name LIKE 'strata_%'"))
        .isEqualTo("13");
  }

  @Test
  void refusesDatabaseFromNewerVersion() throws Exception {
    store.close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(MetadataStore.FILE_NAME));
         Statement st = c.createStatement()) {
      st.execute("INSERT INTO strata_schema_version (version, applied_time) VALUES (99, 0)");
    }
    assertThatThrownBy(() -> MetadataStore.open(dir))
        .isInstanceOf(MetadataStoreException.class)
        .hasMessageContaining("schema version 99");
    store = MetadataStore.open(dir.resolve("other"));
  }

  @Test
  void publishesAndLists() {
    store.publish("wiki", List.of(seg("wiki", DAY2, "v1", 0, 1), seg("wiki", DAY1, "v1", 0, 1)), List.of());
    store.publish("koala", List.of(seg("koala", DAY1, "v1", 0, 1)), List.of());

    assertThat(ids(store.usedSegments("wiki"))).containsExactly(
        "wiki_2013-08-31T00:00:00.000Z_2013-09-01T00:00:00.000Z_v1",
        "wiki_2013-09-01T00:00:00.000Z_2013-09-02T00:00:00.000Z_v1");
    assertThat(store.usedSegments()).hasSize(3);
    assertThat(store.dataSources()).containsExactly("koala", "wiki");
    assertThat(store.usedSegments("wiki").get(0)).isEqualTo(seg("wiki", DAY1, "v1", 0, 1));
  }

  @Test
  void replaceMarksLowerVersionsWithinIntervalsUnused() {
    store.publish("wiki", List.of(seg("wiki", DAY1, "v1", 0, 2), seg("wiki", DAY1, "v1", 1, 2),
        seg("wiki", DAY2, "v1", 0, 1), seg("wiki", MONTH, "v0", 0, 1)), List.of());
    store.publish("koala", List.of(seg("koala", DAY1, "v1", 0, 1)), List.of());

    int replaced = store.publish("wiki", List.of(seg("wiki", DAY1, "v2", 0, 1)), List.of(DAY1));

    assertThat(replaced).isEqualTo(2);
    assertThat(ids(store.usedSegments("wiki"))).containsExactlyInAnyOrder(
        seg("wiki", DAY1, "v2", 0, 1).id().toString(),
        seg("wiki", DAY2, "v1", 0, 1).id().toString(),
        seg("wiki", MONTH, "v0", 0, 1).id().toString());
    assertThat(ids(store.unusedSegments("wiki"))).containsExactlyInAnyOrder(
        seg("wiki", DAY1, "v1", 0, 2).id().toString(), seg("wiki", DAY1, "v1", 1, 2).id().toString());
    assertThat(store.usedSegments("koala")).hasSize(1);
  }

  @Test
  void replaceKeepsNewerVersions() {
    store.publish("wiki", List.of(seg("wiki", DAY1, "v3", 0, 1)), List.of());

    assertThat(store.publish("wiki", List.of(seg("wiki", DAY1, "v2", 0, 1)), List.of(DAY1))).isZero();
    assertThat(store.usedSegments("wiki")).hasSize(2);
  }

  @Test
  void replaceWithNothingDropsTheIntervals() {
    store.publish("wiki", List.of(seg("wiki", DAY1, "v1", 0, 1), seg("wiki", DAY2, "v1", 0, 1)), List.of());

    assertThat(store.publish("wiki", List.of(), List.of(DAY1))).isEqualTo(1);
    assertThat(ids(store.usedSegments("wiki"))).containsExactly(seg("wiki", DAY2, "v1", 0, 1).id().toString());
  }

  @Test
  void failedPublishChangesNothing() {
    DataSegment old = seg("wiki", DAY1, "v1", 0, 1);
    store.publish("wiki", List.of(old), List.of());
    DataSegment fresh = seg("wiki", DAY1, "v2", 0, 1);
    DataSegment otherFresh = seg("wiki", DAY2, "v2", 0, 1);

    // The replace step runs first and succeeds; the duplicate id then violates the primary key mid-transaction.
    assertThatThrownBy(() -> store.publish("wiki", List.of(fresh, otherFresh, fresh), List.of(DAY1, DAY2)))
        .isInstanceOf(MetadataStoreException.class)
        .hasMessageContaining("nothing was changed");

    assertThat(store.usedSegments("wiki")).containsExactly(old);
    assertThat(store.unusedSegments("wiki")).isEmpty();
    assertThat(reopen().usedSegments("wiki")).containsExactly(old);
  }

  @Test
  void publishingAnExistingIdFailsAtomically() {
    DataSegment existing = seg("wiki", DAY1, "v1", 0, 1);
    store.publish("wiki", List.of(existing), List.of());

    assertThatThrownBy(() -> store.publish("wiki", List.of(seg("wiki", DAY2, "v1", 0, 1), existing), List.of()))
        .isInstanceOf(MetadataStoreException.class);
    assertThat(store.usedSegments("wiki")).containsExactly(existing);
  }

  @Test
  void rejectsSegmentsOfAnotherDataSource() {
    assertThatThrownBy(() -> store.publish("wiki", List.of(seg("koala", DAY1, "v1", 0, 1)), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void stateSurvivesReopen() {
    store.publish("wiki", List.of(seg("wiki", DAY1, "v1", 0, 1), seg("wiki", DAY2, "v1", 0, 1)), List.of());
    store.publish("wiki", List.of(seg("wiki", DAY1, "v2", 0, 1)), List.of(DAY1));
    store.insertTask(new TaskRecord("t1", "index_parallel", "wiki", 1000, "{\"status\":\"SUCCESS\"}", "{}",
        "{\"r\":1}", false));
    List<DataSegment> used = store.usedSegments();
    List<DataSegment> unused = store.unusedSegments("wiki");

    reopen();

    assertThat(store.usedSegments()).isEqualTo(used);
    assertThat(store.unusedSegments("wiki")).isEqualTo(unused);
    assertThat(store.task("t1")).hasValueSatisfying(t -> assertThat(t.reportJson()).isEqualTo("{\"r\":1}"));
  }

  @Test
  void marksUnusedByDataSourceAndInterval() {
    store.publish("wiki", List.of(seg("wiki", DAY1, "v1", 0, 1), seg("wiki", DAY2, "v1", 0, 1),
        seg("wiki", MONTH, "v1", 0, 1)), List.of());
    store.publish("koala", List.of(seg("koala", DAY1, "v1", 0, 1)), List.of());

    assertThat(store.markUnused("wiki", Interval.parse("2013-08-31/2013-09-02"))).isEqualTo(2);
    assertThat(ids(store.usedSegments("wiki"))).containsExactly(seg("wiki", MONTH, "v1", 0, 1).id().toString());
    assertThat(store.markUnused("wiki")).isEqualTo(1);
    assertThat(store.dataSources()).containsExactly("koala");
  }

  @Test
  void deletesOnlyUnusedSegments() {
    DataSegment a = seg("wiki", DAY1, "v1", 0, 1);
    DataSegment b = seg("wiki", DAY2, "v1", 0, 1);
    store.publish("wiki", List.of(a, b), List.of());
    store.markUnused("wiki", DAY1);

    assertThat(store.deleteUnusedSegments(List.of(a.id(), b.id()))).isEqualTo(1);
    assertThat(store.unusedSegments("wiki")).isEmpty();
    assertThat(store.usedSegments("wiki")).containsExactly(b);
  }

  @Test
  void allocateAppendJoinsTheExistingVersion() {
    assertThat(store.allocateAppend("wiki", DAY1)).isEmpty();
    store.publish("wiki", List.of(seg("wiki", DAY1, "v1", 0, 1)), List.of());

    MetadataStore.ChunkAllocation first = store.allocateAppend("wiki", DAY1).orElseThrow();
    assertThat(first.version()).isEqualTo("v1");
    assertThat(first.interval()).isEqualTo(DAY1);
    assertThat(first.nextPartition()).isEqualTo(1);
    assertThat(first.corePartitions()).isEqualTo(1);
    assertThat(first.segmentId(0)).isEqualTo(new SegmentId("wiki", DAY1, "v1", 1));

    // A second appender gets the next number even before the first one publishes.
    assertThat(store.allocateAppend("wiki", DAY1).orElseThrow().nextPartition()).isEqualTo(2);
    store.publish("wiki", List.of(seg("wiki", DAY1, "v1", 1, 1)), List.of());
    MetadataStore.ChunkAllocation three = store.allocateAppend("wiki", DAY1, 3, null).orElseThrow();
    assertThat(three.nextPartition()).isEqualTo(3);
    assertThat(three.segmentId(2).partitionNum()).isEqualTo(5);
    assertThat(reopen().allocateAppend("wiki", DAY1).orElseThrow().nextPartition()).isEqualTo(6);
  }

  @Test
  void allocateAppendFollowsTheNewestVersion() {
    store.publish("wiki", List.of(seg("wiki", DAY1, "v1", 0, 1), seg("wiki", DAY1, "v1", 1, 1)), List.of());
    store.publish("wiki", List.of(seg("wiki", DAY1, "v2", 0, 3)), List.of());

    MetadataStore.ChunkAllocation a = store.allocateAppend("wiki", DAY1).orElseThrow();
    assertThat(a.version()).isEqualTo("v2");
    assertThat(a.nextPartition()).isEqualTo(1);
    assertThat(a.corePartitions()).isEqualTo(3);
  }

  @Test
  void allocateAppendRefusesMismatchedGranularity() {
    store.publish("wiki", List.of(seg("wiki", MONTH, "v1", 0, 1)), List.of());

    assertThatThrownBy(() -> store.allocateAppend("wiki", DAY1))
        .isInstanceOf(MetadataStoreException.class)
        .hasMessageContaining("segmentGranularity");
    // Nothing was reserved by the failed call.
    assertThat(store.allocateAppend("wiki", MONTH).orElseThrow().nextPartition()).isEqualTo(1);
  }

  @Test
  void allocateAppendOnEmptyChunkReservesTheNewVersionForLaterAppenders() {
    MetadataStore.ChunkAllocation first = store.allocateAppend("wiki", DAY1, 2, "vA").orElseThrow();
    MetadataStore.ChunkAllocation second = store.allocateAppend("wiki", DAY1, 1, "vB").orElseThrow();
    Optional<MetadataStore.ChunkAllocation> third = store.allocateAppend("wiki", DAY1);

    assertThat(first.version()).isEqualTo("vA");
    assertThat(first.nextPartition()).isZero();
    assertThat(first.corePartitions()).isZero();
    assertThat(second.version()).isEqualTo("vA");
    assertThat(second.nextPartition()).isEqualTo(2);
    assertThat(third).hasValueSatisfying(a -> assertThat(a.nextPartition()).isEqualTo(3));
  }

  @Test
  void allocateAppendAfterDropStartsOver() {
    store.publish("wiki", List.of(seg("wiki", DAY1, "v1", 0, 1)), List.of());
    store.markUnused("wiki");

    assertThat(store.allocateAppend("wiki", DAY1)).isEmpty();
  }

  @Test
  void concurrentAppendersGetDisjointPartitions() throws Exception {
    store.publish("wiki", List.of(seg("wiki", DAY1, "v1", 0, 1)), List.of());
    int threads = 4;
    int perThread = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<List<Integer>>> work = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        work.add(() -> {
          List<Integer> got = new ArrayList<>();
          for (int i = 0; i < perThread; i++) {
            got.add(store.allocateAppend("wiki", DAY1).orElseThrow().nextPartition());
          }
          return got;
        });
      }
      List<Integer> all = new ArrayList<>();
      for (Future<List<Integer>> f : pool.invokeAll(work)) {
        all.addAll(f.get());
      }
      assertThat(all).containsExactlyInAnyOrderElementsOf(
          IntStream.rangeClosed(1, threads * perThread).boxed().toList());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void storesTasks() {
    store.insertTask(new TaskRecord("t1", "index_parallel", "wiki", 1000, "{\"status\":\"RUNNING\"}", "{\"a\":1}",
        null, true));
    store.insertTask(new TaskRecord("t2", "index_parallel", "wiki", 2000, "{\"status\":\"RUNNING\"}", "{}", null,
        true));

    assertThat(store.updateTaskStatus("t1", "{\"status\":\"SUCCESS\"}", false)).isTrue();
    assertThat(store.saveTaskReport("t1", "{\"ingestionStatsAndErrors\":{}}")).isTrue();
    assertThat(store.updateTaskStatus("nope", "{}", false)).isFalse();
    assertThat(store.saveTaskReport("nope", "{}")).isFalse();

    TaskRecord t1 = store.task("t1").orElseThrow();
    assertThat(t1).isEqualTo(new TaskRecord("t1", "index_parallel", "wiki", 1000, "{\"status\":\"SUCCESS\"}",
        "{\"a\":1}", "{\"ingestionStatsAndErrors\":{}}", false));
    assertThat(store.task("nope")).isEmpty();
    assertThat(store.tasks()).extracting(TaskRecord::id).containsExactly("t2", "t1");
    assertThat(store.activeTasks()).extracting(TaskRecord::id).containsExactly("t2");
    assertThatThrownBy(() -> store.insertTask(t1)).isInstanceOf(MetadataStoreException.class)
        .hasMessageContaining("already exists");
  }

  @Test
  void failsDanglingTasksAfterRestart() throws Exception {
    String running = "{\"id\":\"t1\",\"groupId\":\"t1\",\"type\":\"index_parallel\",\"createdTime\":"
        + "\"2013-08-31T00:00:00.000Z\",\"statusCode\":\"RUNNING\",\"status\":\"RUNNING\",\"runnerStatusCode\":"
        + "\"RUNNING\",\"duration\":-1,\"dataSource\":\"wiki\",\"errorMsg\":null}";
    store.insertTask(new TaskRecord("t1", "index_parallel", "wiki", 1000, running, "{}", null, true));
    store.insertTask(new TaskRecord("t2", "index_parallel", "wiki", 2000, "not json", "{}", null, true));
    store.insertTask(new TaskRecord("t3", "index_parallel", "wiki", 3000, "{\"status\":\"SUCCESS\"}", "{}", null,
        false));

    List<TaskRecord> failed = reopen().failDanglingTasks("Server stopped while the task was running");

    assertThat(failed).extracting(TaskRecord::id).containsExactly("t2", "t1");
    JsonNode status = Json.MAPPER.readTree(store.task("t1").orElseThrow().statusJson());
    assertThat(status.get("statusCode").asText()).isEqualTo("FAILED");
    assertThat(status.get("status").asText()).isEqualTo("FAILED");
    assertThat(status.get("runnerStatusCode").asText()).isEqualTo("NONE");
    assertThat(status.get("errorMsg").asText()).isEqualTo("Server stopped while the task was running");
    assertThat(status.get("groupId").asText()).isEqualTo("t1");
    JsonNode rebuilt = Json.MAPPER.readTree(store.task("t2").orElseThrow().statusJson());
    assertThat(rebuilt.get("id").asText()).isEqualTo("t2");
    assertThat(rebuilt.get("status").asText()).isEqualTo("FAILED");
    assertThat(store.task("t3").orElseThrow().statusJson()).isEqualTo("{\"status\":\"SUCCESS\"}");
    assertThat(store.activeTasks()).isEmpty();
    assertThat(store.failDanglingTasks("again")).isEmpty();
  }

  @Test
  void closedStoreRefusesWork() {
    store.close();
    store.close();
    assertThatThrownBy(() -> store.usedSegments()).isInstanceOf(IllegalStateException.class);
  }
}
