package io.strata.query.exec;

import io.strata.api.data.NullSelectors;

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
import java.util.Locale;
import java.util.Map;

/**
 * A query's aggregators: makes their per-cursor aggregators, combines partial values across segments (in
 * intermediate form) and finalizes them. Thread-safe.
 *
 * <p>The built-in aggregators ({@code count} and the long/double/float sum/min/max family) are recognised, so
 * that partial values can travel as primitive columns ({@link AggregateColumns}) and the vector path can
 * aggregate straight into them ({@link ColumnVectorAggregators}); any other factory is handled through its
 * boxed {@code get}/{@code combine}.
 */
public final class AggregatorSet {
  private final List<AggregatorFactory> factories;
  /** False when results keep intermediate values ({@code "finalize": false}). */
  private boolean finalizing = true;
  private final String[] names;
  private final Object[] empty;
  /** Per aggregator: {@link AggregateColumns#LONG}, ... or {@link AggregateColumns#OBJECT}. */
  final int[] types;
  /** Per aggregator: {@link AggregateColumns#SUM}, ... ({@link AggregateColumns#COUNT} for count). */
  final int[] ops;
  /** Per aggregator: the input column of a primitive aggregator (null for count and boxed ones). */
  final String[] fields;

  public AggregatorSet(List<AggregatorFactory> factories) {
    this.factories = List.copyOf(factories);
    this.names = new String[factories.size()];
    this.types = new int[names.length];
    this.ops = new int[names.length];
    this.fields = new String[names.length];
    for (int i = 0; i < names.length; i++) {
      names[i] = factories.get(i).name();
      classify(i, factories.get(i));
    }
    GroupedAggregator[] aggs = factorize(EmptySelectors.INSTANCE);
    this.empty = new Object[aggs.length];
    for (int i = 0; i < aggs.length; i++) {
      aggs[i].ensureCapacity(1);
      empty[i] = aggs[i].get(0);
    }
  }

  /**
   * Recognises a built-in aggregator: one whose class is the class the processing module makes for its spec, so
   * its arithmetic is known (and mirrored exactly by {@link AggregateColumns} and {@link ColumnVectorAggregators}).
   */
  private void classify(int i, AggregatorFactory f) {
    types[i] = AggregateColumns.OBJECT;
    AggregatorSpec spec;
    try {
      spec = f.spec();
      if (spec == null || Aggregators.create(spec).getClass() != f.getClass()) {
        return;
      }
    } catch (RuntimeException e) {
      return; // not a spec the processing module builds: keep the boxed path
    }
    if (spec instanceof AggregatorSpec.Count) {
      types[i] = AggregateColumns.LONG;
      ops[i] = AggregateColumns.COUNT;
      return;
    }
    if (!(spec instanceof AggregatorSpec.Numeric n)) {
      return; // filtered: the boxed path
    }
    String t = n.type().toLowerCase(Locale.ROOT);
    int type = t.startsWith("long") ? AggregateColumns.LONG : t.startsWith("double") ? AggregateColumns.DOUBLE
        : t.startsWith("float") ? AggregateColumns.FLOAT : -1;
    int op = t.endsWith("sum") ? AggregateColumns.SUM : t.endsWith("min") ? AggregateColumns.MIN
        : t.endsWith("max") ? AggregateColumns.MAX : -1;
    if (type < 0 || op < 0 || n.fieldName() == null) {
      return;
    }
    types[i] = type;
    ops[i] = op;
    fields[i] = n.fieldName();
  }

  /**
   * True if aggregator {@code i} is a built-in one, whose partial values are primitive columns and whose
   * finalized value is its intermediate value.
   */
  public boolean isPrimitive(int i) {
    return types[i] != AggregateColumns.OBJECT;
  }

  /** True if aggregator {@code i} is {@code count} or {@code longSum} (its partials add up as longs). */
  public boolean isLongSum(int i) {
    return types[i] == AggregateColumns.LONG && (ops[i] == AggregateColumns.SUM || ops[i] == AggregateColumns.COUNT);
  }

  /** True if every aggregator's result is the same in any row order ({@link AggregatorFactory#orderInsensitive}). */
  public boolean orderInsensitive() {
    for (AggregatorFactory f : factories) {
      if (!f.orderInsensitive()) {
        return false;
      }
    }
    return true;
  }

  /** Empty columns for {@code capacity} groups of this query's aggregators. */
  public AggregateColumns newColumns(int capacity) {
    return new AggregateColumns(this, capacity);
  }

  /** Builds the aggregators of a query's {@code aggregations}. */
  public static AggregatorSet of(List<AggregatorSpec> specs) {
    return new AggregatorSet(Aggregators.createAll(specs));
  }

  /**
   * The aggregators of a query: results carry their finalized values unless the query's context says
   * {@code "finalize": false}, which leaves the partial (intermediate) values, as Druid does.
   */
  public static AggregatorSet of(io.strata.api.query.Query query, List<AggregatorSpec> specs) {
    AggregatorSet set = of(specs);
    set.finalizing = query.finalizeResults();
    return set;
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

  /**
   * Vector aggregators whose state is {@code into}: the built-in ones write straight into its primitive columns;
   * others keep their own state, which {@link AggregateColumns#copyFrom} reads when the groups are emitted.
   * Null if any aggregator cannot run over batches of these columns.
   */
  public GroupedVectorAggregator[] factorizeVector(VectorColumnSelectorFactory columns, AggregateColumns into) {
    GroupedVectorAggregator[] out = new GroupedVectorAggregator[factories.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = types[i] == AggregateColumns.OBJECT ? factories.get(i).factorizeVector(columns)
          : ColumnVectorAggregators.create(into, i, ops[i] == AggregateColumns.COUNT ? null
          : columns.makeValueSelector(fields[i]));
      if (out[i] == null) {
        return null;
      }
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

  /** Puts the intermediate values into {@code row} under the aggregators' names. */
  public void putIntermediate(Map<String, Object> row, Object[] values) {
    for (int i = 0; i < names.length; i++) {
      row.put(names[i], values[i]);
    }
  }

  /** Replaces the aggregators' entries of {@code row} with their finalized values. */
  public void finalizeIn(Map<String, Object> row, Object[] values) {
    if (!finalizing) {
      return; // the row keeps the intermediate values putIntermediate wrote
    }
    for (int i = 0; i < names.length; i++) {
      row.put(names[i], factories.get(i).finalizeValue(values[i]));
    }
  }

  /** Selectors over no data: every value reads as null. Used to learn the aggregators' empty values. */
  private static final class EmptySelectors implements ColumnSelectorFactory {
    static final EmptySelectors INSTANCE = new EmptySelectors();

    @Override
    public DimensionSelector makeDimensionSelector(String column) {
      return NullSelectors.DIMENSION;
    }

    @Override
    public ColumnValueSelector makeColumnValueSelector(String column) {
      return NullSelectors.VALUE;
    }

    @Override
    public ColumnCapabilities capabilities(String column) {
      return null;
    }
  }
}
