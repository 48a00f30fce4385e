package io.strata.index;

import io.strata.api.data.ColumnCapabilities;
import io.strata.api.data.ColumnType;

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

  /**
   * Slots ordered by time, then dimensions in order: strings by value, numbers ascending, null first. The
   * comparator reads plain arrays indexed by slot: the times are copied once, and a string dimension's value ranks
   * are laid out per slot the first time two rows tie up to it. Not thread-safe: one sort at a time.
   */
  IntSorter.IntComparator rowOrder() {
    long[] timeBySlot = new long[rowCount];
    for (int c = 0; c << LongChunks.SHIFT < rowCount; c++) {
      int base = c << LongChunks.SHIFT;
      System.arraycopy(times[c], 0, timeBySlot, base, Math.min(LongChunks.CHUNK, rowCount - base));
    }
    int[][] rankBySlot = new int[dims.length][];
    return (a, b) -> {
      int c = Long.compare(timeBySlot[a], timeBySlot[b]);
      if (c != 0) {
        return c;
      }
      for (int d = 0; d < dims.length; d++) {
        if (dims[d] instanceof DimensionColumn.StringView s) {
          int[] rank = rankBySlot[d];
          if (rank == null) {
            rank = rankBySlot[d] = ranksBySlot(s);
          }
          if (rank[a] != rank[b]) {
            return Integer.compare(rank[a], rank[b]);
          }
        } else {
          c = compareNumbers((DimensionColumn.NumberView) dims[d], a, b);
          if (c != 0) {
            return c;
          }
        }
      }
      return 0;
    };
  }

  private int[] ranksBySlot(DimensionColumn.StringView s) {
    int[] rankById = s.order().rank();
    int[] out = new int[rowCount];
    for (int slot = 0; slot < rowCount; slot++) {
      out[slot] = rankById[s.id(slot)];
    }
    return out;
  }

  private static int compareNumbers(DimensionColumn.NumberView n, int a, int b) {
    boolean na = n.isNull(a);
    boolean nb = n.isNull(b);
    if (na || nb) {
      return na == nb ? 0 : na ? -1 : 1;
    }
    long ba = n.bits(a);
    long bb = n.bits(b);
    return ba == bb ? 0 : n.compareBits(ba, bb);
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
