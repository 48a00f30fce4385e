package io.strata.query.scan;

import io.strata.api.data.ColumnCapabilities;
import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.ColumnType;
import io.strata.api.data.ColumnValueSelector;
import io.strata.api.data.Cursor;
import io.strata.api.data.CursorHolder;
import io.strata.api.data.DimensionSelector;
import io.strata.api.data.SingleValueDimensionVectorSelector;
import io.strata.api.data.VectorColumnSelectorFactory;
import io.strata.api.data.VectorCursor;
import io.strata.api.data.VectorObjectSelector;
import io.strata.api.data.VectorValueSelector;
import io.strata.api.error.ResourceLimitException;
import io.strata.query.exec.QueryDeadline;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads the requested columns of a cursor's rows into {@code Object[]} rows (column order as requested): numbers
 * as Long/Float/Double, strings as String, {@code __time} as epoch milliseconds, a missing column as null. Uses
 * batches when the holder can vectorize. Not thread-safe.
 */
final class ScanReader {
  /** Receives rows; returns false to stop reading. */
  interface Sink {
    boolean accept(Object[] row);
  }

  private final List<String> columns;
  private final QueryDeadline deadline;
  private final Budget budget;

  /**
   * How many values (rows times columns) one scan may hold in memory before it is refused, shared by the readers of
   * all its segments: a scan without a limit over a large datasource must end in a clear error, not in an
   * out-of-memory error that takes the server's other work down with it. A sixty-fourth of the heap, counted as
   * values (a boxed value and its reference take about 24 bytes; the rendered JSON streams out).
   */
  static final class Budget {
    private final long maxValues;
    private final AtomicLong left;

    Budget(long maxValues) {
      this.maxValues = maxValues;
      this.left = new AtomicLong(maxValues);
    }

    /** The default budget: a sixty-fourth of the maximum heap, in values. */
    static long heapValues() {
      return Math.max(1_000_000, Runtime.getRuntime().maxMemory() / 64);
    }

    void take(long values) {
      if (left.addAndGet(-values) < 0) {
        throw new ResourceLimitException("The scan would hold more than " + maxValues
            + " values (rows times columns) in memory; add a limit, narrow the intervals or the filter, select fewer"
            + " columns, or page through the rows with offset and limit");
      }
    }
  }

  ScanReader(List<String> columns, QueryDeadline deadline, Budget budget) {
    this.columns = columns;
    this.deadline = deadline;
    this.budget = budget;
  }

  /** Reads rows until the cursor ends or the sink says stop; returns false if the sink stopped it. */
  boolean read(CursorHolder holder, Sink sink) {
    if (holder.canVectorize()) {
      VectorCursor vc = holder.asVectorCursor();
      if (vc != null) {
        return readVector(vc, sink);
      }
    }
    return readRows(holder.asCursor(), sink);
  }

  private interface RowColumn {
    Object get();
  }

  private boolean readRows(Cursor cursor, Sink sink) {
    ColumnSelectorFactory f = cursor.selectorFactory();
    RowColumn[] readers = new RowColumn[columns.size()];
    for (int i = 0; i < readers.length; i++) {
      readers[i] = rowColumn(f, columns.get(i));
    }
    long n = 0;
    while (!cursor.isDone()) {
      Object[] row = new Object[readers.length];
      for (int i = 0; i < readers.length; i++) {
        row[i] = readers[i].get();
      }
      if (!sink.accept(row)) {
        budget.take((n & 0x3FF) * Math.max(1, readers.length));
        return false;
      }
      cursor.advance();
      if ((++n & 0x3FF) == 0) {
        deadline.check();
        budget.take(0x400L * Math.max(1, readers.length));
      }
    }
    budget.take((n & 0x3FF) * Math.max(1, readers.length));
    return true;
  }

  private static RowColumn rowColumn(ColumnSelectorFactory f, String column) {
    if (column.equals("__time")) {
      ColumnValueSelector s = f.makeColumnValueSelector(column);
      return s::getLong;
    }
    ColumnCapabilities caps = f.capabilities(column);
    if (caps == null) {
      return () -> null;
    }
    if (caps.type() == ColumnType.STRING && !caps.hasMultipleValues()) {
      DimensionSelector s = f.makeDimensionSelector(column);
      return s::getValue;
    }
    ColumnValueSelector s = f.makeColumnValueSelector(column);
    return switch (caps.type()) {
      case LONG -> () -> s.isNull() ? null : s.getLong();
      case DOUBLE -> () -> s.isNull() ? null : s.getDouble();
      case FLOAT -> () -> s.isNull() ? null : s.getFloat();
      default -> s::getObject;
    };
  }

  /** Fills one column of a batch into {@code out[row][index]}. */
  private interface VectorColumn {
    void fill(Object[][] out, int index, int size);
  }

  private boolean readVector(VectorCursor cursor, Sink sink) {
    VectorColumnSelectorFactory f = cursor.selectorFactory();
    VectorColumn[] readers = new VectorColumn[columns.size()];
    for (int i = 0; i < readers.length; i++) {
      readers[i] = vectorColumn(f, columns.get(i));
    }
    Object[][] batch = new Object[cursor.getMaxVectorSize()][];
    while (!cursor.isDone()) {
      int size = cursor.getCurrentVectorSize();
      for (int r = 0; r < size; r++) {
        batch[r] = new Object[readers.length];
      }
      for (int i = 0; i < readers.length; i++) {
        readers[i].fill(batch, i, size);
      }
      budget.take((long) size * Math.max(1, readers.length));
      for (int r = 0; r < size; r++) {
        if (!sink.accept(batch[r])) {
          return false;
        }
      }
      cursor.advance();
      deadline.check();
    }
    return true;
  }

  private static VectorColumn vectorColumn(VectorColumnSelectorFactory f, String column) {
    if (column.equals("__time")) {
      VectorValueSelector s = f.makeValueSelector(column);
      return (out, index, size) -> {
        long[] v = s.getLongVector();
        for (int r = 0; r < size; r++) {
          out[r][index] = v[r];
        }
      };
    }
    ColumnCapabilities caps = f.capabilities(column);
    if (caps == null) {
      return (out, index, size) -> { };
    }
    if (caps.type() == ColumnType.STRING && !caps.hasMultipleValues()) {
      SingleValueDimensionVectorSelector s = f.makeSingleValueDimensionSelector(column);
      return (out, index, size) -> {
        int[] ids = s.getRowVector();
        for (int r = 0; r < size; r++) {
          out[r][index] = s.lookupName(ids[r]);
        }
      };
    }
    if (caps.type().isNumeric()) {
      VectorValueSelector s = f.makeValueSelector(column);
      ColumnType type = caps.type();
      return (out, index, size) -> {
        boolean[] nulls = s.getNullVector();
        switch (type) {
          case LONG -> {
            long[] v = s.getLongVector();
            for (int r = 0; r < size; r++) {
              out[r][index] = nulls != null && nulls[r] ? null : v[r];
            }
          }
          case FLOAT -> {
            float[] v = s.getFloatVector();
            for (int r = 0; r < size; r++) {
              out[r][index] = nulls != null && nulls[r] ? null : v[r];
            }
          }
          default -> {
            double[] v = s.getDoubleVector();
            for (int r = 0; r < size; r++) {
              out[r][index] = nulls != null && nulls[r] ? null : v[r];
            }
          }
        }
      };
    }
    VectorObjectSelector s = f.makeObjectSelector(column);
    return (out, index, size) -> {
      Object[] v = s.getObjectVector();
      for (int r = 0; r < size; r++) {
        out[r][index] = v[r];
      }
    };
  }
}
