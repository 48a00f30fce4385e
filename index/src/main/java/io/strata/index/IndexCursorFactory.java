package io.strata.index;

import io.strata.api.data.ColumnCapabilities;
import io.strata.api.data.CursorBuildSpec;
import io.strata.api.data.CursorFactory;
import io.strata.api.data.CursorHolder;
import io.strata.api.data.RowSignature;
import io.strata.api.exec.Filter;
import io.strata.api.time.Interval;

import java.util.Arrays;

/**
 * The read seam of an {@link IncrementalIndex}. Each holder takes a snapshot when it is made: the rows published
 * so far whose time is in the spec's interval, sorted by time and then dimension values (strings by value,
 * numbers ascending, null first), reversed for descending specs. Rows added later are not seen by that holder.
 * The order is kept between holders ({@link SortedRows}), so a holder costs a merge of the rows added since the
 * last one plus a binary search for the interval, not a full sort.
 *
 * <p>While the index takes no rows (a sink of an earlier time chunk, an index being persisted, a quiet stream),
 * holders for the same interval and direction share one snapshot, with the columns it already materialized: a query
 * then costs what it costs on a persisted segment rather than a copy of every column it reads. One snapshot is kept
 * (the last made), so the memory it holds is at most one copy of the columns queries read.
 *
 * <p>Thread-safe: any number of threads may make holders while the writer adds rows.
 */
final class IndexCursorFactory implements CursorFactory {
  private final IncrementalIndex index;
  private volatile Snapshot last;

  /**
   * The rows of the holders made at {@code version} for {@code interval}, in {@code descending} order or not, or in
   * slot order ({@code unordered}).
   */
  private record Snapshot(long version, Interval interval, boolean descending, boolean unordered, CursorRows rows) {
  }

  IndexCursorFactory(IncrementalIndex index) {
    this.index = index;
  }

  @Override
  public RowSignature signature() {
    return index.signature();
  }

  @Override
  public ColumnCapabilities capabilities(String column) {
    return index.view().capabilities(column);
  }

  @Override
  public CursorHolder makeCursorHolder(CursorBuildSpec spec) {
    Interval interval = spec.interval() == null ? Interval.ETERNITY : spec.interval();
    CursorRows rows = snapshot(interval, spec.descending(), spec.anyOrder());
    IndexView view = rows.view;
    if (spec.filter() == null || readsMetrics(view, spec.filter())) {
      // A filter on a metric keeps to the holder's one metric snapshot: it matches on the values it aggregates.
      return new IndexCursorHolder(rows, spec);
    }
    // Filter first, reading only the filter's columns, and hand the cursors just the matching rows: the columns
    // a query reads are then materialized for those rows only, as a segment's bitmap index lets its cursors skip
    // the rest. The holder's own cursors then need no filter.
    int[] matched = matchingSlots(rows, spec.filter(), Math.max(1, spec.vectorSize()));
    return new IndexCursorHolder(new CursorRows(view, matched),
        new CursorBuildSpec(spec.interval(), null, spec.descending(), spec.vectorSize(), spec.anyOrder()));
  }

  /**
   * The rows in {@code interval}: the last snapshot if nothing was added since and it is of the same rows (a sorted
   * one serves a reader that takes any order too). Sorted by time and dimension values unless {@code anyOrder}:
   * then in slot order, which costs one pass over the times instead of keeping the sort order up to date with the
   * rows and dictionary values that arrived since the last query (most of a live query's cost while rows stream in).
   */
  private CursorRows snapshot(Interval interval, boolean descending, boolean anyOrder) {
    // The version is read before the view: a snapshot may hold rows newer than its version, never older ones.
    long version = index.version();
    Snapshot cached = last;
    if (cached != null && cached.version == version && cached.interval.equals(interval)
        && (anyOrder || cached.descending == descending && !cached.unordered)) {
      return cached.rows;
    }
    IndexView view = index.view();
    int[] slots = anyOrder ? inSlotOrder(view, interval) : index.sortedRows().in(view, interval);
    if (descending && !anyOrder) {
      for (int i = 0, j = slots.length - 1; i < j; i++, j--) {
        int t = slots[i];
        slots[i] = slots[j];
        slots[j] = t;
      }
    }
    CursorRows rows = new CursorRows(view, slots);
    last = new Snapshot(version, interval, descending, anyOrder, rows);
    return rows;
  }

  private static int[] inSlotOrder(IndexView view, Interval interval) {
    int n = view.rowCount;
    int[] slots = new int[n];
    int k = 0;
    long start = interval.start();
    long end = interval.end();
    for (int slot = 0; slot < n; slot++) {
      long t = view.time(slot);
      if (t >= start && t < end) {
        slots[k++] = slot;
      }
    }
    return k == n ? slots : Arrays.copyOf(slots, k);
  }

  private static boolean readsMetrics(IndexView view, Filter filter) {
    for (String column : filter.requiredColumns()) {
      if (view.metric(column) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** The slots of {@code rows} the filter keeps, in the rows' order. */
  static int[] matchingSlots(CursorRows rows, Filter filter, int vectorSize) {
    int[] out = new int[Math.min(rows.size, 1024)];
    int n = 0;
    IndexVectorCursor vector;
    try {
      vector = new IndexVectorCursor(rows, vectorSize, filter::makeVectorMatcher);
      if (vector.matcherMissing()) {
        vector = null;
      }
    } catch (UnsupportedOperationException e) {
      vector = null;
    }
    if (vector != null) {
      for (; !vector.isDone(); vector.advance()) {
        int size = vector.getCurrentVectorSize();
        if (n + size > out.length) {
          out = Arrays.copyOf(out, Math.max(n + size, Math.min(rows.size, out.length * 2)));
        }
        for (int i = 0; i < size; i++) {
          out[n++] = rows.slots[vector.position(i)];
        }
      }
    } else {
      for (IndexCursor cursor = new IndexCursor(rows, filter); !cursor.isDone(); cursor.advance()) {
        if (n == out.length) {
          out = Arrays.copyOf(out, Math.min(rows.size, out.length * 2));
        }
        out[n++] = rows.slots[cursor.position()];
      }
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  @Override
  public int numRows() {
    return index.numRows();
  }

  @Override
  public long minTime() {
    return index.minTime();
  }

  @Override
  public long maxTime() {
    return index.maxTime();
  }
}
