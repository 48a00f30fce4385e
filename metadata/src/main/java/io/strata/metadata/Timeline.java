package io.strata.metadata;

import io.strata.api.data.SegmentId;
import io.strata.api.time.Interval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The versioned timeline of one datasource: which segments a query over a time range must read.
 *
 * <h2>Semantics (Druid's)</h2>
 * Segments group into chunks by (interval, version); a chunk's segments are its partitions. At every instant the
 * chunk with the highest version (versions compare as strings) among those covering it is visible, and all its
 * partitions are read. A higher version hides a lower one exactly where they overlap: a day chunk re-ingested at a
 * newer version hides the hour chunks of that day entirely; a newer hour chunk inside an older day chunk hides only
 * that hour, and the day stays visible around it. A segment with no visible instant is overshadowed. Between
 * overlapping chunks of the same version (which publishing does not produce), the later-starting, then the
 * shorter, one wins, so the result is deterministic.
 *
 * <p>Unlike Druid, a version is visible as soon as it has one used segment: there is no wait for all core
 * partitions, because the metadata store publishes all partitions of a version in one transaction.
 *
 * <h2>Immutability</h2>
 * A timeline is an immutable snapshot; {@link #add} and {@link #remove} return a new timeline (copy-on-write). A
 * server keeps the current timeline of each datasource in a volatile field and replaces it with one reference
 * write, so every query sees one consistent snapshot. Visibility is computed once per snapshot, in
 * O(n log n) for n segments; lookups are O(log n + result).
 *
 * <p>Thread-safe (immutable).
 */
public final class Timeline {
  private static final Timeline EMPTY = new Timeline(null, Map.of());

  /** Among chunks covering an instant, the first in this order is visible. */
  private static final Comparator<Chunk> PRECEDENCE = Comparator
      .comparing(Chunk::version, Comparator.reverseOrder())
      .thenComparing(c -> c.interval().start(), Comparator.reverseOrder())
      .thenComparing(c -> c.interval().end());

  /** Null only for the empty timeline. */
  private final String dataSource;
  private final Map<SegmentId, DataSegment> segments;
  /** Sorted by time, non-overlapping. */
  private final List<VisibleChunk> visible;

  /**
   * A time range in which one chunk is visible.
   *
   * @param interval the visible range (within a lookup, clipped to the queried intervals)
   * @param version  the chunk's version
   * @param segments all partitions of the chunk, by partition number; their own interval is the whole chunk's
   *                 and may be wider than {@code interval}, so readers must limit themselves to {@code interval}
   */
  public record VisibleChunk(Interval interval, String version, List<DataSegment> segments) {
    public VisibleChunk {
      segments = List.copyOf(segments);
    }
  }

  private record Chunk(Interval interval, String version, List<DataSegment> partitions) {
  }

  private record ChunkKey(Interval interval, String version) {
  }

  private Timeline(String dataSource, Map<SegmentId, DataSegment> segments) {
    this.dataSource = dataSource;
    this.segments = segments;
    this.visible = computeVisible(segments.values());
  }

  /** The timeline with no segments. */
  public static Timeline empty() {
    return EMPTY;
  }

  /**
   * The timeline of the given segments, which must all belong to one datasource. Of segments with the same id, the
   * last one counts.
   */
  public static Timeline of(Collection<DataSegment> segments) {
    return EMPTY.add(segments);
  }

  /** One timeline per datasource of the given segments (e.g. {@link MetadataStore#usedSegments()}). */
  public static Map<String, Timeline> byDataSource(Collection<DataSegment> segments) {
    Map<String, List<DataSegment>> grouped = new TreeMap<>();
    for (DataSegment s : segments) {
      grouped.computeIfAbsent(s.dataSource(), k -> new ArrayList<>()).add(s);
    }
    Map<String, Timeline> out = new TreeMap<>();
    grouped.forEach((ds, list) -> out.put(ds, of(list)));
    return out;
  }

  /** This timeline plus one segment (replacing a segment with the same id). */
  public Timeline add(DataSegment segment) {
    return add(List.of(segment));
  }

  /** This timeline plus the segments (replacing segments with the same ids). */
  public Timeline add(Collection<DataSegment> added) {
    if (added.isEmpty()) {
      return this;
    }
    String ds = dataSource;
    Map<SegmentId, DataSegment> next = new HashMap<>(segments);
    for (DataSegment s : added) {
      if (ds == null) {
        ds = s.dataSource();
      } else if (!ds.equals(s.dataSource())) {
        throw new IllegalArgumentException("a timeline holds one datasource: segment [" + s.id()
            + "] is not of [" + ds + "]");
      }
      next.put(s.id(), s);
    }
    return new Timeline(ds, Map.copyOf(next));
  }

  /** This timeline without the segment with that id (the same timeline if it is absent). */
  public Timeline remove(SegmentId id) {
    return remove(List.of(id));
  }

  /** This timeline without the segments with those ids; absent ids are ignored. */
  public Timeline remove(Collection<SegmentId> ids) {
    Map<SegmentId, DataSegment> next = new HashMap<>(segments);
    boolean changed = false;
    for (SegmentId id : ids) {
      changed |= next.remove(id) != null;
    }
    if (!changed) {
      return this;
    }
    return next.isEmpty() ? EMPTY : new Timeline(dataSource, Map.copyOf(next));
  }

  /**
   * The visible segments overlapping any of the intervals, in time order, each once. A segment may be only partly
   * visible (a newer chunk hides the rest); use {@link #lookupChunks} to learn which part to read.
   */
  public List<DataSegment> lookup(List<Interval> intervals) {
    Set<DataSegment> out = new LinkedHashSet<>();
    for (VisibleChunk chunk : lookupChunks(intervals)) {
      out.addAll(chunk.segments());
    }
    return List.copyOf(out);
  }

  /**
   * The visible chunks overlapping any of the intervals, in time order, each clipped to the queried intervals
   * (overlapping or touching query intervals are merged first).
   */
  public List<VisibleChunk> lookupChunks(List<Interval> intervals) {
    List<VisibleChunk> out = new ArrayList<>();
    for (Interval q : condense(intervals)) {
      for (int i = firstEndingAfter(q.start()); i < visible.size(); i++) {
        VisibleChunk v = visible.get(i);
        if (v.interval().start() >= q.end()) {
          break;
        }
        out.add(new VisibleChunk(v.interval().intersect(q), v.version(), v.segments()));
      }
    }
    return out;
  }

  /** Every visible chunk, in time order. */
  public List<VisibleChunk> visibleChunks() {
    return visible;
  }

  /** All segments of the timeline, visible or not, in id order. */
  public List<DataSegment> segments() {
    List<DataSegment> out = new ArrayList<>(segments.values());
    out.sort(Comparator.comparing(DataSegment::id));
    return out;
  }

  /** The segments no instant of which is visible (fully overshadowed), in id order. */
  public List<DataSegment> overshadowed() {
    Set<SegmentId> seen = new HashSet<>();
    for (VisibleChunk v : visible) {
      v.segments().forEach(s -> seen.add(s.id()));
    }
    List<DataSegment> out = new ArrayList<>();
    for (DataSegment s : segments()) {
      if (!seen.contains(s.id())) {
        out.add(s);
      }
    }
    return out;
  }

  public boolean isEmpty() {
    return segments.isEmpty();
  }

  /** Number of segments, visible or not. */
  public int size() {
    return segments.size();
  }

  @Override
  public String toString() {
    return "Timeline{" + dataSource + ", " + segments.size() + " segments, " + visible.size() + " visible chunks}";
  }

  /** Index of the first visible chunk ending after {@code t} (ends are sorted because chunks do not overlap). */
  private int firstEndingAfter(long t) {
    int lo = 0;
    int hi = visible.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (visible.get(mid).interval().end() <= t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Sorts the intervals and merges those that overlap or touch. */
  private static List<Interval> condense(List<Interval> intervals) {
    List<Interval> sorted = new ArrayList<>(intervals);
    sorted.sort(Comparator.naturalOrder());
    List<Interval> out = new ArrayList<>();
    for (Interval i : sorted) {
      if (i.start() == i.end()) {
        continue;
      }
      Interval last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && i.start() <= last.end()) {
        out.set(out.size() - 1, new Interval(last.start(), Math.max(last.end(), i.end())));
      } else {
        out.add(i);
      }
    }
    return out;
  }

  /**
   * Sweeps the chunk boundaries in time order, keeping the chunks covering the current instant ordered by
   * {@link #PRECEDENCE}; the first one is visible until the next boundary.
   */
  private static List<VisibleChunk> computeVisible(Collection<DataSegment> all) {
    Map<ChunkKey, List<DataSegment>> byChunk = new HashMap<>();
    for (DataSegment s : all) {
      if (s.interval().start() < s.interval().end()) {
        byChunk.computeIfAbsent(new ChunkKey(s.interval(), s.version()), k -> new ArrayList<>()).add(s);
      }
    }
    List<Chunk> chunks = new ArrayList<>();
    TreeSet<Long> boundaries = new TreeSet<>();
    byChunk.forEach((key, parts) -> {
      parts.sort(Comparator.comparingInt(DataSegment::partitionNum));
      chunks.add(new Chunk(key.interval(), key.version(), List.copyOf(parts)));
      boundaries.add(key.interval().start());
      boundaries.add(key.interval().end());
    });
    List<Chunk> byStart = new ArrayList<>(chunks);
    byStart.sort(Comparator.comparingLong(c -> c.interval().start()));
    List<Chunk> byEnd = new ArrayList<>(chunks);
    byEnd.sort(Comparator.comparingLong(c -> c.interval().end()));

    TreeSet<Chunk> covering = new TreeSet<>(PRECEDENCE);
    List<VisibleChunk> out = new ArrayList<>();
    Chunk current = null;
    long currentStart = 0;
    int nextStart = 0;
    int nextEnd = 0;
    Long[] points = boundaries.toArray(new Long[0]);
    for (int i = 0; i < points.length; i++) {
      long t = points[i];
      while (nextEnd < byEnd.size() && byEnd.get(nextEnd).interval().end() <= t) {
        covering.remove(byEnd.get(nextEnd++));
      }
      while (nextStart < byStart.size() && byStart.get(nextStart).interval().start() <= t) {
        covering.add(byStart.get(nextStart++));
      }
      Chunk winner = covering.isEmpty() ? null : covering.first();
      if (winner != current) {
        if (current != null) {
          out.add(new VisibleChunk(new Interval(currentStart, t), current.version(), current.partitions()));
        }
        current = winner;
        currentStart = t;
      }
    }
    return List.copyOf(out);
  }
}
