package io.strata.query.testing;

import io.strata.api.data.ColumnCapabilities;
import io.strata.api.data.SingleValueDimensionVectorSelector;
import io.strata.api.data.VectorColumnSelectorFactory;
import io.strata.api.data.VectorCursor;
import io.strata.api.data.VectorObjectSelector;
import io.strata.api.data.VectorValueSelector;
import io.strata.processing.ordering.StringComparators;

import java.util.Arrays;

/** A vector cursor over chosen rows of a {@link TestSegment}, in batches of at most {@code vectorSize}. */
final class TestVectorCursor implements VectorCursor {
  private static final String[] NULL_DICTIONARY = {null};

  private final TestSegment segment;
  private final int[] order;
  private final int vectorSize;
  private int offset;

  TestVectorCursor(TestSegment segment, int[] order, int vectorSize) {
    this.segment = segment;
    this.order = order;
    this.vectorSize = vectorSize;
  }

  private Object value(int i, String column) {
    int row = order[offset + i];
    return column.equals("__time") ? segment.times[row] : segment.rows.get(row).get(column);
  }

  @Override
  public VectorColumnSelectorFactory selectorFactory() {
    return new VectorColumnSelectorFactory() {
      @Override
      public int getMaxVectorSize() {
        return vectorSize;
      }

      @Override
      public SingleValueDimensionVectorSelector makeSingleValueDimensionSelector(String column) {
        String[] d = segment.dictionaries.get(column);
        String[] dict = d == null ? NULL_DICTIONARY : d;
        int[] ids = new int[vectorSize];
        return new SingleValueDimensionVectorSelector() {
          @Override
          public int[] getRowVector() {
            for (int i = 0; i < getCurrentVectorSize(); i++) {
              Object v = d == null ? null : value(i, column);
              ids[i] = Arrays.binarySearch(dict, v == null ? null : v.toString(), StringComparators.LEXICOGRAPHIC);
            }
            return ids;
          }

          @Override
          public String lookupName(int id) {
            return dict[id];
          }

          @Override
          public int getValueCardinality() {
            return dict.length;
          }

          @Override
          public boolean nameLookupPossibleInAdvance() {
            return true;
          }

          @Override
          public int idLookup(String value) {
            int i = Arrays.binarySearch(dict, value, StringComparators.LEXICOGRAPHIC);
            return i < 0 ? -1 : i;
          }
        };
      }

      @Override
      public VectorValueSelector makeValueSelector(String column) {
        long[] longs = new long[vectorSize];
        float[] floats = new float[vectorSize];
        double[] doubles = new double[vectorSize];
        boolean[] nulls = new boolean[vectorSize];
        return new VectorValueSelector() {
          private boolean fill() {
            boolean any = false;
            for (int i = 0; i < getCurrentVectorSize(); i++) {
              Object v = value(i, column);
              Number n = v instanceof Number x ? x : null;
              nulls[i] = n == null;
              any |= n == null;
              longs[i] = n == null ? 0 : n.longValue();
              floats[i] = n == null ? 0 : n.floatValue();
              doubles[i] = n == null ? 0 : n.doubleValue();
            }
            return any;
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
            return fill() ? nulls : null;
          }
        };
      }

      @Override
      public VectorObjectSelector makeObjectSelector(String column) {
        Object[] objects = new Object[vectorSize];
        return () -> {
          for (int i = 0; i < getCurrentVectorSize(); i++) {
            objects[i] = value(i, column);
          }
          return objects;
        };
      }

      @Override
      public ColumnCapabilities capabilities(String column) {
        return segment.cursorFactory().capabilities(column);
      }
    };
  }

  @Override
  public int getMaxVectorSize() {
    return vectorSize;
  }

  @Override
  public int getCurrentVectorSize() {
    return Math.min(vectorSize, order.length - offset);
  }

  @Override
  public void advance() {
    segment.rowsRead.addAndGet(getCurrentVectorSize());
    offset += vectorSize;
  }

  @Override
  public boolean isDone() {
    return offset >= order.length;
  }

  @Override
  public void reset() {
    offset = 0;
  }
}
