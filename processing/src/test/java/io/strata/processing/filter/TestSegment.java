package io.strata.processing.filter;

import io.strata.api.data.ColumnCapabilities;
import io.strata.api.data.ColumnIndexSelector;
import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.ColumnType;
import io.strata.api.data.ColumnValueSelector;
import io.strata.api.data.DimensionSelector;
import io.strata.api.data.SingleValueDimensionVectorSelector;
import io.strata.api.data.StringValueIndex;
import io.strata.api.data.VectorColumnSelectorFactory;
import io.strata.api.data.VectorObjectSelector;
import io.strata.api.data.VectorValueSelector;
import io.strata.api.exec.Filter;
import io.strata.api.exec.ValueMatcher;
import io.strata.api.exec.VectorValueMatcher;
import io.strata.processing.ordering.StringComparators;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tiny in-memory columnar table for filter tests: string columns get a sorted dictionary (UTF-8 order by
 * default, or UTF-16 order as the segment format uses; null first) with one bitmap per value; numeric columns
 * are plain arrays. It serves every access path a filter has: bitmaps, row matchers (with and without ids known
 * in advance), vector matchers (any batch size) and map rows.
 */
final class TestSegment implements ColumnIndexSelector {
  static final String TIME = "__time";

  private final int numRows;
  private final Map<String, Column> columns = new LinkedHashMap<>();
  private final List<Map<String, Object>> rows;

  private static final class Column {
    final String name;
    final ColumnType type;
    final Object[] values;
    final boolean hasNulls;
    String[] dictionary; // STRING only
    int[] ids;
    MutableRoaringBitmap[] bitmaps;

    private final java.util.Comparator<String> order;

    Column(String name, ColumnType type, Object[] values, java.util.Comparator<String> order) {
      this.order = order;
      this.name = name;
      this.type = type;
      this.values = values;
      this.hasNulls = Arrays.stream(values).anyMatch(v -> v == null);
      if (type == ColumnType.STRING) {
        TreeSet<String> sorted = new TreeSet<>(order);
        for (Object v : values) {
          sorted.add((String) v);
        }
        dictionary = sorted.toArray(new String[0]);
        ids = new int[values.length];
        bitmaps = new MutableRoaringBitmap[dictionary.length];
        for (int i = 0; i < bitmaps.length; i++) {
          bitmaps[i] = new MutableRoaringBitmap();
        }
        for (int r = 0; r < values.length; r++) {
          ids[r] = indexOf((String) values[r]);
          bitmaps[ids[r]].add(r);
        }
      }
    }

    int indexOf(String v) {
      return Arrays.binarySearch(dictionary, v, order);
    }

    ColumnCapabilities capabilities() {
      if (type == ColumnType.STRING) {
        return new ColumnCapabilities(name, type, false, true, true, true, hasNulls);
      }
      return ColumnCapabilities.numeric(name, type, hasNulls);
    }
  }

  /**
   * @param types column name to type (a {@code __time} LONG column is allowed)
   * @param rows  row values; missing keys are nulls
   */
  TestSegment(Map<String, ColumnType> types, List<Map<String, Object>> rows) {
    this(types, rows, StringComparators.LEXICOGRAPHIC);
  }

  /** As above, with string dictionaries sorted by {@code order} (UTF-8 or UTF-16 order, nulls first). */
  TestSegment(Map<String, ColumnType> types, List<Map<String, Object>> rows, java.util.Comparator<String> order) {
    this.numRows = rows.size();
    this.rows = rows;
    for (Map.Entry<String, ColumnType> e : types.entrySet()) {
      Object[] values = new Object[numRows];
      for (int r = 0; r < numRows; r++) {
        values[r] = rows.get(r).get(e.getKey());
      }
      columns.put(e.getKey(), new Column(e.getKey(), e.getValue(), values, order));
    }
  }

  // ------------------------------------------------------------------ ColumnIndexSelector

  @Override
  public int numRows() {
    return numRows;
  }

