package io.strata.api.exec;

import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.ColumnType;
import io.strata.api.data.VectorColumnSelectorFactory;
import io.strata.api.query.AggregatorSpec;

import java.util.Comparator;
import java.util.List;

/**
 * The executable side of one aggregator spec. The same factory serves ingestion-time rollup (slots are rows of
 * the in-memory index), per-segment query aggregation (slots are groups), and merging of partial results
 * ({@link #combine}). Thread-safe; the aggregators it makes are not.
 *
 * <p>Values travel between stages in their <em>intermediate</em> form (Long, Double, Float, or a complex object)
 * and are turned into the result form by {@link #finalizeValue}. Null means "no value was aggregated".
 */
public interface AggregatorFactory {
  String name();

  AggregatorSpec spec();

  /** Columns the aggregator reads. */
  List<String> requiredColumns();

  ColumnType intermediateType();

  ColumnType finalizedType();

  /** An aggregator over rows of a cursor (or the rows being ingested). */
  GroupedAggregator factorize(ColumnSelectorFactory factory);

  /** A batch aggregator, or null if this aggregator cannot run over batches for these columns. */
  GroupedVectorAggregator factorizeVector(VectorColumnSelectorFactory factory);

  /**
   * A factory that reads the stored column {@link #name()} holding this aggregator's intermediate values and
   * combines them: count becomes longSum, min stays min. Used to merge rolled-up rows and segments.
   */
  AggregatorFactory combiningFactory();

  /** Combines two intermediate values (either may be null). */
  Object combine(Object a, Object b);

  /** The result form of an intermediate value. */
  Object finalizeValue(Object intermediate);

  /** Orders intermediate values, nulls first. */
  Comparator<Object> comparator();

  /**
   * True if the result is exactly the same whatever order the rows are aggregated in (a count, an integer sum, a
   * min or max); false where it can differ, as floating-point sums do in their last bits.
   */
  default boolean orderInsensitive() {
    return false;
  }
}
