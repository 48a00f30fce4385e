package io.strata.index;

import io.strata.api.data.ColumnCapabilities;
import io.strata.api.data.ColumnType;
import io.strata.api.time.Interval;

/**
 * A frozen view of the rows of an index: the first {@link #rowCount} row slots as they were published when the
 * view was taken, with the dimensions that existed then. Time and dimension values of published rows never
 * change, so the view reads them without locks; metric values are copied from the live {@link MetricsStore}
 * under its lock. Immutable and thread-safe.
 */
final class IndexView {
  final int rowCount;
  final long[][] times;
  final DimensionColumn.DimensionView[] dims;
  final MetricsStore metrics;

  /**
   * @param rowCount the published row count, read (volatile) before any of the other arguments
   */
  IndexView(int rowCount, LongChunks times, DimensionColumn[] columns, MetricsStore metrics) {
    this.rowCount = rowCount;
    this.times = times.directory();
    this.dims = new DimensionColumn.DimensionView[columns.length];
    for (int i = 0; i < columns.length; i++) {
      dims[i] = columns[i].view();
    }
    this.metrics = metrics;
  }

  long time(int slot) {
    return LongChunks.get(times, slot);
  }

  /** Index of dimension {@code name}, or -1. */
  int dimension(String name) {
    for (int i = 0; i < dims.length; i++) {
      if (dims[i].name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Index of metric {@code name}, or -1. */
  int metric(String name) {
    for (int i = 0; i < metrics.size(); i++) {
      if (metrics.factory(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The slots whose time falls in {@code interval}, in slot order. */
  int[] slotsIn(Interval interval) {
    int[] out = new int[rowCount];
    int n = 0;
    long start = interval.start();
    long end = interval.end();
    for (int c = 0; c << LongChunks.SHIFT < rowCount; c++) {
      long[] chunk = times[c];
      int base = c << LongChunks.SHIFT;
      int limit = Math.min(LongChunks.CHUNK, rowCount - base);
      for (int i = 0; i < limit; i++) {
        long t = chunk[i];
        if (t >= start && t < end) {
          out[n++] = base + i;
        }
      }
    }
    return n == out.length ? out : java.util.Arrays.copyOf(out, n);
  }

  /** Slots ordered by time, then dimensions in order: strings by value, numbers ascending, null first. */
  IntSorter.IntComparator rowOrder() {
    int[][] ranks = new int[dims.length][];
    return (a, b) -> {
      int c = Long.compare(time(a), time(b));
      if (c != 0) {
        return c;
      }
      for (int d = 0; d < dims.length; d++) {
        if (dims[d] instanceof DimensionColumn.StringView s) {
          int ia = s.id(a);
          int ib = s.id(b);
          if (ia != ib) {
            int[] rank = ranks[d];
            if (rank == null) {
              rank = ranks[d] = s.order().rank();
            }
            return Integer.compare(rank[ia], rank[ib]);
          }
        } else {
          DimensionColumn.NumberView n = (DimensionColumn.NumberView) dims[d];
          boolean na = n.isNull(a);
          boolean nb = n.isNull(b);
          if (na || nb) {
            if (na != nb) {
              return na ? -1 : 1;
            }
            continue;
          }
          long ba = n.bits(a);
          long bb = n.bits(b);
          if (ba != bb) {
            c = n.compareBits(ba, bb);
            if (c != 0) {
              return c;
            }
          }
        }
      }
      return 0;
    };
  }

  /** Capabilities of a column of this view, or null if there is no such column. */
  ColumnCapabilities capabilities(String column) {
    if (IncrementalIndex.TIME_COLUMN.equals(column)) {
      return ColumnCapabilities.numeric(column, ColumnType.LONG, false);
    }
    int d = dimension(column);
    if (d >= 0) {
      return dimensionCapabilities(dims[d].name(), dims[d].type());
    }
    int m = metric(column);
    return m >= 0 ? metricCapabilities(metrics, m) : null;
  }

  static ColumnCapabilities dimensionCapabilities(String name, ColumnType type) {
    if (type == ColumnType.STRING) {
      // Dictionary-encoded in insertion order: ids are not sorted, and there are no bitmap indexes in memory.
      return new ColumnCapabilities(name, ColumnType.STRING, false, true, false, false, true);
    }
    return ColumnCapabilities.numeric(name, type, true);
  }

  static ColumnCapabilities metricCapabilities(MetricsStore metrics, int m) {
    String name = metrics.factory(m).name();
    ColumnType type = metrics.type(m);
    boolean nullable = !(metrics.factory(m).spec() instanceof io.strata.api.query.AggregatorSpec.Count);
    if (type.isNumeric()) {
      return ColumnCapabilities.numeric(name, type, nullable);
    }
    return new ColumnCapabilities(name, type, false, false, false, false, nullable);
  }
}
