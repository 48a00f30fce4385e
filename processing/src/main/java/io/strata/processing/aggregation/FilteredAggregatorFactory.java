package io.strata.processing.aggregation;

import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.ColumnType;
import io.strata.api.data.VectorColumnSelectorFactory;
import io.strata.api.exec.AggregatorFactory;
import io.strata.api.exec.Filter;
import io.strata.api.exec.GroupedAggregator;
import io.strata.api.exec.GroupedVectorAggregator;
import io.strata.api.exec.ValueMatcher;
import io.strata.api.query.AggregatorSpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Druid's {@code filtered} aggregator: the inner aggregator sees only the rows the filter matches (a group no row
 * of which matches has the inner aggregator's empty value: 0 for count, null for sums). Rows are matched one by one
 * (the aggregator has no vectorized form, so queries using it take the row path); the partial values are the inner
 * aggregator's, so merging combines them as the inner aggregator does.
 */
final class FilteredAggregatorFactory implements AggregatorFactory {
  private final AggregatorSpec.Filtered spec;
  private final AggregatorFactory inner;
  private final Filter filter;

  FilteredAggregatorFactory(AggregatorSpec.Filtered spec, AggregatorFactory inner, Filter filter) {
    this.spec = spec;
    this.inner = inner;
    this.filter = filter;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public AggregatorSpec spec() {
    return spec;
  }

  @Override
  public List<String> requiredColumns() {
    List<String> out = new ArrayList<>(inner.requiredColumns());
    for (String c : filter.requiredColumns()) {
      if (!out.contains(c)) {
        out.add(c);
      }
    }
    return out;
  }

  @Override
  public ColumnType intermediateType() {
    return inner.intermediateType();
  }

  @Override
  public ColumnType finalizedType() {
    return inner.finalizedType();
  }

  @Override
  public GroupedAggregator factorize(ColumnSelectorFactory factory) {
    GroupedAggregator delegate = inner.factorize(factory);
    ValueMatcher matcher = filter.makeMatcher(factory.forFilters());
    return new GroupedAggregator() {
      @Override
      public void ensureCapacity(int slots) {
        delegate.ensureCapacity(slots);
      }

      @Override
      public void aggregate(int slot) {
        if (matcher.matches()) {
          delegate.aggregate(slot);
        }
      }

      @Override
      public Object get(int slot) {
        return delegate.get(slot);
      }

      @Override
      public boolean isNull(int slot) {
        return delegate.isNull(slot);
      }

      @Override
      public long getLong(int slot) {
        return delegate.getLong(slot);
      }

      @Override
      public double getDouble(int slot) {
        return delegate.getDouble(slot);
      }

      @Override
      public float getFloat(int slot) {
        return delegate.getFloat(slot);
      }

      @Override
      public int bytesPerSlot() {
        return delegate.bytesPerSlot();
      }
    };
  }

  /** None: a query with a filtered aggregator reads rows one by one. */
  @Override
  public GroupedVectorAggregator factorizeVector(VectorColumnSelectorFactory factory) {
    return null;
  }

  @Override
  public AggregatorFactory combiningFactory() {
    return inner.combiningFactory();
  }

  @Override
  public boolean orderInsensitive() {
    return inner.orderInsensitive();
  }

  @Override
  public Object combine(Object a, Object b) {
    return inner.combine(a, b);
  }

  @Override
  public Object finalizeValue(Object intermediate) {
    return inner.finalizeValue(intermediate);
  }

  @Override
  public Comparator<Object> comparator() {
    return inner.comparator();
  }
}