  @Override
  public StringValueIndex stringIndex(String column) {
    Column c = columns.get(column);
    if (c == null || c.type != ColumnType.STRING) {
      return null;
    }
    return new StringValueIndex() {
      @Override
      public int cardinality() {
        return c.dictionary.length;
      }

      @Override
      public String lookupName(int id) {
        return c.dictionary[id];
      }

      @Override
      public int indexOf(String value) {
        return c.indexOf(value);
      }

      @Override
      public ImmutableRoaringBitmap bitmap(int id) {
        return c.bitmaps[id];
      }
    };
  }

  @Override
  public ColumnCapabilities capabilities(String column) {
    Column c = columns.get(column);
    return c == null ? null : c.capabilities();
  }

  // ------------------------------------------------------------------ evaluation through each path

  /** Rows matched via the bitmap path, or null if the filter cannot use bitmaps here. */
  List<Integer> viaBitmap(Filter f) {
    ImmutableRoaringBitmap b = f.computeBitmap(this);
    if (b == null) {
      return null;
    }
    List<Integer> out = new ArrayList<>();
    b.forEach((int r) -> out.add(r));
    return out;
  }

  List<Integer> viaMatcher(Filter f, boolean lookupInAdvance) {
    RowCursor cursor = new RowCursor(lookupInAdvance);
    ValueMatcher m = f.makeMatcher(cursor);
    List<Integer> out = new ArrayList<>();
    for (cursor.row = 0; cursor.row < numRows; cursor.row++) {
      if (m.matches()) {
        out.add(cursor.row);
      }
    }
    return out;
  }

  List<Integer> viaVectorMatcher(Filter f, int vectorSize, boolean lookupInAdvance) {
    VectorCursor cursor = new VectorCursor(vectorSize, lookupInAdvance);
    VectorValueMatcher m = f.makeVectorMatcher(cursor);
    List<Integer> out = new ArrayList<>();
    boolean[] matched = new boolean[vectorSize];
    for (cursor.offset = 0; cursor.offset < numRows; cursor.offset += vectorSize) {
      cursor.size = Math.min(vectorSize, numRows - cursor.offset);
      Arrays.fill(matched, true); // garbage the matcher must overwrite
      int n = m.match(matched, cursor.size);
      int count = 0;
      for (int i = 0; i < cursor.size; i++) {
        if (matched[i]) {
          out.add(cursor.offset + i);
          count++;
        }
      }
      assertThat(n).as("vector matcher count").isEqualTo(count);
    }
    return out;
  }

