package io.strata.processing.filter;

import io.strata.api.data.ColumnCapabilities;
import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.ColumnValueSelector;
import io.strata.api.data.DimensionSelector;
import io.strata.api.input.InputRow;
import io.strata.processing.util.Numbers;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Selectors over one plain row at a time (an input row being ingested, a result row being checked by a having
 * clause). Point it at the current row with one of the {@code set} methods, then call the matchers and selectors
 * made from it. Column types are not known in advance, so {@link #capabilities} is null and filters read values
 * as objects. Strings that are numbers read as numbers from {@link ColumnValueSelector}; other strings read as
 * numeric nulls. Not thread-safe.
 */
public final class MapColumnSelectorFactory implements ColumnSelectorFactory {
  public static final String TIME = "__time";

  private Function<String, Object> row = c -> null;

  /** Reads columns from {@code row}. */
  public MapColumnSelectorFactory setRow(Map<String, ?> row) {
    this.row = row::get;
    return this;
  }

  /** Reads columns from {@code row}; {@code __time} is its timestamp unless it has a field of that name. */
  public MapColumnSelectorFactory setRow(InputRow row) {
    this.row = c -> {
      Object v = row.get(c);
      return v == null && TIME.equals(c) ? (Object) row.timestamp() : v;
    };
    return this;
  }

  /** Reads columns through a function (column name to value). */
  public MapColumnSelectorFactory setBinding(Function<String, Object> binding) {
    this.row = binding;
    return this;
  }

  /** The current row's value of a column. */
  public Object get(String column) {
    return row.apply(column);
  }

  @Override
  public DimensionSelector makeDimensionSelector(String column) {
    return new DimensionSelector() {
      private String current;

      @Override
      public int getValueId() {
        current = asString(row.apply(column));
        return 0;
      }

      @Override
      public String lookupName(int id) {
        return current;
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

      @Override
      public String getValue() {
        return asString(row.apply(column));
      }
    };
  }

  private static String asString(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof List<?> list) {
      return list.isEmpty() ? null : list.size() == 1 ? asString(list.get(0)) : String.valueOf(list);
    }
    return String.valueOf(v);
  }

  @Override
  public ColumnValueSelector makeColumnValueSelector(String column) {
    return new ColumnValueSelector() {
      private Number number() {
        return Numbers.asNumber(row.apply(column));
      }

      @Override
      public long getLong() {
        Number n = number();
        return n == null ? 0L : n.longValue();
      }

      @Override
      public double getDouble() {
        Number n = number();
        return n == null ? 0d : n.doubleValue();
      }

      @Override
      public float getFloat() {
        Number n = number();
        return n == null ? 0f : n.floatValue();
      }

      @Override
      public boolean isNull() {
        return number() == null;
      }

      @Override
      public Object getObject() {
        return row.apply(column);
      }
    };
  }

  @Override
  public ColumnCapabilities capabilities(String column) {
    return null;
  }
}
