package io.strata.server.serving;

import io.strata.api.data.Segment;
import io.strata.api.data.SegmentId;
import io.strata.api.time.Interval;
import io.strata.ingest.PublishListener;
import io.strata.metadata.DataSegment;
import io.strata.metadata.DeepStorage;
import io.strata.metadata.MetadataStore;
import io.strata.metadata.Timeline;
import io.strata.stream.RealtimeAnnouncer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the published segments: keeps one immutable {@link DataSourceView} per datasource (its timeline and
 * the memory-mapped segments behind it) and swaps it with a single reference write whenever the metadata store
 * changes, so a query sees the old set or the new set of a datasource, never a mix.
 *
 * <p>Segments leaving the view are closed once the last query that acquired the old view releases it.
 */
public final class SegmentManager implements PublishListener, RealtimeAnnouncer, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentManager.class);

  private final MetadataStore store;
  private final DeepStorage deepStorage;
  private final SegmentLoader loader;
  private final Map<String, DataSourceView> views = new ConcurrentHashMap<>();
  /** Which views hold each opened segment: it closes when the last of them is released. */
  private final SegmentReferences references = new SegmentReferences();
  /** Per datasource and streaming task, the live segments it announced (guarded by this). */
  private final Map<String, Map<String, List<Segment>>> live = new HashMap<>();
  /** Replica groups (guarded by this): task to its group, group to its members and to the member served. */
  private final Map<String, String> groupOfTask = new HashMap<>();
  private final Map<String, java.util.Set<String>> groupMembers = new HashMap<>();
  private final Map<String, String> servedMember = new HashMap<>();

  /** Opens a segment from deep storage. */
  @FunctionalInterface
  public interface SegmentLoader {
    Segment load(DataSegment descriptor, Path location) throws IOException;
  }

  public SegmentManager(MetadataStore store, DeepStorage deepStorage, SegmentLoader loader) {
    this.store = store;
    this.deepStorage = deepStorage;
    this.loader = loader;
  }

  /**
   * Loads every used segment of every datasource (server start). A datasource or segment that cannot be loaded is
   * reported in the log and left out (see {@link #refresh}); it never stops the server.
   */
  public void loadAll() {
    for (String ds : store.dataSources()) {
      try {
        refresh(ds);
      } catch (RuntimeException e) {
        LOG.error("Datasource [{}] could not be loaded; it is not served", ds, e);
      }
    }
  }

  @Override
  public void published(String dataSource) {
    refresh(dataSource);
  }

  /**
   * Re-reads the used segments of a datasource and swaps its view. A segment whose files cannot be opened (missing
   * or damaged in deep storage) is logged and left unavailable, as a Druid historical leaves a segment it fails to
   * load: the rest of the datasource is served, {@link #loadStatus} shows the gap, and the next refresh tries it
   * again.
   */
  public synchronized void refresh(String dataSource) {
    long start = System.nanoTime();
    List<DataSegment> used = store.usedSegments(dataSource);
    DataSourceView old = views.get(dataSource);
    Map<SegmentId, Segment> loaded = new HashMap<>();
    List<Segment> opened = new ArrayList<>();
    int failed = 0;
    for (DataSegment d : used) {
      Segment existing = old == null ? null : old.segment(d.id());
      if (existing != null) {
        loaded.put(d.id(), existing);
        continue;
      }
      try {
        Segment s = loader.load(d, deepStorage.pathOf(d));
        opened.add(s);
        loaded.put(d.id(), s);
      } catch (IOException | RuntimeException e) {
        failed++;
        LOG.error("Segment [{}] cannot be loaded from {}; it is not served: {}", d.id(), d.loadSpec(),
            e.getMessage());
      }
    }
    swap(dataSource, old, used, loaded);
    LOG.info("Datasource [{}]: serving {} segments ({} newly opened in {} ms{})", dataSource, loaded.size(),
        opened.size(), (System.nanoTime() - start) / 1_000_000, failed == 0 ? "" : ", " + failed + " unavailable");
  }

  /**
   * Replaces the datasource's view by one over {@code used} (opened as {@code loaded}) and the live segments the
   * streaming tasks announced, with one reference write; the old view closes what the new one does not carry when
   * its last query releases it.
   */
  private void swap(String dataSource, DataSourceView old, List<DataSegment> used, Map<SegmentId, Segment> loaded) {
    List<Segment> liveSegments = new ArrayList<>();
    Map<String, List<Segment>> byTask = live.getOrDefault(dataSource, Map.of());
    for (Map.Entry<String, List<Segment>> e : byTask.entrySet()) {
      String group = groupOfTask.get(e.getKey());
      if (group == null || e.getKey().equals(servedMember.get(group))) {
        liveSegments.addAll(e.getValue());
      }
    }
    DataSourceView next = used.isEmpty() && liveSegments.isEmpty() ? null
        : new DataSourceView(dataSource, Timeline.of(used), loaded, used, liveSegments, references);
    if (next == null) {
      views.remove(dataSource);
    } else {
      views.put(dataSource, next);
    }
    if (old != null) {
      old.retire();
    }
  }

  @Override
  public synchronized void replicaOf(String dataSource, String taskId, String group) {
    String key = dataSource + "/" + group;
    groupOfTask.put(taskId, key);
    groupMembers.computeIfAbsent(key, k -> new java.util.TreeSet<>()).add(taskId);
  }

  /** A replica leaves its group: when it was the served one and failed, another member with rows is served. */
  private void leaveGroup(String dataSource, String taskId, boolean handedOffAll) {
    String key = groupOfTask.remove(taskId);
    if (key == null) {
      return;
    }
    java.util.Set<String> members = groupMembers.get(key);
    members.remove(taskId);
    if (members.isEmpty()) {
      groupMembers.remove(key);
      servedMember.remove(key);
      return;
    }
    if (taskId.equals(servedMember.get(key)) && !handedOffAll) {
      servedMember.remove(key);
      Map<String, List<Segment>> byTask = live.getOrDefault(dataSource, Map.of());
      members.stream().filter(byTask::containsKey).findFirst().ifPresent(m -> servedMember.put(key, m));
    }
    // A served member that handed off everything stays the served one: its rows are published, and the other
    // replicas' copies of them are never served (their hand-offs drop them).

  }

  private void claimGroup(String taskId) {
    String key = groupOfTask.get(taskId);
    if (key != null) {
      servedMember.putIfAbsent(key, taskId);
    }
  }

  @Override
  public synchronized void announce(String dataSource, String taskId, List<Segment> segments) {
    Map<String, List<Segment>> byTask = live.computeIfAbsent(dataSource, d -> new TreeMap<>());
    if (segments.isEmpty()) {
      byTask.remove(taskId);
      leaveGroup(dataSource, taskId, false);
    } else {
      byTask.put(taskId, List.copyOf(segments));
      claimGroup(taskId);
    }
    if (byTask.isEmpty()) {
      live.remove(dataSource);
    }
    DataSourceView old = views.get(dataSource);
    List<DataSegment> used = old == null ? List.of() : old.descriptors();
    Map<SegmentId, Segment> loaded = old == null ? Map.of() : old.published();
    swap(dataSource, old, used, loaded);
  }

  /** Holds this manager's lock across the commit and the swap, so no refresh builds a view in between. */
  @Override
  public synchronized void commitAndHandOff(String dataSource, String taskId, io.strata.ingest.CommitGuard.Commit commit,
                                            List<Segment> stillLive) throws Exception {
    commit.run();
    handedOff(dataSource, taskId, stillLive);
  }

  @Override
  public synchronized void handedOff(String dataSource, String taskId, List<Segment> stillLive) {
    Map<String, List<Segment>> byTask = live.computeIfAbsent(dataSource, d -> new TreeMap<>());
    // The replica whose copy was just published is the one served from now on: the others hold copies of it.
    String group = groupOfTask.get(taskId);
    if (group != null) {
      servedMember.put(group, taskId);
    }
    if (stillLive.isEmpty()) {
      byTask.remove(taskId);
      leaveGroup(dataSource, taskId, true);
    } else {
      byTask.put(taskId, List.copyOf(stillLive));
    }
    if (byTask.isEmpty()) {
      live.remove(dataSource);
    }
    // One swap: the published segments in, the handed-off live ones out.
    refresh(dataSource);
  }

  /**
   * Per served datasource, the percentage of its used segments that are loaded (Druid's coordinator
   * {@code loadstatus}): 100.0 unless some segment failed to load.
   */
  public Map<String, Double> loadStatus() {
    Map<String, Double> out = new TreeMap<>();
    for (DataSourceView v : views.values()) {
      int used = v.descriptors().size();
      out.put(v.dataSource(), used == 0 ? 100.0 : 100.0 * v.loadedCount() / used);
    }
    return out;
  }

  /** The current view of a datasource, acquired for one query (release it when done), or null. */
  public DataSourceView acquire(String dataSource) {
    while (true) {
      DataSourceView v = views.get(dataSource);
      if (v == null || v.tryAcquire()) {
        return v;
      }
      // The view was retired between the read and the acquire; read the replacement.
    }
  }

  public Set<String> dataSources() {
    return new TreeSet<>(views.keySet());
  }

  /** Visible segment descriptors of a datasource overlapping the intervals. */
  public List<DataSegment> visible(String dataSource, List<Interval> intervals) {
    DataSourceView v = views.get(dataSource);
    return v == null ? List.of() : v.timeline().lookup(intervals);
  }

  @Override
  public synchronized void close() {
    for (DataSourceView v : views.values()) {
      v.retire();
    }
    views.clear();
  }
}
