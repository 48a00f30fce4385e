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
 */
public record CursorBuildSpec(Interval interval, Filter filter, boolean descending, int vectorSize) {
  public static final int DEFAULT_VECTOR_SIZE = 512;

  public static CursorBuildSpec of(Interval interval, Filter filter) {
    return new CursorBuildSpec(interval, filter, false, DEFAULT_VECTOR_SIZE);
  }

  public CursorBuildSpec withInterval(Interval i) {
    return new CursorBuildSpec(i, filter, descending, vectorSize);
  }
}
