package io.strata.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.strata.api.data.SegmentId;
import io.strata.api.json.Json;
import io.strata.api.time.Interval;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The SQL behind {@link MetadataStore}'s segment operations: {@code strata_segments} and
 * {@code strata_pending_segments}. Every method runs inside the caller's transaction and neither commits nor rolls
 * back.
 *
 * <p>Not thread-safe; used by {@link MetadataStore} under its lock.
 */
final class SegmentTable {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentTable.class);
  private static final String COLUMNS = "id, payload";
  private static final String ORDER = " ORDER BY datasource, start_millis, end_millis, version, partition_num";

  private SegmentTable() {
  }

  /** Inserts the segments as used. Fails (primary key) if any id already exists, in the table or in the batch. */
  static void insert(Connection c, List<DataSegment> segments, long now) throws SQLException {
    if (segments.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + Schema.SEGMENTS
        + " (id, datasource, start_millis, end_millis, version, partition_num, used, payload, created_date,"
        + " used_status_last_updated) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)")) {
      for (DataSegment s : segments) {
        ps.setString(1, s.id().toString());
        ps.setString(2, s.dataSource());
        ps.setLong(3, s.interval().start());
        ps.setLong(4, s.interval().end());
        ps.setString(5, s.version());
        ps.setInt(6, s.partitionNum());
        ps.setString(7, toJson(s));
        ps.setLong(8, now);
        ps.setLong(9, now);
        ps.executeUpdate();
      }
    }
  }

  /**
   * Marks unused the used segments of the datasource that lie entirely within one of the intervals and whose
   * version is lower than {@code newVersion} (all of them if {@code newVersion} is null).
   */
  static int markReplaced(Connection c, String dataSource, List<Interval> intervals, String newVersion)
      throws SQLException {
    List<String> ids = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT id, version FROM " + Schema.SEGMENTS
        + " WHERE datasource = ? AND used = 1 AND start_millis >= ? AND end_millis <= ?")) {
      for (Interval interval : intervals) {
        ps.setString(1, dataSource);
        ps.setLong(2, interval.start());
        ps.setLong(3, interval.end());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            if (newVersion == null || rs.getString(2).compareTo(newVersion) < 0) {
              ids.add(rs.getString(1));
            }
          }
        }
      }
    }
    return setUnused(c, ids, System.currentTimeMillis());
  }

  private static int setUnused(Connection c, List<String> ids, long now) throws SQLException {
    int n = 0;
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + Schema.SEGMENTS
        + " SET used = 0, used_status_last_updated = ? WHERE id = ? AND used = 1")) {
      for (String id : ids) {
        ps.setLong(1, now);
        ps.setString(2, id);
        n += ps.executeUpdate();
      }
    }
    return n;
  }

  /** Marks unused the used segments of the datasource within the interval (all of them if it is null). */
  static int markUnused(Connection c, String dataSource, Interval within) throws SQLException {
    String sql = "UPDATE " + Schema.SEGMENTS + " SET used = 0, used_status_last_updated = ?"
        + " WHERE datasource = ? AND used = 1" + (within == null ? "" : " AND start_millis >= ? AND end_millis <= ?");
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, System.currentTimeMillis());
      ps.setString(2, dataSource);
      if (within != null) {
        ps.setLong(3, within.start());
        ps.setLong(4, within.end());
      }
      return ps.executeUpdate();
    }
  }

  /** Marks unused the used segments of the datasource within the interval having one of the versions. */
  static int markUnusedVersions(Connection c, String dataSource, Interval within, List<String> versions)
      throws SQLException {
    List<String> ids = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT id, version FROM " + Schema.SEGMENTS
        + " WHERE datasource = ? AND used = 1 AND start_millis >= ? AND end_millis <= ?")) {
      ps.setString(1, dataSource);
      ps.setLong(2, within.start());
      ps.setLong(3, within.end());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (versions.contains(rs.getString(2))) {
            ids.add(rs.getString(1));
          }
        }
      }
    }
    return setUnused(c, ids, System.currentTimeMillis());
  }

  /** Marks unused the listed segments of the datasource (others' ids are ignored). */
  static int markUnusedIds(Connection c, String dataSource, List<String> segmentIds) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + Schema.SEGMENTS
        + " WHERE id = ? AND datasource = ?")) {
      for (String id : segmentIds) {
        ps.setString(1, id);
        ps.setString(2, dataSource);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            ids.add(id);
          }
        }
      }
    }
    return setUnused(c, ids, System.currentTimeMillis());
  }

  /**
   * The unused segments of the datasource lying entirely within {@code within}, oldest interval first, optionally
   * only of the given versions and only those that became unused no later than {@code maxUsedStatusLastUpdated};
   * at most {@code limit} of them.
   */
  static List<DataSegment> selectKillable(Connection c, String dataSource, Interval within, List<String> versions,
                                          Long maxUsedStatusLastUpdated, int limit) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM " + Schema.SEGMENTS
        + " WHERE datasource = ? AND used = 0 AND start_millis >= ? AND end_millis <= ?");
    if (maxUsedStatusLastUpdated != null) {
      sql.append(" AND used_status_last_updated <= ?");
    }
    if (versions != null) {
      sql.append(" AND version IN (").append(String.join(", ", Collections.nCopies(versions.size(), "?")))
          .append(")");
    }
    sql.append(ORDER).append(" LIMIT ?");
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      int i = 1;
      ps.setString(i++, dataSource);
      ps.setLong(i++, within.start());
      ps.setLong(i++, within.end());
      if (maxUsedStatusLastUpdated != null) {
        ps.setLong(i++, maxUsedStatusLastUpdated);
      }
      if (versions != null) {
        for (String v : versions) {
          ps.setString(i++, v);
        }
      }
      ps.setInt(i, limit);
      return readSegments(ps);
    }
  }

  /**
   * The ids of every segment row, used or not, read from the key columns alone (so also the segments whose JSON
   * payload could not be read): what deep storage must keep.
   */
  static List<SegmentId> allIds(Connection c) throws SQLException {
    List<SegmentId> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT datasource, start_millis, end_millis, version,"
        + " partition_num FROM " + Schema.SEGMENTS);
         ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        long start = rs.getLong(2);
        long end = rs.getLong(3);
        if (end >= start) {
          out.add(new SegmentId(rs.getString(1), new Interval(start, end), rs.getString(4), rs.getInt(5)));
        }
      }
    }
    return out;
  }

  /** All segments, used or not, whose payload can be read. */
  static List<DataSegment> selectAll(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + Schema.SEGMENTS + ORDER)) {
      return readSegments(ps);
    }
  }

  /** Deletes the rows of the given segments that are unused; used ones are left alone. */
  static int deleteUnused(Connection c, Collection<SegmentId> ids) throws SQLException {
    int n = 0;
    try (PreparedStatement ps = c.prepareStatement(
        "DELETE FROM " + Schema.SEGMENTS + " WHERE id = ? AND used = 0")) {
      for (SegmentId id : ids) {
        ps.setString(1, id.toString());
        n += ps.executeUpdate();
      }
    }
    return n;
  }

  /** Segments with the given used flag, of one datasource or (null) of all, in id order. */
  static List<DataSegment> select(Connection c, String dataSource, boolean used) throws SQLException {
    String sql = "SELECT " + COLUMNS + " FROM " + Schema.SEGMENTS + " WHERE used = ?"
        + (dataSource == null ? "" : " AND datasource = ?") + ORDER;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setInt(1, used ? 1 : 0);
      if (dataSource != null) {
        ps.setString(2, dataSource);
      }
      return readSegments(ps);
    }
  }

  static Set<String> usedDataSources(Connection c) throws SQLException {
    Set<String> out = new TreeSet<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT DISTINCT datasource FROM " + Schema.SEGMENTS + " WHERE used = 1");
         ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /**
   * Allocates {@code count} partition numbers for appending to a time chunk and records them as pending. See
   * {@link MetadataStore#allocateAppend(String, Interval, int, String)} for the rules.
   */
  static Optional<MetadataStore.ChunkAllocation> allocate(Connection c, String dataSource, Interval chunk,
                                                           int count, String versionIfEmpty, long now)
      throws SQLException {
    String version;
    int core;
    List<DataSegment> overlapping = usedOverlapping(c, dataSource, chunk);
    if (!overlapping.isEmpty()) {
      version = overlapping.stream().map(DataSegment::version).max(Comparator.naturalOrder()).orElseThrow();
      String newest = version;
      List<DataSegment> newestSegments = overlapping.stream().filter(s -> s.version().equals(newest)).toList();
      List<DataSegment> exact = newestSegments.stream().filter(s -> s.interval().equals(chunk)).toList();
      if (exact.isEmpty()) {
        Set<String> intervals = new TreeSet<>();
        newestSegments.forEach(s -> intervals.add(s.interval().toString()));
        throw new MetadataStoreException("cannot append to time chunk [" + chunk + "] of datasource ["
            + dataSource + "]: the newest data there (version " + version + ") is in chunks " + intervals
            + "; append with a segmentGranularity that produces those chunks, or replace the interval instead");
      }
      core = exact.stream().mapToInt(DataSegment::numPartitions).max().orElse(0);
    } else {
      String pending = newestPendingVersion(c, dataSource, chunk);
      if (pending != null) {
        version = pending;
      } else if (versionIfEmpty != null) {
        version = versionIfEmpty;
      } else {
        return Optional.empty();
      }
      core = 0;
    }
    int next = nextPartition(c, dataSource, chunk, version);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + Schema.PENDING
        + " (id, datasource, start_millis, end_millis, version, partition_num, created_date)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < count; i++) {
        ps.setString(1, new SegmentId(dataSource, chunk, version, next + i).toString());
        ps.setString(2, dataSource);
        ps.setLong(3, chunk.start());
        ps.setLong(4, chunk.end());
        ps.setString(5, version);
        ps.setInt(6, next + i);
        ps.setLong(7, now);
        ps.executeUpdate();
      }
    }
    return Optional.of(new MetadataStore.ChunkAllocation(dataSource, chunk, version, next, count, core));
  }

  /** Forgets the pending allocations of segments that are now published. */
  static void deletePending(Connection c, List<DataSegment> published) throws SQLException {
    if (published.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + Schema.PENDING + " WHERE id = ?")) {
      for (DataSegment s : published) {
        ps.setString(1, s.id().toString());
        ps.executeUpdate();
      }
    }
  }

  private static List<DataSegment> usedOverlapping(Connection c, String dataSource, Interval chunk)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + Schema.SEGMENTS
        + " WHERE datasource = ? AND used = 1 AND start_millis < ? AND end_millis > ?" + ORDER)) {
      ps.setString(1, dataSource);
      ps.setLong(2, chunk.end());
      ps.setLong(3, chunk.start());
      return readSegments(ps);
    }
  }

  private static String newestPendingVersion(Connection c, String dataSource, Interval chunk) throws SQLException {
    String newest = null;
    try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT version FROM " + Schema.PENDING
        + " WHERE datasource = ? AND start_millis = ? AND end_millis = ?")) {
      ps.setString(1, dataSource);
      ps.setLong(2, chunk.start());
      ps.setLong(3, chunk.end());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String v = rs.getString(1);
          if (newest == null || v.compareTo(newest) > 0) {
            newest = v;
          }
        }
      }
    }
    return newest;
  }

  /** One past the highest partition number of the chunk version, published (used or not) or pending. */
  private static int nextPartition(Connection c, String dataSource, Interval chunk, String version)
      throws SQLException {
    int next = 0;
    for (String table : List.of(Schema.SEGMENTS, Schema.PENDING)) {
      try (PreparedStatement ps = c.prepareStatement("SELECT MAX(partition_num) FROM " + table
          + " WHERE datasource = ? AND start_millis = ? AND end_millis = ? AND version = ?")) {
        ps.setString(1, dataSource);
        ps.setLong(2, chunk.start());
        ps.setLong(3, chunk.end());
        ps.setString(4, version);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            int max = rs.getInt(1);
            if (!rs.wasNull()) {
              next = Math.max(next, max + 1);
            }
          }
        }
      }
    }
    return next;
  }

  /**
   * The segments the query selects ({@link #COLUMNS}). A row whose payload cannot be read (written by a broken or
   * newer writer, or edited by hand) is reported in the log and skipped: one bad record must not stop the server
   * from starting or serving everything else.
   */
  private static List<DataSegment> readSegments(PreparedStatement ps) throws SQLException {
    List<DataSegment> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String id = rs.getString(1);
        try {
          out.add(fromJson(rs.getString(2)));
        } catch (MetadataStoreException e) {
          LOG.error("Skipping segment [{}]: its metadata record cannot be read ({})", id, e.getCause() == null
              ? e.getMessage() : e.getCause().getMessage());
        }
      }
    }
    return out;
  }

  private static String toJson(DataSegment s) {
    try {
      return Json.MAPPER.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new MetadataStoreException("cannot serialise segment [" + s.id() + "]", e);
    }
  }

  private static DataSegment fromJson(String json) {
    try {
      return Json.MAPPER.readValue(json, DataSegment.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new MetadataStoreException("corrupt segment payload in the metadata store", e);
    }
  }
}
