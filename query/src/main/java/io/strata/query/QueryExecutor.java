package io.strata.query;

import io.strata.api.data.Segment;
import io.strata.api.query.Query;
import io.strata.query.exec.QueryDeadline;
import io.strata.query.groupby.GroupByEngine;
import io.strata.query.metadata.DataSourceMetadataEngine;
import io.strata.query.metadata.SegmentMetadataEngine;
import io.strata.query.scan.ScanEngine;
import io.strata.query.timeboundary.TimeBoundaryEngine;
import io.strata.query.timeseries.TimeseriesEngine;
import io.strata.query.topn.TopNEngine;

import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * Runs native queries over the segments of one datasource and returns Druid-shaped results as plain Java values
 * (lists, {@link java.util.LinkedHashMap}s, strings, numbers, booleans, nulls) ready for
 * {@link io.strata.api.json.Json#MAPPER}.
 *
 * <p>The caller selects the segments: those of the datasource visible in the timeline that overlap the query's
 * intervals. Each engine restricts its cursors to the query intervals inside each segment and runs the
 * per-segment work in parallel on the executor. Queries time out as in Druid ({@link QueryTimeouts}): past the
 * context {@code timeout} (milliseconds), or the server's default when the context sets none, a query fails with
 * {@link QueryTimeoutException}. Thread-safe; one instance serves all queries.
 */
public final class QueryExecutor {
  private final TimeBoundaryEngine timeBoundary;
  private final TimeseriesEngine timeseries;
  private final TopNEngine topN;
  private final GroupByEngine groupBy;
  private final io.strata.query.search.SearchEngine search;
  private final ScanEngine scan;
  private final SegmentMetadataEngine segmentMetadata;
  private final DataSourceMetadataEngine dataSourceMetadata;
  private final QueryTimeouts timeouts;

  /**
   * An executor whose queries time out only when their context says so.
   *
   * @param executor runs per-segment work; the caller owns it (and shuts it down). The calling thread waits for
   *                 that work, so it should not itself be a thread of a bounded {@code executor}.
   */
  public QueryExecutor(ExecutorService executor) {
    this(executor, QueryTimeouts.CONTEXT_ONLY);
  }

  /**
   * @param executor as above
   * @param timeouts the server's default and maximum query timeouts
   */
  public QueryExecutor(ExecutorService executor, QueryTimeouts timeouts) {
    this.timeouts = timeouts;
    this.timeBoundary = new TimeBoundaryEngine(executor);
    this.timeseries = new TimeseriesEngine(executor);
    this.topN = new TopNEngine(executor);
    this.groupBy = new GroupByEngine(executor);
    this.search = new io.strata.query.search.SearchEngine(groupBy);
    this.scan = new ScanEngine(executor);
    this.segmentMetadata = new SegmentMetadataEngine(executor);
    this.dataSourceMetadata = new DataSourceMetadataEngine();
  }

  /**
   * Runs {@code query} over {@code segments}.
   *
   * @return the result in Druid's JSON shape (a list of result objects)
   * @throws io.strata.api.error.InvalidInputException  if the query cannot be run as written
   * @throws io.strata.api.error.ResourceLimitException if it exceeds a limit ({@link QueryTimeoutException} for the
   *                                                     timeout)
   */
  public Object run(Query query, List<? extends Segment> segments) {
    return run(query, segments, timeouts.deadlineFor(query));
  }

  /**
   * Runs {@code query} over {@code segments}, failing with {@link QueryTimeoutException} once {@code deadline}
   * passes (see {@link #deadlineFor}).
   */
  public Object run(Query query, List<? extends Segment> given, QueryDeadline deadline) {
    return ResultShapes.apply(query, runShaped(query, given, deadline));
  }

  private Object runShaped(Query query, List<? extends Segment> given, QueryDeadline deadline) {
    // Virtual columns are read through the read seam like stored ones: each segment is seen with them, and with
    // the columns derived from dimension specs that transform values (extraction, lookup, filtered specs).
    io.strata.query.virtual.DerivedDimensions derived = io.strata.query.virtual.DerivedDimensions.of(query);
    query = derived.query();
    io.strata.query.virtual.VirtualColumns virtual = io.strata.query.virtual.VirtualColumns.of(query.virtualColumns(),
        derived.columns());
    List<? extends Segment> segments = virtual.isEmpty() ? given : virtual.wrap(given);
    if (query instanceof Query.Timeseries q) {
      return timeseries.run(q, segments, deadline);
    }
    if (query instanceof Query.TopN q) {
      return topN.run(q, segments, deadline);
    }
    if (query instanceof Query.GroupBy q) {
      return derived.mapResult(groupBy.run(q, segments, deadline));
    }
    if (query instanceof Query.Scan q) {
      return scan.run(q, segments, deadline);
    }
    if (query instanceof Query.TimeBoundary q) {
      return timeBoundary.run(q, segments, deadline);
    }
    if (query instanceof Query.SegmentMetadata q) {
      return segmentMetadata.run(q, segments, deadline);
    }
    if (query instanceof Query.DataSourceMetadata q) {
      return dataSourceMetadata.run(q, segments);
    }
    if (query instanceof Query.Search q) {
      return search.run(q, segments, deadline);
    }
    throw new IllegalArgumentException("unknown query type " + query.getClass().getName());
  }

  /**
   * The deadline of a query starting now, under the server's timeouts; call it when the query arrives, so the time
   * spent before it runs (waiting for segments) counts.
   *
   * @throws io.strata.api.error.InvalidInputException if the query asks for more time than the server allows
   */
  public QueryDeadline deadlineFor(Query query) {
    return timeouts.deadlineFor(query);
  }
}
