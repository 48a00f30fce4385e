package io.strata.segment.read;

import io.strata.api.data.ColumnCapabilities;
import io.strata.api.data.CursorBuildSpec;
import io.strata.api.data.CursorFactory;
import io.strata.api.data.CursorHolder;
import io.strata.api.data.RowSignature;
import io.strata.api.time.Interval;
import io.strata.segment.format.ColumnMetadata;

/**
 * The read seam of a persisted segment. Restricts each cursor to the spec's interval by binary search on the
 * sorted {@code __time} column (the rows of an interval are one contiguous row range), then hands filtering to
 * the {@link SegmentCursorHolder}. Thread-safe.
 */
final class SegmentCursorFactory implements CursorFactory {
  private final QueryableSegment segment;
  private final RowSignature signature;

  SegmentCursorFactory(QueryableSegment segment) {
    this.segment = segment;
    RowSignature.Builder b = RowSignature.builder();
    for (ColumnMetadata c : segment.metadata().columns()) {
      b.add(c.name(), c.type());
    }
    this.signature = b.build();
  }

  @Override
  public RowSignature signature() {
    return signature;
  }

  @Override
  public ColumnCapabilities capabilities(String column) {
    ColumnHandle h = segment.column(column);
    return h == null ? null : h.capabilities();
  }

  @Override
  public CursorHolder makeCursorHolder(CursorBuildSpec spec) {
    if (spec.vectorSize() < 1) {
      throw new IllegalArgumentException("vectorSize must be at least 1, got " + spec.vectorSize());
    }
    segment.acquire();
    try {
      Interval interval = spec.interval() == null ? Interval.ETERNITY : spec.interval();
      int start = lowerBound(interval.start());
      int end = Math.max(start, lowerBound(interval.end()));
      return new SegmentCursorHolder(segment, spec, start, end);
    } catch (RuntimeException e) {
      segment.release();
      throw e;
    }
  }

  /** The first row with {@code __time >= t}. */
  private int lowerBound(long t) {
    int numRows = segment.numRows();
    if (numRows == 0 || t <= segment.metadata().minTime()) {
      return 0;
    }
    if (t > segment.metadata().maxTime()) {
      return numRows;
    }
    NumericColumn time = segment.timeColumn().numeric();
    return time.lowerBound(t, time.decoder());
  }

  @Override
  public int numRows() {
    return segment.numRows();
  }

  @Override
  public long minTime() {
    return segment.metadata().minTime();
  }

  @Override
  public long maxTime() {
    return segment.metadata().maxTime();
  }
}
