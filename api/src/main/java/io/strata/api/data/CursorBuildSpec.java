package io.strata.api.data;

import io.strata.api.exec.Filter;
import io.strata.api.time.Interval;

/**
 * What a cursor should cover.
 *
 * @param interval   only rows with {@code __time} in this interval
 * @param filter     only rows matching this filter, or null for all rows
 * @param descending time order of the rows
 * @param vectorSize the largest batch a vector cursor hands out
 * @param anyOrder   the reader's result does not depend on the order of the rows (it groups them, with aggregators
 *                   that are exact in any order): a source may then hand them out in whatever order is cheapest,
 *                   each once, instead of in time order
 */
public record CursorBuildSpec(Interval interval, Filter filter, boolean descending, int vectorSize,
                              boolean anyOrder) {
  public static final int DEFAULT_VECTOR_SIZE = 512;

  /** Rows in time order (then the source's own order). */
  public CursorBuildSpec(Interval interval, Filter filter, boolean descending, int vectorSize) {
    this(interval, filter, descending, vectorSize, false);
  }

  public static CursorBuildSpec of(Interval interval, Filter filter) {
    return new CursorBuildSpec(interval, filter, false, DEFAULT_VECTOR_SIZE);
  }

  public CursorBuildSpec withInterval(Interval i) {
    return new CursorBuildSpec(i, filter, descending, vectorSize, anyOrder);
  }
}
