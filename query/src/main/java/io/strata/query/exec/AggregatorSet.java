package io.strata.query.exec;

import io.strata.api.data.ColumnCapabilities;
import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.ColumnValueSelector;
import io.strata.api.data.DimensionSelector;
import io.strata.api.data.VectorColumnSelectorFactory;
import io.strata.api.exec.AggregatorFactory;
import io.strata.api.exec.GroupedAggregator;
import io.strata.api.exec.GroupedVectorAggregator;
import io.strata.api.query.AggregatorSpec;
import io.strata.processing.aggregation.Aggregators;

import java.util.List;
import java.util.Map;

/**
 * A query's aggregators: makes their per-cursor aggregators, combines partial values across segments (in
 * intermediate form) and finalizes them. Thread-safe.
 */
public final class AggregatorSet {
  private final List<AggregatorFactory> factories;
  private final String[] names;
  private final Object[] empty;

  public AggregatorSet(List<AggregatorFactory> factories) {
    this.factories = List.copyOf(factories);
    this.names = new String[factories.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = factories.get(i).name();
    }
    GroupedAggregator[] aggs = factorize(EmptySelectors.INSTANCE);
    this.empty = new Object[aggs.length];
    for (int i = 0; i < aggs.length; i++) {
      aggs[i].ensureCapacity(1);
      empty[i] = aggs[i].get(0);
    }
  }

  /** Builds the aggregators of a query's {@code aggregations}. */
  public static AggregatorSet of(List<AggregatorSpec> specs) {
    return new AggregatorSet(Aggregators.createAll(specs));
  }

  public List<AggregatorFactory> factories() {
    return factories;
  }

  public int size() {
    return names.length;
  }

  public String name(int i) {
    return names[i];
  }

  /** Index of the aggregator with this output name, or -1. */
  public int indexOf(String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The intermediate values of a group that aggregated no rows (count 0, sums null). A fresh copy. */
  public Object[] emptyValues() {
    return empty.clone();
  }

  public GroupedAggregator[] factorize(ColumnSelectorFactory columns) {
    GroupedAggregator[] out = new GroupedAggregator[factories.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = factories.get(i).factorize(columns);
    }
    return out;
  }

  /** Vector aggregators, or null if any aggregator cannot run over batches of these columns. */
  public GroupedVectorAggregator[] factorizeVector(VectorColumnSelectorFactory columns) {
    GroupedVectorAggregator[] out = new GroupedVectorAggregator[factories.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = factories.get(i).factorizeVector(columns);
      if (out[i] == null) {
        return null;
      }
    }
    return out;
  }

  /** Folds {@code other} into {@code into}, value by value (intermediate form). */
  public void combineInto(Object[] into, Object[] other) {
    for (int i = 0; i < into.length; i++) {
      into[i] = factories.get(i).combine(into[i], other[i]);
    }
  }

  /** Puts the intermediate values into {@code row} under the aggregators' names. */
  public void putIntermediate(Map<String, Object> row, Object[] values) {
    for (int i = 0; i < names.length; i++) {
      row.put(names[i], values[i]);
    }
  }

  /** Replaces the aggregators' entries of {@code row} with their finalized values. */
  public void finalizeIn(Map<String, Object> row, Object[] values) {
    for (int i = 0; i < names.length; i++) {
      row.put(names[i], factories.get(i).finalizeValue(values[i]));
    }
  }

  /** Selectors over no data: every value reads as null. Used to learn the aggregators' empty values. */
  private static final class EmptySelectors implements ColumnSelectorFactory {
    static final EmptySelectors INSTANCE = new EmptySelectors();

    @Override
    public DimensionSelector makeDimensionSelector(String column) {
      return new DimensionSelector() {
        @Override
        public int getValueId() {
          return 0;
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
      };
    }

    @Override
    public ColumnValueSelector makeColumnValueSelector(String column) {
      return new ColumnValueSelector() {
        @Override
        public long getLong() {
          return 0;
        }

        @Override
        public double getDouble() {
          return 0;
        }

        @Override
        public float getFloat() {
          return 0;
        }

        @Override
        public boolean isNull() {
          return true;
        }

        @Override
        public Object getObject() {
          return null;
        }
      };
    }

    @Override
    public ColumnCapabilities capabilities(String column) {
      return null;
    }
  }
}
