package io.strata.query.virtual;

import io.strata.api.data.ColumnCapabilities;
import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.ColumnType;
import io.strata.api.data.ColumnValueSelector;
import io.strata.api.data.Cursor;
import io.strata.api.data.DimensionSelector;
import io.strata.api.exec.Filter;
import io.strata.api.exec.ValueMatcher;
import io.strata.processing.util.Numbers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A row cursor that also reads virtual columns. Each virtual column is evaluated at most once per row (selectors
 * cache the value for the cursor's current position) and coerced to its output type: numbers for LONG, DOUBLE and
 * FLOAT (a value that is not a number is null; LONG truncates), text for STRING (numbers in their usual form). A
 * filter that reads a virtual column skips the rows it does not match.
 */
final class VirtualCursor implements Cursor {
  private final Cursor base;
  private final VirtualColumns columns;
  private final Factory factory;
  private final ValueMatcher matcher;
  /** The columns whose {@link VirtualColumns#DROP} value skips a row. */
  private final List<ValueSelector> droppers = new ArrayList<>();
  /** Moves with every row, so selectors know when their cached value is stale. */
  private long position;

  VirtualCursor(Cursor base, VirtualColumns columns, Filter postFilter) {
    this.base = base;
    this.columns = columns;
    this.factory = new Factory(base.selectorFactory());
    this.matcher = postFilter == null ? null : postFilter.makeMatcher(factory);
    for (VirtualColumns.Column c : columns.rowDroppers()) {
      droppers.add(factory.value(c));
    }
    skipUnmatched();
  }

  private void skipUnmatched() {
    if (matcher == null && droppers.isEmpty()) {
      return;
    }
    while (!base.isDone() && (dropped() || matcher != null && !matcher.matches())) {
      base.advance();
      position++;
    }
  }

  private boolean dropped() {
    for (ValueSelector d : droppers) {
      if (d.value() == VirtualColumns.DROP) {
        return true;
      }
    }
    return false;
  }

  @Override
  public ColumnSelectorFactory selectorFactory() {
    return factory;
  }

  @Override
  public void advance() {
    base.advance();
    position++;
    skipUnmatched();
  }

  @Override
  public boolean isDone() {
    return base.isDone();
  }

  @Override
  public void reset() {
    base.reset();
    position++;
    skipUnmatched();
  }

  private final class Factory implements ColumnSelectorFactory {
    private final ColumnSelectorFactory base;
    private final Map<String, ValueSelector> values = new HashMap<>();

    Factory(ColumnSelectorFactory base) {
      this.base = base;
    }

    /** The (shared) selector of a virtual column's coerced value. */
    private ValueSelector value(VirtualColumns.Column c) {
      ValueSelector s = values.get(c.name());
      if (s == null) {
        s = new ValueSelector(c, this);
        values.put(c.name(), s);
      }
      return s;
    }

    @Override
    public DimensionSelector makeDimensionSelector(String column) {
      VirtualColumns.Column c = columns.get(column);
      return c == null ? base.makeDimensionSelector(column) : new StringSelector(value(c));
    }

    @Override
    public ColumnValueSelector makeColumnValueSelector(String column) {
      VirtualColumns.Column c = columns.get(column);
      return c == null ? base.makeColumnValueSelector(column) : value(c);
    }

    @Override
    public ColumnCapabilities capabilities(String column) {
      VirtualColumns.Column c = columns.get(column);
      return c == null ? base.capabilities(column) : c.capabilities();
    }
  }

  /** A virtual column's value at the current row, evaluated once per row. */
  private final class ValueSelector implements ColumnValueSelector {
    private final VirtualColumns.Column column;
    private final Function<String, Object> binding;
    private long evaluatedAt = -1;
    private Object value;

    ValueSelector(VirtualColumns.Column column, Factory factory) {
      this.column = column;
      Map<String, ColumnValueSelector> inputs = new HashMap<>();
      for (String name : column.inputs()) {
        inputs.put(name, factory.makeColumnValueSelector(name));
      }
      this.binding = name -> {
        ColumnValueSelector s = inputs.get(name);
        return s == null ? null : s.getObject();
      };
    }

    /** The coerced value: a Long, Double, Float or String, or null. */
    Object value() {
      if (evaluatedAt != position) {
        Object computed = column.computation().eval(binding);
        value = computed == VirtualColumns.DROP ? computed : coerce(computed, column.type());
        evaluatedAt = position;
      }
      return value;
    }

    @Override
    public long getLong() {
      Object v = value();
      return v instanceof Number n ? n.longValue() : 0;
    }

    @Override
    public double getDouble() {
      Object v = value();
      return v instanceof Number n ? n.doubleValue() : 0;
    }

    @Override
    public float getFloat() {
      Object v = value();
      return v instanceof Number n ? n.floatValue() : 0;
    }

    @Override
    public boolean isNull() {
      Object v = value();
      return v == null || column.type().isNumeric() && !(v instanceof Number);
    }

    @Override
    public Object getObject() {
      return value();
    }
  }

  static Object coerce(Object v, ColumnType type) {
    return io.strata.processing.expression.Expressions.coerce(v, type);
  }

  /**
   * A virtual column as a dimension: its values as text, with ids handed out as values appear (no dictionary is
   * known in advance); null is id 0.
   */
  private static final class StringSelector implements DimensionSelector {
    private final ValueSelector value;
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    StringSelector(ValueSelector value) {
      this.value = value;
      names.add(null);
    }

    @Override
    public int getValueId() {
      Object v = value.value();
      if (v == null) {
        return 0;
      }
      String s = v instanceof String str ? str : String.valueOf(v);
      Integer id = ids.get(s);
      if (id == null) {
        id = names.size();
        ids.put(s, id);
        names.add(s);
      }
      return id;
    }

    @Override
    public String lookupName(int id) {
      return names.get(id);
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
      Integer id = value == null ? Integer.valueOf(0) : ids.get(value);
      return id == null ? -1 : id;
    }

    @Override
    public String getValue() {
      Object v = value.value();
      return v == null ? null : v instanceof String s ? s : String.valueOf(v);
    }
  }
}
