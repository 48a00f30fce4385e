package io.strata.segment.read;

import io.strata.api.data.SingleValueDimensionVectorSelector;
import io.strata.api.data.VectorObjectSelector;
import io.strata.api.data.VectorValueSelector;

import java.util.Arrays;

/**
 * The vector cursor's string and missing-column selectors (numeric columns: {@link NumericVectorSelector}). Each
 * fills its reused array once per batch, on first use. Not thread-safe.
 */
final class VectorSelectors {
  private VectorSelectors() {
  }

  /** Dictionary ids of a string column: a run decode for contiguous batches, random access otherwise. */
  static final class StringIds implements SingleValueDimensionVectorSelector {
    /** The widest row span a filtered batch decodes as one range. */
    private static final int SPAN_LIMIT = 2048;
    private final VectorOffset offset;
    private final StringColumn column;
    private final int[] ids;
    private int[] spanScratch;
    private int filledFor = -1;

    StringIds(VectorOffset offset, StringColumn column, int maxSize) {
      this.offset = offset;
      this.column = column;
      this.ids = new int[maxSize];
    }

    @Override
    public int[] getRowVector() {
      if (filledFor != offset.id) {
        filledFor = offset.id;
        if (offset.contiguous) {
          column.ids(offset.start, offset.size, ids);
        } else {
          if (spanScratch == null) {
            spanScratch = new int[SPAN_LIMIT];
          }
          column.ids(offset.rows, offset.size, ids, spanScratch);
        }
      }
      return ids;
    }

    @Override
    public String lookupName(int id) {
      return column.lookupName(id);
    }

    @Override
    public int getValueCardinality() {
      return column.cardinality;
    }

    @Override
    public boolean nameLookupPossibleInAdvance() {
      return true;
    }

    @Override
    public int idLookup(String value) {
      int id = column.indexOf(value);
      return id >= 0 ? id : -1;
    }
  }

  /** The values of a string column as {@code String} objects (null for null). */
  static final class StringObjects implements VectorObjectSelector {
    private final StringIds ids;
    private final Object[] values;
    private final VectorOffset offset;
    private int filledFor = -1;

    StringObjects(StringIds ids, VectorOffset offset, int maxSize) {
      this.ids = ids;
      this.offset = offset;
      this.values = new Object[maxSize];
    }

    @Override
    public Object[] getObjectVector() {
      if (filledFor != offset.id) {
        filledFor = offset.id;
        int[] v = ids.getRowVector();
        for (int i = 0; i < offset.size; i++) {
          values[i] = ids.lookupName(v[i]);
        }
      }
      return values;
    }
  }

  /** A string column read as numbers: parsed per row; null and unparseable strings are null. */
  static final class StringAsNumbers implements VectorValueSelector {
    private final StringObjects strings;
    private final VectorOffset offset;
    private final long[] longs;
    private final float[] floats;
    private final double[] doubles;
    private final boolean[] nulls;
    private int filledFor = -1;
    private boolean anyNull;

    StringAsNumbers(StringObjects strings, VectorOffset offset, int maxSize) {
      this.strings = strings;
      this.offset = offset;
      this.longs = new long[maxSize];
      this.floats = new float[maxSize];
      this.doubles = new double[maxSize];
      this.nulls = new boolean[maxSize];
    }

    private void fill() {
      if (filledFor == offset.id) {
        return;
      }
      filledFor = offset.id;
      Object[] s = strings.getObjectVector();
      anyNull = false;
      for (int i = 0; i < offset.size; i++) {
        Double d = Numbers.parse((String) s[i]);
        boolean isNull = d == null;
        double v = isNull ? 0d : d;
        nulls[i] = isNull;
        anyNull |= isNull;
        doubles[i] = v;
        floats[i] = (float) v;
        longs[i] = (long) v;
      }
    }

    @Override
    public long[] getLongVector() {
      fill();
      return longs;
    }

    @Override
    public float[] getFloatVector() {
      fill();
      return floats;
    }

    @Override
    public double[] getDoubleVector() {
      fill();
      return doubles;
    }

    @Override
    public boolean[] getNullVector() {
      fill();
      return anyNull ? nulls : null;
    }
  }

  /**
   * A numeric column read as strings: id {@code i} names row {@code i} of the current batch, so ids mean nothing
   * across batches ({@link #nameLookupPossibleInAdvance()} is false).
   */
  static final class NumericAsDimension implements SingleValueDimensionVectorSelector {
    private final NumericVectorSelector.Objects values;
    private final int[] ids;

    NumericAsDimension(NumericVectorSelector.Objects values, int maxSize) {
      this.values = values;
      this.ids = new int[maxSize];
      for (int i = 0; i < maxSize; i++) {
        ids[i] = i;
      }
    }

    @Override
    public int[] getRowVector() {
      return ids;
    }

    @Override
    public String lookupName(int id) {
      Object v = values.getObjectVector()[id];
      return v == null ? null : v.toString();
    }

    @Override
    public int getValueCardinality() {
      return io.strata.api.data.DimensionSelector.CARDINALITY_UNKNOWN;
    }

    @Override
    public boolean nameLookupPossibleInAdvance() {
      return false;
    }

    @Override
    public int idLookup(String value) {
      return -1;
    }
  }

  /** A column the segment does not have, as ids: every row has id 0, the null value. */
  static final class NullIds implements SingleValueDimensionVectorSelector {
    private final int[] ids;

    NullIds(int maxSize) {
      this.ids = new int[maxSize];
    }

    @Override
    public int[] getRowVector() {
      return ids;
    }

    @Override
    public String lookupName(int id) {
      return null;
    }

    @Override
    public int getValueCardinality() {
      return 1;
    }

    @Override
    public boolean nameLookupPossibleInAdvance() {
      return true;
    }

    @Override
    public int idLookup(String value) {
      return value == null ? 0 : -1;
    }
  }

  /** A column the segment does not have, as numbers and objects: null on every row. */
  static final class NullValues implements VectorValueSelector, VectorObjectSelector {
    private final long[] longs;
    private final float[] floats;
    private final double[] doubles;
    private final boolean[] nulls;
    private final Object[] objects;

    NullValues(int maxSize) {
      this.longs = new long[maxSize];
      this.floats = new float[maxSize];
      this.doubles = new double[maxSize];
      this.nulls = new boolean[maxSize];
      Arrays.fill(nulls, true);
      this.objects = new Object[maxSize];
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

    @Override
    public Object[] getObjectVector() {
      return objects;
    }
  }
}
