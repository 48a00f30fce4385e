package io.strata.index;

import io.strata.api.data.SingleValueDimensionVectorSelector;
import io.strata.api.data.VectorObjectSelector;
import io.strata.api.data.VectorValueSelector;

/**
 * Batch selectors over a {@link CursorRows}, reading the current batch of a vector cursor. Each selector fills
 * its reused arrays on the first call after the batch changed (tracked by {@link Batch#version}); the arrays are
 * valid until the cursor moves. Not thread-safe (one cursor's thread).
 */
final class VectorSelectors {
  private VectorSelectors() {
  }

  /** The current batch: positions into the holder's rows, contiguous unless a filter dropped rows. */
  static final class Batch {
    final int[] positions;
    int size;
    /** When true the batch is positions {@code [start, start + size)} and {@link #positions} is not filled. */
    boolean contiguous;
    int start;
    /** Changes whenever the batch does; selectors compare it with the version they last filled. */
    long version;

    Batch(int maxSize) {
      this.positions = new int[maxSize];
    }

    int position(int i) {
      return contiguous ? start + i : positions[i];
    }
  }

  static SingleValueDimensionVectorSelector dimension(StringValues values, Batch batch) {
    return new Dimension(values, batch);
  }

  static VectorValueSelector numbers(NumericValues values, Batch batch) {
    return values == null ? new AllNull(batch) : new Numbers(values, batch);
  }

  static VectorObjectSelector objects(CursorRows rows, String column, Batch batch) {
    if (rows.isString(column)) {
      StringValues s = rows.strings(column);
      return new Objects(batch, p -> s.names()[s.ids()[p]]);
    }
    NumericValues n = rows.numbers(column);
    return new Objects(batch, n == null ? p -> null : n::getObject);
  }

  /** Dictionary ids; a missing column ({@code values} null) reads as the null id 0. */
  private static final class Dimension implements SingleValueDimensionVectorSelector {
    private final StringValues values;
    private final Batch batch;
    private final int[] out;
    private long filled = -1;

    Dimension(StringValues values, Batch batch) {
      this.values = values;
      this.batch = batch;
      this.out = new int[batch.positions.length];
    }

    @Override
    public int[] getRowVector() {
      if (filled != batch.version && values != null) {
        int[] ids = values.ids();
        if (batch.contiguous) {
          System.arraycopy(ids, batch.start, out, 0, batch.size);
        } else {
          for (int i = 0; i < batch.size; i++) {
            out[i] = ids[batch.positions[i]];
          }
        }
      }
      filled = batch.version;
      return out;
    }

    @Override
    public String lookupName(int id) {
      return values == null ? null : values.names()[id];
    }

    @Override
    public int getValueCardinality() {
      return values == null ? 1 : values.cardinality();
    }

    @Override
    public boolean nameLookupPossibleInAdvance() {
      return true;
    }

    @Override
    public int idLookup(String value) {
      if (values == null) {
        return value == null ? 0 : -1;
      }
      return values.lookup().idOf(value);
    }
  }

  /** Numbers of a column, converted to the asked type per batch. */
  private static final class Numbers implements VectorValueSelector {
    private final NumericValues values;
    private final Batch batch;
    private long[] longs;
    private float[] floats;
    private double[] doubles;
    private boolean[] nulls;
    private long longsFilled = -1;
    private long floatsFilled = -1;
    private long doublesFilled = -1;
    private long nullsFilled = -1;
    private boolean batchHasNulls;

    Numbers(NumericValues values, Batch batch) {
      this.values = values;
      this.batch = batch;
    }

    @Override
    public long[] getLongVector() {
      if (longsFilled != batch.version) {
        if (longs == null) {
          longs = new long[batch.positions.length];
        }
        int n = batch.size;
        if (values.type == io.strata.api.data.ColumnType.LONG && batch.contiguous) {
          System.arraycopy(values.longs, batch.start, longs, 0, n);
        } else {
          for (int i = 0; i < n; i++) {
            longs[i] = values.getLong(batch.position(i));
          }
        }
        longsFilled = batch.version;
      }
      return longs;
    }

    @Override
    public float[] getFloatVector() {
      if (floatsFilled != batch.version) {
        if (floats == null) {
          floats = new float[batch.positions.length];
        }
        int n = batch.size;
        if (values.type == io.strata.api.data.ColumnType.FLOAT && batch.contiguous) {
          System.arraycopy(values.floats, batch.start, floats, 0, n);
        } else {
          for (int i = 0; i < n; i++) {
            floats[i] = values.getFloat(batch.position(i));
          }
        }
        floatsFilled = batch.version;
      }
      return floats;
    }

    @Override
    public double[] getDoubleVector() {
      if (doublesFilled != batch.version) {
        if (doubles == null) {
          doubles = new double[batch.positions.length];
        }
        int n = batch.size;
        if (values.type == io.strata.api.data.ColumnType.DOUBLE && batch.contiguous) {
          System.arraycopy(values.doubles, batch.start, doubles, 0, n);
        } else {
          for (int i = 0; i < n; i++) {
            doubles[i] = values.getDouble(batch.position(i));
          }
        }
        doublesFilled = batch.version;
      }
      return doubles;
    }

    @Override
    public boolean[] getNullVector() {
      if (!values.anyNull) {
        return null;
      }
      if (nullsFilled != batch.version) {
        if (nulls == null) {
          nulls = new boolean[batch.positions.length];
        }
        boolean any = false;
        for (int i = 0; i < batch.size; i++) {
          any |= nulls[i] = values.nulls[batch.position(i)];
        }
        batchHasNulls = any;
        nullsFilled = batch.version;
      }
      return batchHasNulls ? nulls : null;
    }
  }

  /** A missing column: zeros, every row null. */
  private static final class AllNull implements VectorValueSelector {
    private final long[] longs;
    private final float[] floats;
    private final double[] doubles;
    private final boolean[] nulls;

    AllNull(Batch batch) {
      int max = batch.positions.length;
      this.longs = new long[max];
      this.floats = new float[max];
      this.doubles = new double[max];
      this.nulls = new boolean[max];
      java.util.Arrays.fill(nulls, true);
    }

    @Override
    public long[] getLongVector() {
      return longs;
    }

    @Override
    public float[] getFloatVector() {
      return floats;
    }

    @Override
    public double[] getDoubleVector() {
      return doubles;
    }

    @Override
    public boolean[] getNullVector() {
      return nulls;
    }
  }

  /** Reads one position's object. */
  @FunctionalInterface
  private interface ObjectAt {
    Object get(int position);
  }

  private static final class Objects implements VectorObjectSelector {
    private final Batch batch;
    private final ObjectAt reader;
    private final Object[] out;
    private long filled = -1;

    Objects(Batch batch, ObjectAt reader) {
      this.batch = batch;
      this.reader = reader;
      this.out = new Object[batch.positions.length];
    }

    @Override
    public Object[] getObjectVector() {
      if (filled != batch.version) {
        for (int i = 0; i < batch.size; i++) {
          out[i] = reader.get(batch.position(i));
        }
        filled = batch.version;
      }
      return out;
    }
  }
}
