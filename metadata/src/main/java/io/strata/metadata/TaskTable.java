package io.strata.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.api.json.Json;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL behind {@link MetadataStore}'s task operations ({@code strata_tasks}). Every method runs inside the
 * caller's transaction and neither commits nor rolls back.
 *
 * <p>Not thread-safe; used by {@link MetadataStore} under its lock.
 */
final class TaskTable {
  static final String FAILED = "FAILED";

  private static final String COLUMNS = "id, type, datasource, created_time, status, payload, report, active";

  private TaskTable() {
  }

  static void insert(Connection c, TaskRecord t) throws SQLException {
    if (get(c, t.id()).isPresent()) {
      throw new MetadataStoreException("a task with id [" + t.id() + "] already exists");
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO " + Schema.TASKS + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, t.id());
      ps.setString(2, t.type());
      ps.setString(3, t.dataSource());
      ps.setLong(4, t.createdTime());
      ps.setString(5, t.statusJson());
      ps.setString(6, t.payloadJson());
      ps.setString(7, t.reportJson());
      ps.setInt(8, t.active() ? 1 : 0);
      ps.executeUpdate();
    }
  }

  static boolean updateStatus(Connection c, String id, String statusJson, boolean active) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE " + Schema.TASKS + " SET status = ?, active = ? WHERE id = ?")) {
      ps.setString(1, statusJson);
      ps.setInt(2, active ? 1 : 0);
      ps.setString(3, id);
      return ps.executeUpdate() > 0;
    }
  }

  /** Records a task's final status and report and marks it inactive. */
  static void complete(Connection c, String id, String statusJson, String reportJson) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE " + Schema.TASKS + " SET status = ?, report = ?, active = 0 WHERE id = ?")) {
      ps.setString(1, statusJson);
      ps.setString(2, reportJson);
      ps.setString(3, id);
      if (ps.executeUpdate() == 0) {
        throw new MetadataStoreException("cannot complete task [" + id + "]: no such task");
      }
    }
  }

  static boolean saveReport(Connection c, String id, String reportJson) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + Schema.TASKS + " SET report = ? WHERE id = ?")) {
      ps.setString(1, reportJson);
      ps.setString(2, id);
      return ps.executeUpdate() > 0;
    }
  }

  static Optional<TaskRecord> get(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT " + COLUMNS + " FROM " + Schema.TASKS + " WHERE id = ?")) {
      ps.setString(1, id);
      List<TaskRecord> found = read(ps);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }
  }

  /** All tasks (or only active ones), newest first. */
  static List<TaskRecord> list(Connection c, boolean activeOnly) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + Schema.TASKS
        + (activeOnly ? " WHERE active = 1" : "") + " ORDER BY created_time DESC, id DESC")) {
      return read(ps);
    }
  }

  /**
   * Marks FAILED, with the reason as error message, every task still marked active and every task whose stored
   * status still says RUNNING (which a task that died without recording its end can leave); returns them as
   * updated.
   */
  static List<TaskRecord> failActive(Connection c, String reason) throws SQLException {
    List<TaskRecord> failed = new ArrayList<>();
    for (TaskRecord t : list(c, false)) {
      if (!t.active() && !saysRunning(t.statusJson())) {
        continue;
      }
      TaskRecord f = new TaskRecord(t.id(), t.type(), t.dataSource(), t.createdTime(), failedStatus(t, reason),
          t.payloadJson(), t.reportJson(), false);
      updateStatus(c, f.id(), f.statusJson(), false);
      failed.add(f);
    }
    return failed;
  }

  private static boolean saysRunning(String statusJson) {
    try {
      JsonNode status = Json.MAPPER.readTree(statusJson);
      return status == null || !status.isObject() || !status.path("status").asText("").matches("SUCCESS|FAILED");
    } catch (JsonProcessingException e) {
      return true;
    }
  }

  /**
   * The task's status object with its state set to FAILED: {@code status} and {@code statusCode} (if present)
   * become FAILED, {@code runnerStatusCode} (if present) NONE, {@code errorMsg} the reason; other fields are
   * kept. A status that is not a JSON object is replaced by a minimal one.
   */
  static String failedStatus(TaskRecord t, String reason) {
    ObjectNode status;
    try {
      JsonNode parsed = Json.MAPPER.readTree(t.statusJson());
      status = parsed instanceof ObjectNode o ? o : null;
    } catch (JsonProcessingException e) {
      status = null;
    }
    if (status == null) {
      status = Json.MAPPER.createObjectNode();
      status.put("id", t.id());
      status.put("type", t.type());
      status.put("dataSource", t.dataSource());
    }
    if (status.has("statusCode")) {
      status.put("statusCode", FAILED);
    }
    status.put("status", FAILED);
    if (status.has("runnerStatusCode")) {
      status.put("runnerStatusCode", "NONE");
    }
    status.put("errorMsg", reason);
    return status.toString();
  }

  private static List<TaskRecord> read(PreparedStatement ps) throws SQLException {
    List<TaskRecord> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new TaskRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
            rs.getString(6), rs.getString(7), rs.getInt(8) != 0));
      }
    }
    return out;
  }
}
