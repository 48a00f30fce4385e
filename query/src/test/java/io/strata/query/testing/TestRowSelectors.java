package io.strata.query.testing;

import io.strata.api.data.ColumnCapabilities;
import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.ColumnType;
import io.strata.api.data.ColumnValueSelector;
import io.strata.api.data.DimensionSelector;
import io.strata.processing.ordering.StringComparators;

import java.util.Arrays;
import java.util.function.IntSupplier;

/** Selectors reading the current row of a test cursor. */
final class TestRowSelectors implements ColumnSelectorFactory {
  private final TestSegment segment;
  private final IntSupplier row;

  TestRowSelectors(TestSegment segment, IntSupplier row) {
    this.segment = segment;
    this.row = row;
  }

  Object value(String column) {
    return segment.rows.get(row.getAsInt()).get(column);
  }

  @Override
  public DimensionSelector makeDimensionSelector(String column) {
    String[] dict = segment.dictionaries.get(column);
    if (dict != null && !segment.opaqueDictionaries) {
      return new DimensionSelector() {
        @Override
        public int getValueId() {
          Object v = value(column);
          return Arrays.binarySearch(dict, v == null ? null : v.toString(), StringComparators.LEXICOGRAPHIC);
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
    // No usable dictionary (numbers, missing columns, opaque mode): ids are row numbers.
    return new DimensionSelector() {
      @Override
      public int getValueId() {
        return row.getAsInt();
      }

      @Override
      public String lookupName(int id) {
        if (column.equals("__time")) {
          return String.valueOf(segment.times[id]);
        }
        Object v = segment.rows.get(id).get(column);
        return v == null ? null : v.toString();
      }

      @Override
      public int getValueCardinality() {
        return CARDINALITY_UNKNOWN;
      }

      @Override
      public boolean nameLookupPossibleInAdvance() {
        return false;
      }

      @Override
      public int idLookup(String value) {
        return -1;
      }
    };
  }

  @Override
  public ColumnValueSelector makeColumnValueSelector(String column) {
    ColumnType type = column.equals("__time") ? ColumnType.LONG : segment.signature.type(column);
    return new ColumnValueSelector() {
      private Object get() {
        return column.equals("__time") ? segment.times[row.getAsInt()] : value(column);
      }

      private Number number() {
        Object v = get();
        if (v instanceof Number n) {
          return n;
        }
        if (v == null) {
          return null;
        }
        try {
          return Double.parseDouble(v.toString());
        } catch (NumberFormatException e) {
          return null;
        }
      }

      @Override
      public long getLong() {
        Number n = number();
        return n == null ? 0 : n.longValue();
      }

      @Override
      public double getDouble() {
        Number n = number();
        return n == null ? 0 : n.doubleValue();
      }

      @Override
      public float getFloat() {
        Number n = number();
        return n == null ? 0 : n.floatValue();
      }

      @Override
      public boolean isNull() {
        return type == ColumnType.STRING ? number() == null : get() == null;
      }

      @Override
      public Object getObject() {
        Object v = get();
        if (v == null || type == null) {
          return v;
        }
        return switch (type) {
          case LONG -> ((Number) v).longValue();
          case DOUBLE -> ((Number) v).doubleValue();
          case FLOAT -> ((Number) v).floatValue();
          default -> v;
        };
      }
    };
  }

  @Override
  public ColumnCapabilities capabilities(String column) {
    return segment.cursorFactory().capabilities(column);
  }
}
