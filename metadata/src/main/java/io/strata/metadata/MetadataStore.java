package io.strata.metadata;

import io.strata.api.data.SegmentId;
import io.strata.api.time.Interval;
import io.strata.api.util.FailPoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The durable record of what is published and which tasks ran: segment descriptors (with their used flag) and
 * task status/spec/reports, in one SQLite file {@code metadata.db}.
 *
 * <h2>Why SQLite, and how it is configured</h2>
 * One embedded file with nothing to install or operate, and SQLite's atomic commit: a transaction is either
 * entirely in the database or not at all, also after {@code kill -9} or power loss. The journal is WAL (readers
 * never block the writer; commit appends to the log instead of rewriting pages) with {@code synchronous=FULL}:
 * every commit fsyncs the WAL before returning, so a publish that returned is durable across power loss, not only
 * across a process crash ({@code NORMAL} would only guarantee consistency, possibly dropping the last commits,
 * and a task reported SUCCESS must not lose its segments). Metadata commits are rare (one per publish or task
 * state change), so the extra fsync costs nothing that matters. The schema ({@link Schema}) is plain SQL that
 * PostgreSQL accepts too, should a shared store be needed later.
 *
 * <h2>Transactions</h2>
 * Each public method is one transaction. {@link #publish} in particular is all or nothing: the new segments
 * become used and the replaced ones unused in the same commit, so readers see the old set or the new set, never a
 * mix, and a failure or crash part-way leaves the old state.
 *
 * <h2>Thread-safety</h2>
 * Thread-safe. One JDBC connection serves all calls, one at a time, under a lock; this makes the store the single
 * writer, which is what keeps {@link #allocateAppend} race-free. Metadata operations are small, so the lock is not
 * a bottleneck. One process must own a metadata directory at a time.
 */
public final class MetadataStore implements AutoCloseable {
  /** The database file name inside the store's directory. */
  public static final String FILE_NAME = "metadata.db";

  private static final Logger LOG = LoggerFactory.getLogger(MetadataStore.class);
  private static final int BUSY_TIMEOUT_MILLIS = 10_000;

  private final Path file;
  private final ReentrantLock lock = new ReentrantLock();
  private Connection connection;

  /**
   * Where {@link #allocateAppend} puts appended segments: the time chunk and version to use and the first of the
   * partition numbers reserved for the caller.
   *
   * @param dataSource         the datasource
   * @param interval           the time chunk (the one asked for)
   * @param version            the version the appended segments must carry
   * @param nextPartition      the first reserved partition number
   * @param reservedPartitions how many consecutive numbers from {@code nextPartition} are reserved
   * @param corePartitions     the {@code numPartitions} the appended segments should carry: the core partition
   *                           count of the existing version, or 0 when the version is new
   */
  public record ChunkAllocation(String dataSource, Interval interval, String version, int nextPartition,
                                int reservedPartitions, int corePartitions) {

    /** The id of the {@code i}-th reserved partition ({@code 0 <= i < reservedPartitions}). */
    public SegmentId segmentId(int i) {
      Objects.checkIndex(i, reservedPartitions);
      return new SegmentId(dataSource, interval, version, nextPartition + i);
    }
  }

  private MetadataStore(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
  }

  /**
   * Opens (creating if needed) the store in {@code directory}: the directory, the database file and the schema
   * are created when missing, and an older schema is migrated.
   *
   * @throws MetadataStoreException if the database cannot be opened or was written by a newer Strata
   */
  public static MetadataStore open(Path directory) {
    Path file = directory.resolve(FILE_NAME).toAbsolutePath();
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the metadata directory " + directory, e);
    }
    Connection c = null;
    try {
      c = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement st = c.createStatement()) {
        try (ResultSet rs = st.executeQuery("PRAGMA journal_mode=WAL")) {
          String mode = rs.next() ? rs.getString(1) : "?";
          if (!"wal".equalsIgnoreCase(mode)) {
            LOG.warn("SQLite refused WAL journal mode for {} (got [{}]); commits stay atomic with it", file, mode);
          }
        }
        st.execute("PRAGMA synchronous=FULL");
        st.execute("PRAGMA busy_timeout=" + BUSY_TIMEOUT_MILLIS);
      }
      c.setAutoCommit(false);
      int before = Schema.migrate(c);
      c.commit();
      LOG.info("Opened metadata store {} (schema version {}{})", file, Schema.CURRENT_VERSION,
          before == 0 ? ", new" : "");
      return new MetadataStore(file, c);
    } catch (SQLException | RuntimeException e) {
      if (c != null) {
        try {
          c.close();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      if (e instanceof MetadataStoreException m) {
        throw m;
      }
      throw new MetadataStoreException("cannot open the metadata store " + file + ": " + e.getMessage(), e);
    }
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  // ---------------------------------------------------------------------------------------------------- segments

  /**
   * Publishes segments in one transaction: inserts {@code newSegments} as used and, if {@code replaceIntervals} is
   * not empty (an overwriting ingestion), marks unused every used segment of the datasource that lies entirely
   * within one of those intervals and whose version is lower than the new segments' (the highest, if they differ).
   * With no new segments, everything used within the intervals is marked unused (the intervals are replaced by
   * nothing). Segments only partly inside an interval stay used; the {@link Timeline} hides their overshadowed
   * part. Pending append allocations of the published segments are released.
   *
   * @return how many segments were marked unused
   * @throws MetadataStoreException if anything fails, e.g. a segment id that already exists; nothing changed then
   * @throws IllegalArgumentException if a segment belongs to another datasource
   */
  public int publish(String dataSource, List<DataSegment> newSegments, List<Interval> replaceIntervals) {
    return publish(dataSource, newSegments, replaceIntervals, null);
  }

  /**
   * The stream records a publish covers: from {@code start} (which must be where the datasource's committed offsets
   * end) to {@code end}, committed in the publish transaction. This is what makes streaming ingestion exactly-once.
   */
  public record StreamCommit(StreamOffsets start, StreamOffsets end) {
    public StreamCommit {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
      if (!start.stream().equals(end.stream())) {
        throw new IllegalArgumentException("a commit covers one stream");
      }
    }
  }

  /**
   * The final state of a task, recorded by the same transaction that publishes its segments: a task whose publish
   * committed is SUCCESS from that instant, also if the process dies before it could say so anywhere else (a client
   * that sees FAILED after a restart would retry, and an appending retry would double the data).
   *
   * @param taskId     the task
   * @param statusJson its final status object
   * @param reportJson its final reports, or null
   */
  public record TaskCompletion(String taskId, String statusJson, String reportJson) {
    public TaskCompletion {
      Objects.requireNonNull(taskId, "taskId");
      Objects.requireNonNull(statusJson, "statusJson");
    }
  }

  /**
   * {@link #publish(String, List, List)}, also recording {@code completion} (if not null) in the same transaction:
   * the task's status, report and active flag (false) change if and only if the segments are published.
   */
  public int publish(String dataSource, List<DataSegment> newSegments, List<Interval> replaceIntervals,
                     TaskCompletion completion) {
    return publish(dataSource, newSegments, replaceIntervals, completion, null);
  }

  /**
   * {@link #publish(String, List, List, TaskCompletion)}, also committing stream offsets (if {@code stream} is not
   * null) in the same transaction, compare-and-swapped: the segments, the offsets and the task's end are published
   * together or not at all.
   *
   * @throws MetadataStoreException if the commit's start is not where the committed offsets end
   */
  public int publish(String dataSource, List<DataSegment> newSegments, List<Interval> replaceIntervals,
                     TaskCompletion completion, StreamCommit stream) {
    return publish(dataSource, newSegments, replaceIntervals, completion, stream, null);
  }

  /**
   * Sequences a replicated task publishes: each is published once by whichever replica gets there first.
   *
   * @param taskId the publishing task
   * @param names  the sequences (one per time chunk, named by the replicas' availability group)
   */
  public record ReplicaSequences(String taskId, List<String> names) {
    public ReplicaSequences {
      Objects.requireNonNull(taskId, "taskId");
      names = List.copyOf(names);
    }
  }

  /** Thrown by a publish whose {@link ReplicaSequences} a replica already published; nothing changed. */
  public static final class AlreadyPublishedException extends MetadataStoreException {
    public AlreadyPublishedException(String message) {
      super(message);
    }
  }

  /**
   * {@link #publish(String, List, List, TaskCompletion, StreamCommit)}, also claiming {@code sequences} (if not
   * null) in the same transaction.
   *
   * @throws AlreadyPublishedException if a replica published one of the sequences; nothing is published then
   */
  public int publish(String dataSource, List<DataSegment> newSegments, List<Interval> replaceIntervals,
                     TaskCompletion completion, StreamCommit stream, ReplicaSequences sequences) {
    Objects.requireNonNull(dataSource, "dataSource");
    List<DataSegment> segments = List.copyOf(newSegments);
    List<Interval> replace = List.copyOf(replaceIntervals);
    for (DataSegment s : segments) {
      if (!s.dataSource().equals(dataSource)) {
        throw new IllegalArgumentException("segment [" + s.id() + "] does not belong to datasource ["
            + dataSource + "]");
      }
    }
    String newVersion = segments.stream().map(DataSegment::version).max(Comparator.naturalOrder()).orElse(null);
    int replaced = transaction("publish of " + segments.size() + " segment(s) to [" + dataSource + "]", c -> {
      int n = replace.isEmpty() ? 0 : SegmentTable.markReplaced(c, dataSource, replace, newVersion);
      if (sequences != null && !sequences.names().isEmpty() && !StreamTable.claimSequences(c, dataSource,
          sequences.names(), sequences.taskId(), System.currentTimeMillis())) {
        throw new AlreadyPublishedException("a replica already published " + sequences.names() + " of ["
            + dataSource + "]");
      }
      SegmentTable.insert(c, segments, System.currentTimeMillis());
      SegmentTable.deletePending(c, segments);
      if (stream != null) {
        StreamTable.commit(c, dataSource, stream, System.currentTimeMillis());
      }
      if (completion != null) {
        TaskTable.complete(c, completion.taskId(), completion.statusJson(), completion.reportJson());
      }
      return n;
    });
    FailPoints.reached(FailPoints.PUBLISH_COMMITTED);
    LOG.info("Published {} segment(s) to [{}]{}", segments.size(), dataSource,
        replace.isEmpty() ? "" : ", replacing " + replaced + " in " + replace);
    return replaced;
  }

  /** All used segments, ordered by datasource, interval, version and partition. */
  public List<DataSegment> usedSegments() {
    return transaction("listing used segments", c -> SegmentTable.select(c, null, true));
  }

  /** The used segments of one datasource, ordered by interval, version and partition. */
  public List<DataSegment> usedSegments(String dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    return transaction("listing used segments of [" + dataSource + "]",
        c -> SegmentTable.select(c, dataSource, true));
  }

  /** The unused (dropped or replaced) segments of one datasource: what a kill task may delete. */
  public List<DataSegment> unusedSegments(String dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    return transaction("listing unused segments of [" + dataSource + "]",
        c -> SegmentTable.select(c, dataSource, false));
  }

  /** The greatest segment version in the store (versions compare as strings), if there is any segment. */
  public Optional<String> newestVersion() {
    return transaction("reading the newest version", c -> {
      try (Statement st = c.createStatement();
           ResultSet rs = st.executeQuery("SELECT version FROM " + Schema.SEGMENTS)) {
        String newest = null;
        while (rs.next()) {
          String v = rs.getString(1);
          if (newest == null || v.compareTo(newest) > 0) {
            newest = v;
          }
        }
        return Optional.ofNullable(newest);
      }
    });
  }

  /** The datasources that have at least one used segment, sorted. */
  public Set<String> dataSources() {
    return Collections.unmodifiableSet(transaction("listing datasources", SegmentTable::usedDataSources));
  }

  /** Marks every used segment of the datasource unused; returns how many. */
  public int markUnused(String dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    return transaction("marking [" + dataSource + "] unused", c -> SegmentTable.markUnused(c, dataSource, null));
  }

  /** Marks unused the used segments of the datasource lying entirely within the interval; returns how many. */
  public int markUnused(String dataSource, Interval interval) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(interval, "interval");
    return transaction("marking [" + dataSource + "] " + interval + " unused",
        c -> SegmentTable.markUnused(c, dataSource, interval));
  }

  /**
   * Marks unused the used segments of the datasource lying entirely within the interval and, if {@code versions} is
   * not null, having one of those versions; returns how many.
   */
  public int markUnused(String dataSource, Interval interval, List<String> versions) {
    if (versions == null) {
      return markUnused(dataSource, interval);
    }
    Objects.requireNonNull(dataSource, "dataSource");
    List<String> v = List.copyOf(versions);
    return transaction("marking [" + dataSource + "] " + interval + " unused",
        c -> SegmentTable.markUnusedVersions(c, dataSource, interval, v));
  }

  /** Marks unused the listed used segments of the datasource (ids as Druid writes them); returns how many. */
  public int markUnusedById(String dataSource, Collection<String> segmentIds) {
    Objects.requireNonNull(dataSource, "dataSource");
    List<String> ids = List.copyOf(segmentIds);
    return transaction("marking " + ids.size() + " segment(s) of [" + dataSource + "] unused",
        c -> SegmentTable.markUnusedIds(c, dataSource, ids));
  }

  /**
   * Deletes the metadata of the given segments if they are unused (used ones are kept). Delete their files with
   * {@link DeepStorage#delete} after this returns.
   *
   * @return how many were deleted
   */
  public int deleteUnusedSegments(Collection<SegmentId> ids) {
    List<SegmentId> copy = List.copyOf(ids);
    return transaction("deleting " + copy.size() + " unused segment(s)", c -> SegmentTable.deleteUnused(c, copy));
  }

  /**
   * What a kill task may delete: the unused segments of the datasource lying entirely within {@code interval},
   * optionally only of the listed {@code versions} (null: any) and only those unused since no later than
   * {@code maxUsedStatusLastUpdated} (epoch millis; null: any time), at most {@code limit}, oldest first.
   */
  public List<DataSegment> killableSegments(String dataSource, Interval interval, List<String> versions,
                                            Long maxUsedStatusLastUpdated, int limit) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(interval, "interval");
    if (versions != null && versions.isEmpty()) {
      return List.of();
    }
    return transaction("listing killable segments of [" + dataSource + "]", c -> SegmentTable.selectKillable(c,
        dataSource, interval, versions == null ? null : List.copyOf(versions), maxUsedStatusLastUpdated, limit));
  }

  /**
   * The ids of every segment the store holds, used or not, including those whose record cannot otherwise be read:
   * the segments deep storage must keep.
   */
  public List<SegmentId> allSegmentIds() {
    return transaction("listing all segment ids", SegmentTable::allIds);
  }

  /** Every segment, used or not, whose record can be read. */
  public List<DataSegment> allSegments() {
    return transaction("listing all segments", SegmentTable::selectAll);
  }

  /**
   * Allocates one partition number for appending to a time chunk: equivalent to
   * {@code allocateAppend(dataSource, chunk, 1, null)}, which returns empty when the chunk has no data; the caller
   * then publishes with a new version of its own. That choice is not reserved, so two appenders that both find the
   * chunk empty could pick different new versions and the higher one would hide the other; use the four-argument
   * form to be safe in that case too.
   */
  public Optional<ChunkAllocation> allocateAppend(String dataSource, Interval chunk) {
    return allocateAppend(dataSource, chunk, 1, null);
  }

  /**
   * Reserves {@code partitions} consecutive partition numbers for segments appended to one time chunk, so that
   * they join what is there instead of overshadowing it:
   * <ul>
   *   <li>If used segments overlap the chunk, the newest version among them wins; it must have the chunk's exact
   *       interval (otherwise the append would be partly hidden or hide data, and a {@link MetadataStoreException}
   *       explains the granularity mismatch). The allocation carries that version, its core partition count, and
   *       numbers after the highest partition that version ever had, published or reserved.</li>
   *   <li>Otherwise, if an earlier allocation reserved a new version for this chunk (an append in flight), the
   *       allocation joins it.</li>
   *   <li>Otherwise, with {@code versionIfEmpty} given, that version is reserved starting at partition 0; without
   *       it, the result is empty and nothing is reserved.</li>
   * </ul>
   * Reservation and the decision happen in one transaction under the store's single-writer lock, so concurrent
   * appenders get disjoint partition numbers. Reserved numbers not published (a failed task) are skipped, never
   * reused.
   *
   * @param partitions     how many partition numbers to reserve, at least 1
   * @param versionIfEmpty the version to start when the chunk has no data, or null to get empty then
   */
  public Optional<ChunkAllocation> allocateAppend(String dataSource, Interval chunk, int partitions,
                                                  String versionIfEmpty) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(chunk, "chunk");
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
    }
    return transaction("append allocation in [" + dataSource + "] " + chunk,
        c -> SegmentTable.allocate(c, dataSource, chunk, partitions, versionIfEmpty, System.currentTimeMillis()));
  }

  // ------------------------------------------------------------------------------------------------------- tasks

  /**
   * Records a new task.
   *
   * @throws MetadataStoreException if a task with that id exists
   */
  public void insertTask(TaskRecord task) {
    Objects.requireNonNull(task, "task");
    transaction("inserting task [" + task.id() + "]", c -> {
      TaskTable.insert(c, task);
      return null;
    });
  }

  /**
   * Replaces a task's status and active flag.
   *
   * @return false if there is no such task
   */
  public boolean updateTaskStatus(String id, String statusJson, boolean active) {
    Objects.requireNonNull(statusJson, "statusJson");
    return transaction("updating the status of task [" + id + "]",
        c -> TaskTable.updateStatus(c, id, statusJson, active));
  }

  /**
   * Stores a task's reports.
   *
   * @return false if there is no such task
   */
  public boolean saveTaskReport(String id, String reportJson) {
    return transaction("saving the report of task [" + id + "]", c -> TaskTable.saveReport(c, id, reportJson));
  }

  public Optional<TaskRecord> task(String id) {
    return transaction("reading task [" + id + "]", c -> TaskTable.get(c, id));
  }

  /** All tasks, newest first. */
  public List<TaskRecord> tasks() {
    return transaction("listing tasks", c -> TaskTable.list(c, false));
  }

  /** The tasks still marked active, newest first. */
  public List<TaskRecord> activeTasks() {
    return transaction("listing active tasks", c -> TaskTable.list(c, true));
  }

  /**
   * Marks FAILED every task still marked active, with {@code reason} as its error message. Call it once at boot,
   * before starting any task: active tasks then belong to a server that died, and since their publish never
   * committed, nothing they ingested is visible.
   *
   * @return the failed tasks, as now stored
   */
  public List<TaskRecord> failDanglingTasks(String reason) {
    Objects.requireNonNull(reason, "reason");
    List<TaskRecord> failed = transaction("failing dangling tasks", c -> TaskTable.failActive(c, reason));
    for (TaskRecord t : failed) {
      LOG.warn("Task [{}] was running when the server stopped; marked FAILED", t.id());
    }
    return failed;
  }

  // --------------------------------------------------------------------------------------------------- streaming

  /** The stream offsets the datasource's published segments cover, if any were committed. */
  public Optional<StreamOffsets> streamOffsets(String dataSource) {
    return transaction("reading the stream offsets of [" + dataSource + "]", c -> StreamTable.offsets(c, dataSource));
  }

  /** Forgets a datasource's committed offsets (a supervisor reset): its next task starts from the stream's edge. */
  public boolean resetStreamOffsets(String dataSource) {
    return transaction("resetting the stream offsets of [" + dataSource + "]",
        c -> StreamTable.deleteOffsets(c, dataSource));
  }

  /**
   * Commits starting offsets for the partitions that have none (a stream first read from its latest records), so
   * that a restart before the first publish goes on from there instead of from a later "latest" (records in
   * between would be skipped). Partitions with committed offsets keep them.
   *
   * @return the datasource's offsets after the call
   */
  public StreamOffsets initStreamOffsets(String dataSource, StreamOffsets starts) {
    return transaction("initialising the stream offsets of [" + dataSource + "]", c -> {
      Optional<StreamOffsets> current = StreamTable.offsets(c, dataSource);
      if (current.isPresent() && !current.get().stream().equals(starts.stream())) {
        throw new MetadataStoreException("datasource [" + dataSource + "] holds offsets of stream ["
            + current.get().stream() + "], not [" + starts.stream() + "]; reset the supervisor to change streams");
      }
      StreamOffsets merged = current.map(starts::plus).orElse(starts);
      if (current.isEmpty() || !merged.equals(current.get())) {
        StreamTable.putOffsets(c, dataSource, merged, System.currentTimeMillis());
      }
      return merged;
    });
  }

  /** Whether a replica published this sequence already: the task that did. */
  public Optional<String> sequencePublisher(String dataSource, String sequence) {
    return transaction("reading sequence [" + sequence + "] of [" + dataSource + "]",
        c -> StreamTable.sequencePublisher(c, dataSource, sequence));
  }

  /** Replaces the committed offsets of some partitions (a supervisor's {@code resetOffsets}). */
  public void setStreamOffsets(String dataSource, StreamOffsets offsets) {
    transaction("setting the stream offsets of [" + dataSource + "]", c -> {
      StreamOffsets merged = StreamTable.offsets(c, dataSource)
          .filter(o -> o.stream().equals(offsets.stream())).map(o -> o.plus(offsets)).orElse(offsets);
      StreamTable.putOffsets(c, dataSource, merged, System.currentTimeMillis());
      return null;
    });
  }

  /** A supervisor as stored: its spec (JSON), state ({@code RUNNING}, {@code SUSPENDED}, {@code TERMINATED}). */
  public record SupervisorRecord(String id, String specJson, String state, long updated) {
  }

  public List<SupervisorRecord> supervisors() {
    return transaction("listing supervisors", c -> {
      List<SupervisorRecord> out = new java.util.ArrayList<>();
      for (StreamTable.SupervisorRow r : StreamTable.supervisors(c)) {
        out.add(new SupervisorRecord(r.id(), r.specJson(), r.state(), r.updated()));
      }
      return out;
    });
  }

  /**
   * Stores a supervisor's spec and state; with {@code newVersion}, also adds the spec to its history (a submitted
   * spec, as opposed to a state change).
   */
  public void putSupervisor(String id, String specJson, String state, boolean newVersion) {
    transaction("storing supervisor [" + id + "]", c -> {
      StreamTable.putSupervisor(c, id, specJson, state, System.currentTimeMillis(), newVersion);
      return null;
    });
  }

  /** The specs a supervisor was given, newest first, as (version time in epoch millis, spec JSON). */
  public List<Map.Entry<Long, String>> supervisorHistory(String id) {
    return transaction("reading the history of supervisor [" + id + "]", c -> StreamTable.history(c, id));
  }

  // ----------------------------------------------------------------------------------------------------- lookups

  /** A lookup as stored: its tier, name, version and spec (the {@code lookupExtractorFactory} JSON). */
  public record LookupRecord(String tier, String name, String version, String specJson) {
  }

  /** Every lookup of every tier. */
  public List<LookupRecord> lookups() {
    return transaction("listing lookups", c -> {
      List<LookupRecord> out = new java.util.ArrayList<>();
      try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT tier, name, version, spec FROM "
          + Schema.LOOKUPS + " ORDER BY tier, name");
           java.sql.ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new LookupRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
        }
      }
      return out;
    });
  }

  /** Stores (or replaces) a lookup. */
  public void putLookup(LookupRecord lookup) {
    transaction("storing lookup [" + lookup.name() + "]", c -> {
      try (java.sql.PreparedStatement del = c.prepareStatement("DELETE FROM " + Schema.LOOKUPS
          + " WHERE tier = ? AND name = ?");
           java.sql.PreparedStatement ins = c.prepareStatement("INSERT INTO " + Schema.LOOKUPS
               + " (tier, name, version, spec) VALUES (?, ?, ?, ?)")) {
        del.setString(1, lookup.tier());
        del.setString(2, lookup.name());
        del.executeUpdate();
        ins.setString(1, lookup.tier());
        ins.setString(2, lookup.name());
        ins.setString(3, lookup.version());
        ins.setString(4, lookup.specJson());
        ins.executeUpdate();
      }
      return null;
    });
  }

  /** Deletes a lookup; false if there was none. */
  public boolean deleteLookup(String tier, String name) {
    return transaction("deleting lookup [" + name + "]", c -> {
      try (java.sql.PreparedStatement del = c.prepareStatement("DELETE FROM " + Schema.LOOKUPS
          + " WHERE tier = ? AND name = ?")) {
        del.setString(1, tier);
        del.setString(2, name);
        return del.executeUpdate() > 0;
      }
    });
  }

  // ---------------------------------------------------------------------------------------------------- security

  /**
   * A user of a basic authenticator.
   *
   * @param salt       Base64 salt of the password hash, or null if no password is set
   * @param hash       Base64 PBKDF2 hash of the password, or null
   * @param iterations PBKDF2 iterations of the hash, or 0
   */
  public record AuthUser(String name, String salt, String hash, int iterations) {
  }

  /** The users of a basic authenticator, by name. */
  public List<AuthUser> authUsers(String authenticator) {
    return transaction("listing users of [" + authenticator + "]", c -> SecurityTable.authUsers(c, authenticator));
  }

  /** Creates a user without credentials; false if it exists. */
  public boolean createAuthUser(String authenticator, String name) {
    return transaction("creating user [" + name + "]", c -> SecurityTable.insertAuthUser(c, authenticator, name));
  }

  /** Deletes a user; false if there was none. */
  public boolean deleteAuthUser(String authenticator, String name) {
    return transaction("deleting user [" + name + "]", c -> SecurityTable.deleteAuthUser(c, authenticator, name));
  }

  /** Sets a user's credentials; false if there is no such user. */
  public boolean setCredentials(String authenticator, String name, String salt, String hash, int iterations) {
    return transaction("setting the credentials of [" + name + "]",
        c -> SecurityTable.setCredentials(c, authenticator, name, salt, hash, iterations));
  }

  /** The users of a basic authorizer with the names of their roles. */
  public Map<String, Set<String>> authzUserRoles(String authorizer) {
    return transaction("listing users of [" + authorizer + "]", c -> SecurityTable.userRoles(c, authorizer));
  }

  /** Creates an authorizer user; false if it exists. */
  public boolean createAuthzUser(String authorizer, String name) {
    return transaction("creating user [" + name + "]", c -> SecurityTable.insertAuthzUser(c, authorizer, name));
  }

  /** Deletes an authorizer user and its role assignments; false if there was none. */
  public boolean deleteAuthzUser(String authorizer, String name) {
    return transaction("deleting user [" + name + "]", c -> SecurityTable.deleteAuthzUser(c, authorizer, name));
  }

  /** The roles of a basic authorizer: name to permissions JSON. */
  public Map<String, String> roles(String authorizer) {
    return transaction("listing roles of [" + authorizer + "]", c -> SecurityTable.roles(c, authorizer));
  }

  /** Creates a role with the given permissions JSON; false if it exists. */
  public boolean createRole(String authorizer, String name, String permissionsJson) {
    return transaction("creating role [" + name + "]",
        c -> SecurityTable.insertRole(c, authorizer, name, permissionsJson));
  }

  /** Deletes a role and its assignments; false if there was none. */
  public boolean deleteRole(String authorizer, String name) {
    return transaction("deleting role [" + name + "]", c -> SecurityTable.deleteRole(c, authorizer, name));
  }

  /** Replaces a role's permissions; false if there is no such role. */
  public boolean setRolePermissions(String authorizer, String role, String permissionsJson) {
    return transaction("setting the permissions of role [" + role + "]",
        c -> SecurityTable.setPermissions(c, authorizer, role, permissionsJson));
  }

  /** Assigns a role to a user; false if it was assigned already. */
  public boolean assignRole(String authorizer, String user, String role) {
    return transaction("assigning role [" + role + "] to [" + user + "]",
        c -> SecurityTable.assign(c, authorizer, user, role));
  }

  /** Takes a role from a user; false if it was not assigned. */
  public boolean unassignRole(String authorizer, String user, String role) {
    return transaction("unassigning role [" + role + "] from [" + user + "]",
        c -> SecurityTable.unassign(c, authorizer, user, role));
  }

  // ---------------------------------------------------------------------------------------------------- plumbing

  /** Closes the database. Idempotent; later calls fail with {@link IllegalStateException}. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (connection != null) {
        try {
          connection.close();
        } catch (SQLException e) {
          throw new MetadataStoreException("cannot close the metadata store " + file, e);
        } finally {
          connection = null;
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Work done with the connection inside one transaction. */
  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Runs the work in one transaction under the lock: commits on success, rolls back on any failure. */
  private <T> T transaction(String what, Work<T> work) {
    lock.lock();
    try {
      Connection c = connection;
      if (c == null) {
        throw new IllegalStateException("the metadata store " + file + " is closed");
      }
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException e) {
        rollback(c, e);
        throw new MetadataStoreException(what + " failed, nothing was changed: " + e.getMessage(), e);
      } catch (RuntimeException | Error e) {
        rollback(c, e);
        throw e;
      }
    } finally {
      lock.unlock();
    }
  }

  private static void rollback(Connection c, Throwable failure) {
    try {
      c.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }
}