  List<Integer> viaMapRows(Filter f) {
    var p = RowFilters.forMaps(f);
    List<Integer> out = new ArrayList<>();
    for (int r = 0; r < numRows; r++) {
      Map<String, Object> row = new HashMap<>(rows.get(r));
      if (p.test(row)) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * The rows matched, after checking that every path agrees: the bitmap (when available), row matchers with and
   * without lookups in advance, vector matchers with batch sizes 1, 3 and 512, and map rows.
   */
  List<Integer> matchAllPaths(Filter f, String what) {
    List<Integer> expected = viaMatcher(f, true);
    List<Integer> bitmap = viaBitmap(f);
    if (bitmap != null) {
      assertThat(bitmap).as("bitmap path of " + what).isEqualTo(expected);
    }
    assertThat(viaMatcher(f, false)).as("per-row matcher of " + what).isEqualTo(expected);
    for (int size : new int[] {1, 3, 512}) {
      assertThat(viaVectorMatcher(f, size, true)).as("vector matcher (" + size + ", ids) of " + what)
          .isEqualTo(expected);
      assertThat(viaVectorMatcher(f, size, false)).as("vector matcher (" + size + ", names) of " + what)
          .isEqualTo(expected);
    }
    assertThat(viaMapRows(f)).as("map rows of " + what).isEqualTo(expected);
    return expected;
  }

  // ------------------------------------------------------------------ row cursor

  private final class RowCursor implements ColumnSelectorFactory {
    private final boolean lookupInAdvance;
    int row;

    RowCursor(boolean lookupInAdvance) {
      this.lookupInAdvance = lookupInAdvance;
    }

    @Override
    public DimensionSelector makeDimensionSelector(String column) {
      Column c = columns.get(column);
      if (c == null || c.type != ColumnType.STRING) {
        throw new AssertionError("filters should read " + column + " through a value selector");
      }
      return new DimensionSelector() {
        @Override
        public int getValueId() {
          return c.ids[row];
        }

        @Override
        public String lookupName(int id) {
          return c.dictionary[id];
        }

        @Override
        public int getValueCardinality() {
          return lookupInAdvance ? c.dictionary.length : CARDINALITY_UNKNOWN;
        }

        @Override
        public boolean nameLookupPossibleInAdvance() {
          return lookupInAdvance;
        }

        @Override
        public int idLookup(String value) {
          int i = c.indexOf(value);
          return i >= 0 ? i : -1;
        }
      };
    }

    @Override
    public ColumnValueSelector makeColumnValueSelector(String column) {
      Column c = columns.get(column);
      return new ColumnValueSelector() {
        private Object value() {
          return c == null ? null : c.values[row];
        }

        @Override
        public long getLong() {
          Object v = value();
          return v instanceof Number n ? n.longValue() : 0L;
        }

        @Override
        public double getDouble() {
          Object v = value();
          return v instanceof Number n ? n.doubleValue() : 0d;
        }

        @Override
        public float getFloat() {
          Object v = value();
          return v instanceof Number n ? n.floatValue() : 0f;
        }

        @Override
        public boolean isNull() {
          return !(value() instanceof Number);
        }

        @Override
        public Object getObject() {
          return value();
        }
      };
    }

    @Override
    public ColumnCapabilities capabilities(String column) {
      return TestSegment.this.capabilities(column);
    }
  }

  // ------------------------------------------------------------------ vector cursor

  private final class VectorCursor implements VectorColumnSelectorFactory {
    private final int maxSize;
    private final boolean lookupInAdvance;
    int offset;
    int size;

    VectorCursor(int maxSize, boolean lookupInAdvance) {
      this.maxSize = maxSize;
      this.lookupInAdvance = lookupInAdvance;
    }

    @Override
    public int getMaxVectorSize() {
      return maxSize;
    }

    @Override
    public SingleValueDimensionVectorSelector makeSingleValueDimensionSelector(String column) {
      Column c = columns.get(column);
      int[] ids = new int[maxSize];
      return new SingleValueDimensionVectorSelector() {
        @Override
        public int[] getRowVector() {
          for (int i = 0; i < size; i++) {
            ids[i] = c.ids[offset + i];
          }
          return ids;
        }

        @Override
        public String lookupName(int id) {
          return c.dictionary[id];
        }

        @Override
        public int getValueCardinality() {
          return lookupInAdvance ? c.dictionary.length : DimensionSelector.CARDINALITY_UNKNOWN;
        }

        @Override
        public boolean nameLookupPossibleInAdvance() {
          return lookupInAdvance;
        }

        @Override
        public int idLookup(String value) {
          int i = c.indexOf(value);
          return i >= 0 ? i : -1;
        }
      };
    }

    @Override
    public VectorValueSelector makeValueSelector(String column) {
      Column c = columns.get(column);
      long[] longs = new long[maxSize];
      float[] floats = new float[maxSize];
      double[] doubles = new double[maxSize];
      boolean[] nulls = new boolean[maxSize];
      return new VectorValueSelector() {
        private boolean fill() {
          boolean any = false;
          for (int i = 0; i < size; i++) {
            Object v = c == null ? null : c.values[offset + i];
            nulls[i] = v == null;
            any |= v == null;
            Number n = v == null ? 0 : (Number) v;
            longs[i] = n.longValue();
            floats[i] = n.floatValue();
            doubles[i] = n.doubleValue();
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
      Column c = columns.get(column);
      Object[] objects = new Object[maxSize];
      return () -> {
        for (int i = 0; i < size; i++) {
          objects[i] = c == null ? null : c.values[offset + i];
        }
        return objects;
      };
    }

    @Override
    public ColumnCapabilities capabilities(String column) {
      return TestSegment.this.capabilities(column);
    }
  }
}
