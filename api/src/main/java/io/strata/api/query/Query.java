package io.strata.api.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.strata.api.error.InvalidInputException;
import io.strata.api.time.Granularity;
import io.strata.api.time.Interval;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Druid native queries, all {@code queryType} names in one place: {@code timeBoundary}, {@code timeseries},
 * {@code topN}, {@code groupBy}, {@code scan}, {@code segmentMetadata}, {@code dataSourceMetadata}, {@code search}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "queryType")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Query.TimeBoundary.class, name = "timeBoundary"),
    @JsonSubTypes.Type(value = Query.Timeseries.class, name = "timeseries"),
    @JsonSubTypes.Type(value = Query.TopN.class, name = "topN"),
    @JsonSubTypes.Type(value = Query.GroupBy.class, name = "groupBy"),
    @JsonSubTypes.Type(value = Query.Scan.class, name = "scan"),
    @JsonSubTypes.Type(value = Query.SegmentMetadata.class, name = "segmentMetadata"),
    @JsonSubTypes.Type(value = Query.DataSourceMetadata.class, name = "dataSourceMetadata"),
    @JsonSubTypes.Type(value = Query.Search.class, name = "search"),
})
public sealed interface Query {
  String dataSource();

  /** Intervals to read; never null (queries that allow omitting them default to all time). */
  List<Interval> intervals();

  Map<String, Object> context();

  /** The query's virtual columns; none for query types that take none. */
  default List<VirtualColumnSpec> virtualColumns() {
    return List.of();
  }

  /** Druid's {@code finalize} context flag (default true): false keeps aggregators' intermediate values. */
  default boolean finalizeResults() {
    Object v = contextValue("finalize");
    return v == null || !String.valueOf(v).equalsIgnoreCase("false");
  }

  /** Context value as a string, or null. */
  default Object contextValue(String key) {
    return context() == null ? null : context().get(key);
  }

  private static String checkDataSource(String ds) {
    return Specs.required(ds, "dataSource", "the datasource to query");
  }

  private static List<Interval> checkIntervals(List<Interval> intervals, String queryType) {
    if (intervals == null) {
      throw new InvalidInputException("intervals", "Missing required field [intervals] of " + queryType
          + " query, for example [\"2013-08-31/2013-09-01\"]");
    }
    return List.copyOf(intervals);
  }

  private static List<Interval> eternityIfNull(List<Interval> intervals) {
    return intervals == null ? List.of(Interval.ETERNITY) : List.copyOf(intervals);
  }

  private static void checkOutputNames(List<AggregatorSpec> aggs, List<PostAggregatorSpec> posts,
                                       List<String> others) {
    Set<String> seen = new HashSet<>();
    for (String o : others) {
      if (!seen.add(o)) {
        throw new InvalidInputException("dimensions", "Duplicate output name [" + o + "]");
      }
    }
    for (AggregatorSpec a : aggs) {
      if (!seen.add(a.name())) {
        throw new InvalidInputException("aggregations", "Duplicate output name [" + a.name() + "]");
      }
    }
    for (PostAggregatorSpec p : posts) {
      Specs.required(p.name(), "postAggregations", "every post-aggregator needs a name");
      if (!seen.add(p.name())) {
        throw new InvalidInputException("postAggregations", "Duplicate output name [" + p.name() + "]");
      }
    }
  }

