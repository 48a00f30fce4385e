package io.strata.server.serving;

import io.strata.api.data.Segment;
import io.strata.api.data.SegmentId;
import io.strata.api.time.Interval;
import io.strata.metadata.DataSegment;
import io.strata.metadata.Timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An immutable snapshot of one datasource: its timeline and opened segments. Queries acquire it, use it, and
 * release it; once retired and released by everyone, the segments not carried into the next view are closed.
 */
public final class DataSourceView {
  private static final int RETIRED = Integer.MIN_VALUE / 2;

  private final String dataSource;
  private final Timeline timeline;
  private final Map<SegmentId, Segment> segments;
  private final List<DataSegment> descriptors;
  private final AtomicInteger users = new AtomicInteger();
  private volatile Set<SegmentId> keptByNext;

  DataSourceView(String dataSource, Timeline timeline, Map<SegmentId, Segment> segments,
                 List<DataSegment> descriptors) {
    this.dataSource = dataSource;
    this.timeline = timeline;
    this.segments = Map.copyOf(segments);
    this.descriptors = List.copyOf(descriptors);
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

  Segment segment(SegmentId id) {
    return segments.get(id);
  }

  /** The visible segments overlapping the intervals, in time order. */
  public List<Segment> segmentsFor(List<Interval> intervals) {
    List<Segment> out = new ArrayList<>();
    for (DataSegment d : timeline.lookup(intervals)) {
      Segment s = segments.get(d.id());
      if (s != null) {
        out.add(s);
      }
    }
    return out;
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
      closeDropped();
    }
  }

  /** Marks the view replaced; segments not in {@code kept} close when the last user releases. */
  void retire(Set<SegmentId> kept) {
    keptByNext = kept;
    if (users.getAndAdd(RETIRED) == 0) {
      closeDropped();
    }
  }

  private void closeDropped() {
    for (Map.Entry<SegmentId, Segment> e : segments.entrySet()) {
      if (!keptByNext.contains(e.getKey())) {
        e.getValue().close();
      }
    }
  }
}
