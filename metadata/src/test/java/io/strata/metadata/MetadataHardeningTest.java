package io.strata.metadata;

import io.strata.api.data.SegmentId;
import io.strata.api.time.Interval;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The metadata store's part of the hardening: migrations, task completion inside publish, kill selection. */
class MetadataHardeningTest {
  private static final Interval DAY1 = Interval.parse("2013-08-31/2013-09-01");
  private static final Interval DAY2 = Interval.parse("2013-09-01/2013-09-02");

  @TempDir
  Path dir;

  private static DataSegment seg(String ds, Interval interval, String version, int partition) {
    return MetadataStoreTest.seg(ds, interval, version, partition, 1);
  }

  private static TaskRecord task(String id) {
    return new TaskRecord(id, "index", "ds", 1, "{\"id\":\"" + id + "\",\"status\":\"RUNNING\"}", "{}", null, true);
  }

  /** A database written by the first release (schema version 1) opens, migrates, and keeps its data. */
  @Test
  void aVersionOneDatabaseMigratesKeepingItsSegments() throws Exception {
    Files.createDirectories(dir);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(MetadataStore.FILE_NAME));
         Statement st = c.createStatement()) {
      st.execute("CREATE TABLE strata_schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_time BIGINT NOT NULL)");
      st.execute("INSERT INTO strata_schema_version VALUES (1, 0)");
      st.execute("CREATE TABLE strata_segments (id VARCHAR(1024) NOT NULL PRIMARY KEY, datasource VARCHAR(255) NOT NULL,"
          + " start_millis BIGINT NOT NULL, end_millis BIGINT NOT NULL, version VARCHAR(255) NOT NULL,"
          + " partition_num INTEGER NOT NULL, used INTEGER NOT NULL, payload TEXT NOT NULL, created_date BIGINT NOT NULL)");
      st.execute("CREATE TABLE strata_pending_segments (id VARCHAR(1024) NOT NULL PRIMARY KEY, datasource VARCHAR(255)"
          + " NOT NULL, start_millis BIGINT NOT NULL, end_millis BIGINT NOT NULL, version VARCHAR(255) NOT NULL,"
          + " partition_num INTEGER NOT NULL, created_date BIGINT NOT NULL)");
      st.execute("CREATE TABLE strata_tasks (id VARCHAR(255) NOT NULL PRIMARY KEY, type VARCHAR(255) NOT NULL,"
          + " datasource VARCHAR(255) NOT NULL, created_time BIGINT NOT NULL, status TEXT NOT NULL, payload TEXT NOT NULL,"
          + " report TEXT, active INTEGER NOT NULL)");
      String payload = io.strata.api.json.Json.MAPPER.writeValueAsString(seg("old", DAY1, "v1", 0));
      st.execute("INSERT INTO strata_segments VALUES ('" + seg("old", DAY1, "v1", 0).id() + "', 'old', "
          + DAY1.start() + ", " + DAY1.end() + ", 'v1', 0, 0, '" + payload + "', 777)");
    }
    try (MetadataStore store = MetadataStore.open(dir)) {
      assertThat(store.unusedSegments("old")).hasSize(1);
      // The migration dates the segment's last status change at its creation, so a kill bounded by time sees it.
      assertThat(store.killableSegments("old", DAY1, null, 777L, 10)).hasSize(1);
      assertThat(store.killableSegments("old", DAY1, null, 776L, 10)).isEmpty();
      assertThat(store.createAuthUser("authn", "admin")).isTrue();
    }
  }

  @Test
  void publishRecordsTheTaskCompletionInTheSameTransaction() {
    try (MetadataStore store = MetadataStore.open(dir)) {
      store.insertTask(task("t1"));
      store.publish("ds", List.of(seg("ds", DAY1, "v1", 0)), List.of(),
          new MetadataStore.TaskCompletion("t1", "{\"id\":\"t1\",\"status\":\"SUCCESS\"}", "{\"r\":1}"));
      TaskRecord t = store.task("t1").orElseThrow();
      assertThat(t.active()).isFalse();
      assertThat(t.statusJson()).contains("SUCCESS");
      assertThat(t.reportJson()).isEqualTo("{\"r\":1}");
      // A completion for a task that does not exist fails the whole publish: no segment appears.
      assertThatThrownBy(() -> store.publish("ds", List.of(seg("ds", DAY2, "v1", 0)), List.of(),
          new MetadataStore.TaskCompletion("nope", "{}", null))).isInstanceOf(MetadataStoreException.class);
      assertThat(store.usedSegments("ds")).hasSize(1);
      // A publish that fails (the segment exists) leaves the task as it was.
      store.insertTask(task("t2"));
      assertThatThrownBy(() -> store.publish("ds", List.of(seg("ds", DAY1, "v1", 0)), List.of(),
          new MetadataStore.TaskCompletion("t2", "{\"status\":\"SUCCESS\"}", null)))
          .isInstanceOf(MetadataStoreException.class);
      assertThat(store.task("t2").orElseThrow().active()).isTrue();
      // At the next boot it is failed; t1 stays SUCCESS.
      assertThat(store.failDanglingTasks("died")).extracting(TaskRecord::id).containsExactly("t2");
      assertThat(store.task("t1").orElseThrow().statusJson()).contains("SUCCESS");
    }
  }

  @Test
  void inactiveTasksStillSayingRunningAreFailedAtBoot() throws Exception {
    try (MetadataStore store = MetadataStore.open(dir)) {
      store.insertTask(task("stuck"));
      store.updateTaskStatus("stuck", "{\"id\":\"stuck\",\"status\":\"RUNNING\"}", false);
      store.insertTask(task("done"));
      store.updateTaskStatus("done", "{\"id\":\"done\",\"status\":\"SUCCESS\"}", false);
      assertThat(store.failDanglingTasks("died")).extracting(TaskRecord::id).containsExactly("stuck");
      assertThat(store.task("stuck").orElseThrow().statusJson()).contains("FAILED").contains("died");
      assertThat(store.task("done").orElseThrow().statusJson()).contains("SUCCESS");
    }
  }

  @Test
  void killableSegmentsAreUnusedOnesInsideTheIntervalByVersionAndLimit() {
    try (MetadataStore store = MetadataStore.open(dir)) {
      store.publish("ds", List.of(seg("ds", DAY1, "v1", 0), seg("ds", DAY2, "v1", 0)), List.of());
      store.publish("ds", List.of(seg("ds", DAY1, "v2", 0)), List.of(DAY1));
      Interval both = Interval.parse("2013-08-31/2013-09-02");
      assertThat(store.killableSegments("ds", both, null, null, 100)).extracting(s -> s.id().toString())
          .containsExactly(seg("ds", DAY1, "v1", 0).id().toString());
      assertThat(store.markUnused("ds", both, List.of("v1"))).isEqualTo(1);
      assertThat(store.killableSegments("ds", both, null, null, 100)).hasSize(2);
      assertThat(store.killableSegments("ds", both, null, null, 1)).hasSize(1);
      assertThat(store.killableSegments("ds", both, List.of("v2"), null, 100)).isEmpty();
      assertThat(store.killableSegments("ds", DAY2, null, null, 100)).hasSize(1);
      assertThat(store.killableSegments("ds", both, null, 0L, 100)).isEmpty();
      SegmentId id = seg("ds", DAY2, "v1", 0).id();
      assertThat(store.deleteUnusedSegments(List.of(id, seg("ds", DAY1, "v2", 0).id()))).isEqualTo(1);
      assertThat(store.allSegmentIds()).hasSize(2).doesNotContain(id);
      assertThat(store.markUnusedById("ds", List.of(seg("ds", DAY1, "v2", 0).id().toString(), "other"))).isEqualTo(1);
      assertThat(store.usedSegments("ds")).isEmpty();
    }
  }

  @Test
  void securityTablesKeepUsersRolesAndAssignments() {
    try (MetadataStore store = MetadataStore.open(dir)) {
      assertThat(store.createAuthUser("a", "alice")).isTrue();
      assertThat(store.createAuthUser("a", "alice")).isFalse();
      assertThat(store.setCredentials("a", "alice", "salt", "hash", 5)).isTrue();
      assertThat(store.authUsers("a")).containsExactly(new MetadataStore.AuthUser("alice", "salt", "hash", 5));
      assertThat(store.authUsers("other")).isEmpty();
      assertThat(store.createAuthzUser("z", "alice")).isTrue();
      assertThat(store.createRole("z", "reader", "[]")).isTrue();
      assertThat(store.assignRole("z", "alice", "reader")).isTrue();
      assertThat(store.assignRole("z", "alice", "reader")).isFalse();
      assertThat(store.authzUserRoles("z")).isEqualTo(Map.of("alice", java.util.Set.of("reader")));
      assertThat(store.deleteRole("z", "reader")).isTrue();
      assertThat(store.authzUserRoles("z")).isEqualTo(Map.of("alice", java.util.Set.of()));
      assertThat(store.deleteAuthUser("a", "alice")).isTrue();
      assertThat(store.deleteAuthUser("a", "alice")).isFalse();
    }
  }

  @Test
  void unreadableSegmentRecordsAreSkippedNotFatal() throws Exception {
    try (MetadataStore store = MetadataStore.open(dir)) {
      store.publish("ds", List.of(seg("ds", DAY1, "v1", 0)), List.of());
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(MetadataStore.FILE_NAME));
         Statement st = c.createStatement()) {
      st.execute("INSERT INTO strata_segments (id, datasource, start_millis, end_millis, version, partition_num, used,"
          + " payload, created_date) VALUES ('x', 'ds', 0, 1, 'v', 0, 1, 'garbage', 0)");
      try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM strata_segments")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(2);
      }
    }
    try (MetadataStore store = MetadataStore.open(dir)) {
      assertThat(store.usedSegments("ds")).hasSize(1);
      assertThat(store.allSegmentIds()).hasSize(2);
    }
  }
}
