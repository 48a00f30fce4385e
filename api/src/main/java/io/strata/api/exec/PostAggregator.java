package io.strata.api.exec;

import java.util.Map;
import java.util.Set;

/** Computes a value from the finalized (or, for fieldAccess, intermediate) aggregates of one result row. */
public interface PostAggregator {
  String name();

  /** Names of the aggregators and post-aggregators it reads. */
  Set<String> dependentFields();

  /** @param row aggregator and earlier post-aggregator values by name */
  Object compute(Map<String, Object> row);

  java.util.Comparator<Object> comparator();
}