  /** @param bound null (both), {@code maxTime} or {@code minTime} */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record TimeBoundary(@JsonProperty("dataSource") @JsonDeserialize(using = JsonForms.DataSourceName.class) String dataSource,
                      @JsonProperty("intervals") @JsonDeserialize(using = JsonForms.Intervals.class) List<Interval> intervals,
                      @JsonProperty("bound") String bound, @JsonProperty("filter") FilterSpec filter,
                      @JsonProperty("context") Map<String, Object> context) implements Query {
    public TimeBoundary {
      checkDataSource(dataSource);
      io.strata.api.json.DruidFields.checkContext("timeBoundary", context);
      intervals = eternityIfNull(intervals);
      if (bound != null && !bound.equals("maxTime") && !bound.equals("minTime")) {
        throw new InvalidInputException("bound", "bound [" + bound + "] must be \"maxTime\" or \"minTime\"");
      }
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Timeseries(@JsonProperty("dataSource") @JsonDeserialize(using = JsonForms.DataSourceName.class) String dataSource,
                    @JsonProperty("intervals") @JsonDeserialize(using = JsonForms.Intervals.class) List<Interval> intervals,
                    @JsonProperty("granularity") Granularity granularity, @JsonProperty("filter") FilterSpec filter,
                    @JsonProperty("aggregations") List<AggregatorSpec> aggregations,
                    @JsonProperty("postAggregations") List<PostAggregatorSpec> postAggregations,
                    @JsonProperty("descending") Boolean descending, @JsonProperty("limit") Integer limit,
                    @JsonProperty("virtualColumns") List<VirtualColumnSpec> virtualColumns,
                    @JsonProperty("context") Map<String, Object> context) implements Query {
    public Timeseries {
      virtualColumns = VirtualColumnSpec.checked(virtualColumns);
      checkDataSource(dataSource);
      io.strata.api.json.DruidFields.checkContext("timeseries", context);
      intervals = checkIntervals(intervals, "timeseries");
      granularity = Specs.orDefault(granularity, Granularity.ALL);
      aggregations = Specs.listOrEmpty(aggregations);
      postAggregations = Specs.listOrEmpty(postAggregations);
      descending = Specs.orDefault(descending, false);
      if (limit != null && limit < 0) {
        throw new InvalidInputException("limit", "limit must be greater than 0, got " + limit
            + " (leave it out, or use 0, for no limit)");
      }
      if (limit != null && limit == 0) {
        limit = null; // Druid: 0 means no limit
      }
      checkOutputNames(aggregations, postAggregations, List.of());
      Object total = context == null ? null : context.get("grandTotal");
      if (limit != null && total != null && Boolean.parseBoolean(total.toString())) {
        throw new InvalidInputException("context.grandTotal", "grandTotal together with limit is not supported yet: "
            + "leave one of them out");
      }
    }

    /** Druid's {@code grandTotal} context flag: a last row, timestamp null, totalling every bucket. */
    public boolean grandTotal() {
      Object v = contextValue("grandTotal");
      return v != null && Boolean.parseBoolean(v.toString());
    }

    /** Druid's {@code skipEmptyBuckets} context flag. */
    public boolean skipEmptyBuckets() {
      Object v = contextValue("skipEmptyBuckets");
      return v != null && Boolean.parseBoolean(v.toString());
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record TopN(@JsonProperty("dataSource") @JsonDeserialize(using = JsonForms.DataSourceName.class) String dataSource,
              @JsonProperty("intervals") @JsonDeserialize(using = JsonForms.Intervals.class) List<Interval> intervals,
              @JsonProperty("granularity") Granularity granularity, @JsonProperty("dimension") DimensionSpec dimension,
              @JsonProperty("metric") TopNMetricSpec metric, @JsonProperty("threshold") Integer threshold,
              @JsonProperty("filter") FilterSpec filter, @JsonProperty("aggregations") List<AggregatorSpec> aggregations,
              @JsonProperty("postAggregations") List<PostAggregatorSpec> postAggregations,
              @JsonProperty("virtualColumns") List<VirtualColumnSpec> virtualColumns,
              @JsonProperty("context") Map<String, Object> context) implements Query {
    public TopN {
      virtualColumns = VirtualColumnSpec.checked(virtualColumns);
      checkDataSource(dataSource);
      io.strata.api.json.DruidFields.checkContext("topN", context);
      intervals = checkIntervals(intervals, "topN");
      granularity = Specs.orDefault(granularity, Granularity.ALL);
      Specs.required(dimension, "dimension", "the dimension to rank values of");
      Specs.required(metric, "metric", "the aggregator to rank by, or a dimension ordering");
      Specs.required(threshold, "threshold", "how many values to return");
      if (threshold < 1) {
        throw new InvalidInputException("threshold", "threshold must be at least 1, got " + threshold);
      }
      aggregations = Specs.listOrEmpty(aggregations);
      postAggregations = Specs.listOrEmpty(postAggregations);
      checkOutputNames(aggregations, postAggregations, List.of(dimension.outputName()));
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record GroupBy(@JsonProperty("dataSource") @JsonDeserialize(using = JsonForms.DataSourceName.class) String dataSource,
                 @JsonProperty("intervals") @JsonDeserialize(using = JsonForms.Intervals.class) List<Interval> intervals,
                 @JsonProperty("granularity") Granularity granularity,
                 @JsonProperty("dimensions") List<DimensionSpec> dimensions, @JsonProperty("filter") FilterSpec filter,
                 @JsonProperty("aggregations") List<AggregatorSpec> aggregations,
                 @JsonProperty("postAggregations") List<PostAggregatorSpec> postAggregations,
                 @JsonProperty("having") HavingSpec having, @JsonProperty("limitSpec") LimitSpec limitSpec,
                 @JsonProperty("subtotalsSpec") List<List<String>> subtotalsSpec,
                 @JsonProperty("virtualColumns") List<VirtualColumnSpec> virtualColumns,
                 @JsonProperty("context") Map<String, Object> context) implements Query {
    /** Without subtotals. */
    public GroupBy(String dataSource, List<Interval> intervals, Granularity granularity, List<DimensionSpec> dimensions,
                   FilterSpec filter, List<AggregatorSpec> aggregations, List<PostAggregatorSpec> postAggregations,
                   HavingSpec having, LimitSpec limitSpec, List<VirtualColumnSpec> virtualColumns,
                   Map<String, Object> context) {
      this(dataSource, intervals, granularity, dimensions, filter, aggregations, postAggregations, having, limitSpec,
          null, virtualColumns, context);
    }

    public GroupBy {
      virtualColumns = VirtualColumnSpec.checked(virtualColumns);
      checkDataSource(dataSource);
      io.strata.api.json.DruidFields.checkContext("groupBy", context);
      intervals = checkIntervals(intervals, "groupBy");
      Specs.required(granularity, "granularity", "for example \"all\" or \"day\"");
      dimensions = Specs.listOrEmpty(dimensions);
      aggregations = Specs.listOrEmpty(aggregations);
      postAggregations = Specs.listOrEmpty(postAggregations);
      checkOutputNames(aggregations, postAggregations, dimensions.stream().map(DimensionSpec::outputName).toList());
      if (subtotalsSpec == null) {
        subtotalsSpec = List.of();
      } else {
        Set<String> names = new HashSet<>();
        dimensions.forEach(d -> names.add(d.outputName()));
        List<List<String>> copy = new java.util.ArrayList<>();
        for (List<String> subtotal : subtotalsSpec) {
          if (subtotal == null) {
            throw new InvalidInputException("subtotalsSpec", "a subtotal of subtotalsSpec cannot be null");
          }
          for (String n : subtotal) {
            if (!names.contains(n)) {
              throw new InvalidInputException("subtotalsSpec", "subtotalsSpec names [" + n + "], which is not the "
                  + "output name of one of the query's dimensions " + names);
            }
          }
          copy.add(List.copyOf(subtotal));
        }
        subtotalsSpec = List.copyOf(copy);
      }
    }

    /** This query with other dimensions and limitSpec and no subtotals (one subtotal's query). */
    public GroupBy subtotal(List<DimensionSpec> dims, LimitSpec limit) {
      return new GroupBy(dataSource, intervals, granularity, dims, filter, aggregations, postAggregations, having,
          limit, List.of(), virtualColumns, context);
    }
  }

  /**
   * @param resultFormat {@code list} (default) or {@code compactedList}
   * @param order        {@code none} (default), {@code ascending} or {@code descending} by {@code __time}
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Scan(@JsonProperty("dataSource") @JsonDeserialize(using = JsonForms.DataSourceName.class) String dataSource,
              @JsonProperty("intervals") @JsonDeserialize(using = JsonForms.Intervals.class) List<Interval> intervals,
              @JsonProperty("columns") List<String> columns, @JsonProperty("filter") FilterSpec filter,
              @JsonProperty("limit") Long limit, @JsonProperty("offset") Long offset,
              @JsonProperty("resultFormat") String resultFormat, @JsonProperty("batchSize") Integer batchSize,
              @JsonProperty("order") String order,
              @JsonProperty("orderBy") List<ScanOrderBy> orderBy,
              @JsonProperty("virtualColumns") List<VirtualColumnSpec> virtualColumns,
              @JsonProperty("context") Map<String, Object> context)
      implements Query {
    /** One {@code orderBy} entry: {@code columnName} and {@code order} ({@code ascending} by default). */
    public record ScanOrderBy(@JsonProperty("columnName") String columnName, @JsonProperty("order") String order) {
      public ScanOrderBy {
        Specs.required(columnName, "orderBy.columnName", "the column to order by");
        order = Specs.orDefault(order, "ascending");
        if (!order.equals("ascending") && !order.equals("descending")) {
          throw new InvalidInputException("orderBy.order", "order [" + order + "] of [" + columnName
              + "] must be ascending or descending");
        }
      }
    }

    public Scan {
      virtualColumns = VirtualColumnSpec.checked(virtualColumns);
      checkDataSource(dataSource);
      io.strata.api.json.DruidFields.checkContext("scan", context);
      intervals = checkIntervals(intervals, "scan");
      columns = Specs.listOrEmpty(columns);
      resultFormat = Specs.orDefault(resultFormat, "list");
      if (!resultFormat.equals("list") && !resultFormat.equals("compactedList")) {
        throw new InvalidInputException("resultFormat", "resultFormat [" + resultFormat
            + "] must be \"list\" or \"compactedList\"");
      }
      batchSize = Specs.orDefault(batchSize, 20480);
      if (batchSize < 1) {
        throw new InvalidInputException("batchSize", "batchSize must be positive");
      }
      order = Specs.orDefault(order, "none");
      if (!Set.of("none", "ascending", "descending").contains(order)) {
        throw new InvalidInputException("order", "order [" + order + "] must be none, ascending or descending");
      }
      if (orderBy != null && !orderBy.isEmpty()) {
        // A scan over tables orders by __time alone, as in Druid; orderBy [__time] is the same as order.
        if (orderBy.size() != 1 || !orderBy.get(0).columnName().equals("__time")) {
          StringBuilder what = new StringBuilder();
          for (ScanOrderBy o : orderBy) {
            what.append(what.length() == 0 ? "" : ", ").append(o.columnName()).append(' ')
                .append(o.order().equals("ascending") ? "ASC" : "DESC");
          }
          throw new InvalidInputException("orderBy", "Cannot execute query with orderBy [" + what + "]: a scan "
              + "orders by __time only");
        }
        order = orderBy.get(0).order();
      }
      orderBy = orderBy == null ? List.of() : List.copyOf(orderBy);
      if (limit != null && limit < 0) {
        throw new InvalidInputException("limit", "limit must be non-negative");
      }
      if (offset != null && offset < 0) {
        throw new InvalidInputException("offset", "offset must be non-negative");
      }
    }
  }

  /**
   * @param analysisTypes of {@code cardinality, size, interval, aggregators, queryGranularity, rollup, minmax,
   *                      timestampSpec}; default cardinality, interval, minmax
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record SegmentMetadata(@JsonProperty("dataSource") @JsonDeserialize(using = JsonForms.DataSourceName.class) String dataSource,
                         @JsonProperty("intervals") @JsonDeserialize(using = JsonForms.Intervals.class) List<Interval> intervals,
                         @JsonProperty("toInclude") Map<String, Object> toInclude, @JsonProperty("merge") Boolean merge,
                         @JsonProperty("analysisTypes") List<String> analysisTypes,
                         @JsonProperty("lenientAggregatorMerge") Boolean lenientAggregatorMerge,
                         @JsonProperty("aggregatorMergeStrategy") String aggregatorMergeStrategy,
                         @JsonProperty("context") Map<String, Object> context) implements Query {
    public static final Set<String> ANALYSIS_TYPES = Set.of("cardinality", "size", "interval", "aggregators",
        "queryGranularity", "rollup", "minmax", "timestampSpec");

    public SegmentMetadata {
      checkDataSource(dataSource);
      io.strata.api.json.DruidFields.checkContext("segmentMetadata", context);
      intervals = eternityIfNull(intervals);
      merge = Specs.orDefault(merge, false);
      analysisTypes = analysisTypes == null ? List.of("cardinality", "interval", "minmax") : List.copyOf(analysisTypes);
      for (String a : analysisTypes) {
        if (!ANALYSIS_TYPES.contains(a)) {
          throw new InvalidInputException("analysisTypes", "unknown analysis type [" + a + "]; use of "
              + new TreeSet<>(ANALYSIS_TYPES));
        }
      }
    }
  }

  record DataSourceMetadata(@JsonProperty("dataSource") @JsonDeserialize(using = JsonForms.DataSourceName.class) String dataSource,
                            @JsonProperty("context") Map<String, Object> context) implements Query {
    public DataSourceMetadata {
      checkDataSource(dataSource);
      io.strata.api.json.DruidFields.checkContext("dataSourceMetadata", context);
    }

    @Override
    public List<Interval> intervals() {
      return List.of(Interval.ETERNITY);
    }
  }

  /**
   * Druid's search query: the values of {@code searchDimensions} (default: every string dimension) that match
   * {@code query}, with how many rows hold each, per granularity bucket, sorted by {@code sort} and cut at
   * {@code limit} (default 1000) per bucket.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Search(@JsonProperty("dataSource") @JsonDeserialize(using = JsonForms.DataSourceName.class) String dataSource,
                @JsonProperty("intervals") @JsonDeserialize(using = JsonForms.Intervals.class) List<Interval> intervals,
                @JsonProperty("granularity") Granularity granularity, @JsonProperty("filter") FilterSpec filter,
                @JsonProperty("limit") Integer limit,
                @JsonProperty("searchDimensions") List<DimensionSpec> searchDimensions,
                @JsonProperty("query") FilterSpec.SearchQuerySpec query, @JsonProperty("sort") SearchSort sort,
                @JsonProperty("virtualColumns") List<VirtualColumnSpec> virtualColumns,
                @JsonProperty("context") Map<String, Object> context) implements Query {
    public Search {
      checkDataSource(dataSource);
      io.strata.api.json.DruidFields.checkContext("search", context);
      virtualColumns = VirtualColumnSpec.checked(virtualColumns);
      intervals = checkIntervals(intervals, "search");
      granularity = Specs.orDefault(granularity, Granularity.ALL);
      limit = Specs.orDefault(limit, 1000);
      if (limit < 1) {
        throw new InvalidInputException("limit", "limit must be at least 1, got " + limit);
      }
      searchDimensions = Specs.listOrEmpty(searchDimensions);
      Specs.required(query, "query", "what to search for, for example {\"type\":\"insensitive_contains\","
          + "\"value\":\"x\"}");
      sort = Specs.orDefault(sort, new SearchSort("lexicographic"));
    }
  }

  /** {@code {"type":"lexicographic"}} (default), {@code alphanumeric}, {@code strlen} or {@code numeric}. */
  record SearchSort(@JsonProperty("type") String type) {
    public SearchSort {
      type = Specs.orDefault(type, "lexicographic");
      if (!Set.of("lexicographic", "alphanumeric", "strlen", "numeric").contains(type)) {
        throw new InvalidInputException("sort", "Unknown search sort [" + type
            + "]; known: lexicographic, alphanumeric, strlen, numeric");
      }
    }
  }
}
