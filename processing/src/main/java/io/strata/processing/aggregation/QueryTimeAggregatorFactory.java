package io.strata.processing.aggregation;

import io.strata.api.data.ColumnType;
import io.strata.api.data.VectorColumnSelectorFactory;
import io.strata.api.exec.AggregatorFactory;
import io.strata.api.exec.GroupedVectorAggregator;
import io.strata.api.query.AggregatorSpec;

import java.util.List;

/**
 * What the query-time aggregators with boxed partial values share (first/last, any, doubleMean, the sketches,
 * cardinality): their spec, name and input columns; a complex partial value unless a subclass says otherwise; the
 * row path (no vector aggregator); and partial values that merge with the aggregator itself.
 */
public abstract class QueryTimeAggregatorFactory implements AggregatorFactory {
  private final AggregatorSpec spec;
  private final List<String> columns;

  protected QueryTimeAggregatorFactory(AggregatorSpec spec, List<String> columns) {
    this.spec = spec;
    this.columns = List.copyOf(columns);
  }

  @Override
  public String name() {
    return spec.name();
  }

  @Override
  public AggregatorSpec spec() {
    return spec;
  }

  @Override
  public List<String> requiredColumns() {
    return columns;
  }

  @Override
  public ColumnType intermediateType() {
    return ColumnType.COMPLEX;
  }

  /** None: queries with these aggregators read rows one by one. */
  @Override
  public GroupedVectorAggregator factorizeVector(VectorColumnSelectorFactory factory) {
    return null;
  }

  /** Partial values are merged by {@link #combine}, of this aggregator. */
  @Override
  public AggregatorFactory combiningFactory() {
    return this;
  }
}
