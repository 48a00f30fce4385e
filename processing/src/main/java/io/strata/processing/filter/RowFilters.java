package io.strata.processing.filter;

import io.strata.api.exec.Filter;
import io.strata.api.exec.ValueMatcher;
import io.strata.api.input.InputRow;
import io.strata.api.query.FilterSpec;

import java.util.Map;
import java.util.function.Predicate;

/**
 * Filters evaluated over plain rows, one at a time: the transformSpec filter over input rows and the having
 * {@code filter} over result rows. The predicates returned are not thread-safe (they share one
 * {@link MapColumnSelectorFactory}); make one per thread.
 */
public final class RowFilters {
  private RowFilters() {
  }

  /** A predicate over map rows (column name to value); a null filter matches everything. */
  public static Predicate<Map<String, Object>> forMaps(Filter filter) {
    if (filter == null) {
      return r -> true;
    }
    MapColumnSelectorFactory factory = new MapColumnSelectorFactory();
    ValueMatcher m = filter.makeMatcher(factory);
    return r -> {
      factory.setRow(r);
      return m.matches();
    };
  }

  public static Predicate<Map<String, Object>> forMaps(FilterSpec spec) {
    return forMaps(Filters.create(spec));
  }

  /** A predicate over input rows; {@code __time} reads the row timestamp. A null filter matches everything. */
  public static Predicate<InputRow> forInputRows(Filter filter) {
    if (filter == null) {
      return r -> true;
    }
    MapColumnSelectorFactory factory = new MapColumnSelectorFactory();
    ValueMatcher m = filter.makeMatcher(factory);
    return r -> {
      factory.setRow(r);
      return m.matches();
    };
  }

  public static Predicate<InputRow> forInputRows(FilterSpec spec) {
    return forInputRows(Filters.create(spec));
  }
}
