package io.strata.index;

import io.strata.api.data.ColumnCapabilities;
import io.strata.api.data.ColumnType;

import java.util.Arrays;

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
  RowOrder rowOrder() {
    return new RowOrder();
  }

  /** The row order of this view; see {@link #rowOrder()}. */
  final class RowOrder implements IntSorter.IntComparator {
    private final long[] timeBySlot = new long[rowCount];
    private final int[][] rankBySlot = new int[dims.length][];

    private RowOrder() {
      for (int c = 0; c << LongChunks.SHIFT < rowCount; c++) {
        int base = c << LongChunks.SHIFT;
        System.arraycopy(times[c], 0, timeBySlot, base, Math.min(LongChunks.CHUNK, rowCount - base));
      }
    }

    @Override
    public int compare(int a, int b) {
      int c = Long.compare(timeBySlot[a], timeBySlot[b]);
      if (c != 0) {
        return c;
      }
      for (int d = 0; d < dims.length; d++) {
        if (dims[d] instanceof DimensionColumn.StringView s) {
          int[] rank = ranks(d, s);
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
    }

    private int[] ranks(int d, DimensionColumn.StringView s) {
      int[] rank = rankBySlot[d];
      if (rank == null) {
        rank = rankBySlot[d] = ranksBySlot(s);
      }
      return rank;
    }

    /**
     * Sorts {@code slots[from, to)}, which must be in ascending slot order, into this order; rows that compare
     * equal stay in slot order (as a stable sort leaves them).
     *
     * <p>Most of the work is a primitive sort of one long per row: the row's time (less the smallest), the rank of
     * the first dimension's value when it is a string and fits, and the slot in the low bits, so that equal keys
     * keep slot order. Only runs of rows equal in time and first dimension, usually a handful, are then ordered
     * with the comparator. That is several times faster than a comparator sort of every row, and small code the JIT
     * compiles at once (the comparator sort inlined into a merge loop took the C2 compiler half a second per
     * ingestion). When time and slot alone do not fit in 63 bits, the comparator sorts everything.
     */
    void sort(int[] slots, int from, int to) {
      int n = to - from;
      if (n < 2) {
        return;
      }
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      int maxSlot = 0;
      for (int i = from; i < to; i++) {
        int slot = slots[i];
        long t = timeBySlot[slot];
        min = Math.min(min, t);
        max = Math.max(max, t);
        maxSlot = Math.max(maxSlot, slot);
      }
      long span = max - min;
      int slotBits = bitsFor(maxSlot);
      int timeBits = span < 0 ? 64 : bitsFor(span);
      if (timeBits + slotBits > 63) {
        IntSorter.sort(slots, from, to, this);
        return;
      }
      int[] rank = null;
      int rankBits = 0;
      if (dims.length > 0 && dims[0] instanceof DimensionColumn.StringView s
          && timeBits + slotBits + bitsFor(s.cardinality()) <= 63) {
        rank = ranks(0, s);
        rankBits = bitsFor(s.cardinality());
      }
      long[] keys = new long[n];
      for (int i = 0; i < n; i++) {
        int slot = slots[from + i];
        long key = (timeBySlot[slot] - min) << rankBits;
        if (rank != null) {
          key |= rank[slot];
        }
        keys[i] = key << slotBits | slot;
      }
      Arrays.sort(keys);
      long slotMask = (1L << slotBits) - 1;
      int runStart = 0;
      for (int i = 0; i < n; i++) {
        slots[from + i] = (int) (keys[i] & slotMask);
        if (i > 0 && keys[i] >>> slotBits != keys[i - 1] >>> slotBits) {
          sortTies(slots, from + runStart, from + i);
          runStart = i;
        }
      }
      sortTies(slots, from + runStart, to);
    }

    /** Orders a run of rows equal in time and, when it was in the key, first dimension; already in slot order. */
    private void sortTies(int[] slots, int from, int to) {
      if (to - from > 1 && dims.length > 0) {
        IntSorter.sort(slots, from, to, this);
      }
    }
  }

  /** Bits needed to hold {@code v} (at least 1): the keys of {@link RowOrder#sort} are packed from these. */
  private static int bitsFor(long v) {
    return Math.max(1, 64 - Long.numberOfLeadingZeros(v));
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
