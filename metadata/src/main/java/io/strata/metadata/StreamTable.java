package io.strata.metadata;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL behind {@link MetadataStore}'s streaming operations: committed stream offsets per datasource and the
 * supervisor specs. Every method runs inside the caller's transaction.
 *
 * <p>Not thread-safe; used by {@link MetadataStore} under its lock.
 */
final class StreamTable {
  private StreamTable() {
  }

  static Optional<StreamOffsets> offsets(Connection c, String dataSource) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT commit_metadata FROM " + Schema.DATASOURCE_METADATA
        + " WHERE datasource = ?")) {
      ps.setString(1, dataSource);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(StreamOffsets.fromJson(rs.getString(1))) : Optional.empty();
      }
    }
  }

  static void putOffsets(Connection c, String dataSource, StreamOffsets offsets, long now) throws SQLException {
    try (PreparedStatement del = c.prepareStatement("DELETE FROM " + Schema.DATASOURCE_METADATA
        + " WHERE datasource = ?");
         PreparedStatement ins = c.prepareStatement("INSERT INTO " + Schema.DATASOURCE_METADATA
             + " (datasource, commit_metadata, updated) VALUES (?, ?, ?)")) {
      del.setString(1, dataSource);
      del.executeUpdate();
      ins.setString(1, dataSource);
      ins.setString(2, offsets.toJson());
      ins.setLong(3, now);
      ins.executeUpdate();
    }
  }

  static boolean deleteOffsets(Connection c, String dataSource) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + Schema.DATASOURCE_METADATA
        + " WHERE datasource = ?")) {
      ps.setString(1, dataSource);
      return ps.executeUpdate() > 0;
    }
  }

  /**
   * Checks that {@code start} continues where the committed offsets end (partitions the datasource has no offset for
   * may start anywhere), then commits {@code end} over them.
   *
   * @throws MetadataStoreException if the stream differs or a partition's start is not its committed offset:
   *                                another task published these records already, and publishing them again would
   *                                count them twice
   */
  static void commit(Connection c, String dataSource, MetadataStore.StreamCommit commit, long now)
      throws SQLException {
    Optional<StreamOffsets> current = offsets(c, dataSource);
    if (current.isPresent()) {
      StreamOffsets committed = current.get();
      if (!committed.stream().equals(commit.start().stream())) {
        throw new MetadataStoreException("datasource [" + dataSource + "] holds offsets of stream ["
            + committed.stream() + "], not [" + commit.start().stream() + "]; reset the supervisor to change streams");
      }
      for (Map.Entry<String, String> e : commit.start().partitions().entrySet()) {
        String at = committed.partitions().get(e.getKey());
        if (at != null && !at.equals(e.getValue())) {
          throw new MetadataStoreException("inconsistent stream offsets for datasource [" + dataSource
              + "], partition " + e.getKey() + ": the task started at " + e.getValue() + " but the published data "
              + "ends at " + at + "; nothing was published (the records would be counted twice or skipped)");
        }
      }
      putOffsets(c, dataSource, committed.plus(commit.end()), now);
    } else {
      putOffsets(c, dataSource, commit.end(), now);
    }
  }

  /**
   * Records that {@code taskId} published these sequences; false (and nothing recorded) if any of them was published
   * already, by a replica.
   */
  static boolean claimSequences(Connection c, String dataSource, List<String> sequences, String taskId, long now)
      throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT task_id FROM " + Schema.PUBLISHED_SEQUENCES
        + " WHERE datasource = ? AND sequence_name = ?")) {
      for (String seq : sequences) {
        q.setString(1, dataSource);
        q.setString(2, seq);
        try (ResultSet rs = q.executeQuery()) {
          if (rs.next()) {
            return false;
          }
        }
      }
    }
    try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + Schema.PUBLISHED_SEQUENCES
        + " (datasource, sequence_name, task_id, published) VALUES (?, ?, ?, ?)")) {
      for (String seq : sequences) {
        ins.setString(1, dataSource);
        ins.setString(2, seq);
        ins.setString(3, taskId);
        ins.setLong(4, now);
        ins.executeUpdate();
      }
    }
    return true;
  }

  /** The task that published a sequence, if one did. */
  static Optional<String> sequencePublisher(Connection c, String dataSource, String sequence) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT task_id FROM " + Schema.PUBLISHED_SEQUENCES
        + " WHERE datasource = ? AND sequence_name = ?")) {
      q.setString(1, dataSource);
      q.setString(2, sequence);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  /** A stored supervisor. */
  record SupervisorRow(String id, String specJson, String state, long updated) {
  }

  static List<SupervisorRow> supervisors(Connection c) throws SQLException {
    List<SupervisorRow> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT id, spec, state, updated FROM " + Schema.SUPERVISORS
        + " ORDER BY id");
         ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new SupervisorRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
      }
    }
    return out;
  }

  static void putSupervisor(Connection c, String id, String specJson, String state, long now, boolean newVersion)
      throws SQLException {
    try (PreparedStatement del = c.prepareStatement("DELETE FROM " + Schema.SUPERVISORS + " WHERE id = ?");
         PreparedStatement ins = c.prepareStatement("INSERT INTO " + Schema.SUPERVISORS
             + " (id, spec, state, updated) VALUES (?, ?, ?, ?)")) {
      del.setString(1, id);
      del.executeUpdate();
      ins.setString(1, id);
      ins.setString(2, specJson);
      ins.setString(3, state);
      ins.setLong(4, now);
      ins.executeUpdate();
    }
    if (newVersion) {
      long version = now;
      // Two submissions in one millisecond still get two history entries, in order.
      try (PreparedStatement ps = c.prepareStatement("SELECT MAX(version) FROM " + Schema.SUPERVISOR_HISTORY
          + " WHERE id = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next() && rs.getObject(1) != null) {
            version = Math.max(version, rs.getLong(1) + 1);
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + Schema.SUPERVISOR_HISTORY
          + " (id, version, spec) VALUES (?, ?, ?)")) {
        ps.setString(1, id);
        ps.setLong(2, version);
        ps.setString(3, specJson);
        ps.executeUpdate();
      }
    }
  }

  /** The specs a supervisor was given, newest first: version (epoch millis) to spec JSON. */
  static List<Map.Entry<Long, String>> history(Connection c, String id) throws SQLException {
    List<Map.Entry<Long, String>> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT version, spec FROM " + Schema.SUPERVISOR_HISTORY
        + " WHERE id = ? ORDER BY version DESC")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(Map.entry(rs.getLong(1), rs.getString(2)));
        }
      }
    }
    return out;
  }
}
