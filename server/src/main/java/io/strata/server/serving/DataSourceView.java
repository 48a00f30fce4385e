package io.strata.server.serving;

import io.strata.api.data.Segment;
import io.strata.api.data.SegmentId;
import io.strata.api.time.Interval;
import io.strata.metadata.DataSegment;
import io.strata.metadata.Timeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An immutable snapshot of one datasource: its timeline and opened segments. Queries acquire it, use it, and
 * release it; once retired and released by everyone, it lets go of its segments, which close when no other view holds
 * them ({@link SegmentReferences}).
 */
public final class DataSourceView {
  private static final int RETIRED = Integer.MIN_VALUE / 2;

  private final String dataSource;
  private final Timeline timeline;
  private final Map<SegmentId, Segment> segments;
  private final List<DataSegment> descriptors;
  /** Segments of streaming tasks not yet handed off: in-memory indexes and persisted spills. */
  private final List<Segment> live;
  private final AtomicInteger users = new AtomicInteger();
  private final SegmentReferences references;

  DataSourceView(String dataSource, Timeline timeline, Map<SegmentId, Segment> segments,
                 List<DataSegment> descriptors, List<Segment> live, SegmentReferences references) {
    this.dataSource = dataSource;
    this.timeline = timeline;
    this.segments = Map.copyOf(segments);
    this.descriptors = List.copyOf(descriptors);
    this.live = List.copyOf(live);
    this.references = references;
    references.hold(held());
  }

  private List<Segment> held() {
    List<Segment> all = new ArrayList<>(segments.values());
    all.addAll(live);
    return all;
  }

  /** The opened published segments, by id. */
  Map<SegmentId, Segment> published() {
    return segments;
  }

  /** The live segments of streaming tasks. */
  public List<Segment> live() {
    return live;
  }

  public String dataSource() {
    return dataSource;
  }

  public Timeline timeline() {
    return timeline;
  }

  /** Used segment descriptors (visible or overshadowed-but-used). */
  public List<DataSegment> descriptors() {
    return descriptors;
  }

  /** How many of the used segments are opened (the others failed to load). */
  int loadedCount() {
    return segments.size();
  }

  Segment segment(SegmentId id) {
    return segments.get(id);
  }

  /**
   * The visible published segments overlapping the intervals, in time order, then the live segments overlapping
   * them (the rows of a stream not yet handed off are never also in a published segment). A segment partly overshadowed by a newer version
   * comes wrapped so that only its visible part is read.
   */
  public List<Segment> segmentsFor(List<Interval> intervals) {
    List<Segment> out = new ArrayList<>();
    Map<SegmentId, List<Interval>> visibleParts = new LinkedHashMap<>();
    for (Timeline.VisibleChunk chunk : timeline.lookupChunks(intervals)) {
      for (DataSegment d : chunk.segments()) {
        visibleParts.computeIfAbsent(d.id(), k -> new ArrayList<>()).add(chunk.interval());
      }
    }
    for (Map.Entry<SegmentId, List<Interval>> e : visibleParts.entrySet()) {
      Segment s = segments.get(e.getKey());
      if (s == null) {
        continue;
      }
      Interval whole = e.getKey().interval();
      List<Interval> parts = e.getValue();
      if (parts.size() == 1 && coversQueriedPart(parts.get(0), whole, intervals)) {
        out.add(s);
      } else {
        for (Interval part : parts) {
          out.add(new ClippedSegment(s, part));
        }
      }
    }
    for (Segment s : live) {
      for (Interval q : intervals) {
        if (q.overlaps(s.id().interval())) {
          out.add(s);
          break;
        }
      }
    }
    return out;
  }

  /** True if the visible part holds all of the segment that the query intervals touch. */
  private static boolean coversQueriedPart(Interval visible, Interval segment, List<Interval> queried) {
    for (Interval q : queried) {
      Interval touched = q.intersect(segment);
      if (touched != null && !visible.containsInterval(touched)) {
        return false;
      }
    }
    return true;
  }

  boolean tryAcquire() {
    while (true) {
      int n = users.get();
      if (n < 0) {
        return false;
      }
      if (users.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  public void release() {
    if (users.decrementAndGet() == RETIRED) {
      references.release(held());
    }
  }

  /** Marks the view replaced (a newer one holds what it keeps); its segments are let go when its last user releases. */
  void retire() {
    if (users.getAndAdd(RETIRED) == 0) {
      references.release(held());
    }
  }
}
