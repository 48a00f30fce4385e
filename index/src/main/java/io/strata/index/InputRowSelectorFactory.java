package io.strata.index;

import io.strata.api.data.ColumnCapabilities;
import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.ColumnValueSelector;
import io.strata.api.data.DimensionSelector;
import io.strata.api.input.InputRow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Selectors over the fields of the input row being ingested, so aggregators can fold input rows the same way
 * they fold cursor rows. Point it at a row with {@link #setRow}, then run the aggregators.
 *
 * <p>Numbers follow the rules of the index's value conversions: Numbers are used directly, Strings are parsed
 * ({@code "12"} is 12, {@code "1,234.5"} is 1234.5, blank is null), true/false read as 1/0. A value that is not
 * a number reads as null and records a parse error naming the field and the value
 * ({@link #parseErrors()}); each field is parsed at most once per row, however many aggregators read it, so each
 * bad value is reported once. {@code __time} reads the row's timestamp.
 *
 * <p>{@link #capabilities} is always null: the types of raw input fields are not known in advance. Dimension
 * selectors have one id per row (id 0, the current value) and cannot look names up in advance.
 *
 * <p>Not thread-safe: one ingesting thread owns it. Selectors stay bound to this factory and read whatever row
 * was set last.
 */
public final class InputRowSelectorFactory implements ColumnSelectorFactory {
  private final Map<String, FieldSelector> selectors = new HashMap<>();
  private final List<String> errors = new ArrayList<>();
  private final List<String> errorsView = Collections.unmodifiableList(errors);
  private InputRow row;
  private long rowVersion;

  /** Makes {@code row} the current row and clears the parse errors of the previous one. */
  public void setRow(InputRow row) {
    this.row = row;
    rowVersion++;
    errors.clear();
  }

  /** The current row, or null before the first {@link #setRow}. */
  public InputRow row() {
    return row;
  }

  /** Parse errors of the current row so far; a live view, cleared by the next {@link #setRow}. */
  public List<String> parseErrors() {
    return errorsView;
  }

  @Override
  public ColumnValueSelector makeColumnValueSelector(String column) {
    if (IncrementalIndex.TIME_COLUMN.equals(column)) {
      return new TimeSelector();
    }
    return selectors.computeIfAbsent(column, FieldSelector::new);
  }

  @Override
  public DimensionSelector makeDimensionSelector(String column) {
    return new FieldDimensionSelector(column);
  }

  @Override
  public ColumnCapabilities capabilities(String column) {
    return null;
  }

  /** For filters (a filtered metric): the row's values as given, not parsed as numbers. */
  @Override
  public ColumnSelectorFactory forFilters() {
    ColumnSelectorFactory parsing = this;
    return new ColumnSelectorFactory() {
      @Override
      public DimensionSelector makeDimensionSelector(String column) {
        return parsing.makeDimensionSelector(column);
      }

      @Override
      public ColumnValueSelector makeColumnValueSelector(String column) {
        ColumnValueSelector numbers = parsing.makeColumnValueSelector(column);
        if (IncrementalIndex.TIME_COLUMN.equals(column)) {
          return numbers;
        }
        return new ColumnValueSelector() {
          @Override
          public long getLong() {
            return numbers.getLong();
          }

          @Override
          public double getDouble() {
            return numbers.getDouble();
          }

          @Override
          public float getFloat() {
            return numbers.getFloat();
          }

          @Override
          public boolean isNull() {
            return raw(column) == null;
          }

          @Override
          public Object getObject() {
            return raw(column);
          }
        };
      }

      @Override
      public ColumnCapabilities capabilities(String column) {
        return null;
      }
    };
  }

  private Object raw(String field) {
    return row == null ? null : row.get(field);
  }

  /** A field read as a number, parsed once per row. */
  private final class FieldSelector implements ColumnValueSelector {
    private final String field;
    private final ValueConversions.ParsedNumber parsed = new ValueConversions.ParsedNumber();
    private long parsedVersion = -1;
    private boolean isNull;

    FieldSelector(String field) {
      // Interned like the field names Jackson hands out, so that the row lookup matches by identity.
      this.field = field.intern();
    }

    private void parse() {
      if (parsedVersion == rowVersion) {
        return;
      }
      parsedVersion = rowVersion;
      Object raw = raw(field);
      int outcome = ValueConversions.toNumber(raw, parsed);
      isNull = outcome != ValueConversions.NUMBER;
      if (outcome == ValueConversions.UNPARSEABLE) {
        errors.add("Unable to parse value[" + raw + "] for field[" + field + "]");
      }
    }

    @Override
    public long getLong() {
      parse();
      return isNull ? 0 : parsed.asLong();
    }

    @Override
    public double getDouble() {
      parse();
      return isNull ? 0 : parsed.asDouble();
    }

    @Override
    public float getFloat() {
      parse();
      return isNull ? 0 : (float) parsed.asDouble();
    }

    @Override
    public boolean isNull() {
      parse();
      return isNull;
    }

    @Override
    public Object getObject() {
      parse();
      if (isNull) {
        return null;
      }
      return parsed.isLong ? (Object) parsed.longValue : (Object) parsed.doubleValue;
    }
  }

  /** {@code __time}: the row's timestamp. */
  private final class TimeSelector implements ColumnValueSelector {
    @Override
    public long getLong() {
      return row == null ? 0 : row.timestamp();
    }

    @Override
    public double getDouble() {
      return getLong();
    }

    @Override
    public float getFloat() {
      return getLong();
    }

    @Override
    public boolean isNull() {
      return row == null;
    }

    @Override
    public Object getObject() {
      return row == null ? null : row.timestamp();
    }
  }

  /** A field read as a string; id 0 is always the current row's value. */
  private final class FieldDimensionSelector implements DimensionSelector {
    private final String field;

    FieldDimensionSelector(String field) {
      this.field = field;
    }

    @Override
    public int getValueId() {
      return 0;
    }

    @Override
    public String lookupName(int id) {
      if (id != 0) {
        throw new IllegalArgumentException("id [" + id + "] is not the current row's id 0");
      }
      return ValueConversions.toDimensionString(raw(field));
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
      throw new UnsupportedOperationException("ids of input rows cannot be looked up in advance");
    }
  }
}
