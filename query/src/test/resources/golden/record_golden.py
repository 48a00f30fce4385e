"""Records golden query/response pairs for the query_golden datasource from a running Druid 33 broker.

Ingest first (see README.md), then: python3 record_golden.py [case names...]
Never use granularity "none" over long intervals: Druid fills every empty millisecond bucket and runs out of heap.
"""
import json, urllib.request, os, sys
DS = "query_golden"
IV = ["2013-08-31/2013-09-04"]
A_COUNT = {"type": "count", "name": "rows"}
A_ADDED = {"type": "longSum", "name": "added", "fieldName": "added"}
A_DELTA = {"type": "longSum", "name": "delta", "fieldName": "delta"}
A_PRICE = {"type": "doubleSum", "name": "price", "fieldName": "price"}
A_DMIN = {"type": "longMin", "name": "dmin", "fieldName": "delta"}
A_PMAX = {"type": "doubleMax", "name": "pmax", "fieldName": "price"}
P_AVG = {"type": "arithmetic", "name": "avg", "fn": "/", "fields": [{"type": "fieldAccess", "fieldName": "added"}, {"type": "fieldAccess", "fieldName": "rows"}]}
F_A = {"type": "selector", "dimension": "page", "value": "A"}
F_NONE = {"type": "selector", "dimension": "page", "value": "zzz"}
F_LANG = {"type": "in", "dimension": "lang", "values": ["en", "de"]}
F_NULL_LANG = {"type": "selector", "dimension": "lang", "value": None}

def ts(name, **kw):
    q = {"queryType": "timeseries", "dataSource": DS, "intervals": IV, "granularity": "all", "aggregations": [A_COUNT, A_ADDED]}
    q.update(kw); return name, q
def tn(name, **kw):
    q = {"queryType": "topN", "dataSource": DS, "intervals": IV, "granularity": "all", "dimension": "lang", "metric": "rows", "threshold": 10, "aggregations": [A_COUNT, A_DELTA]}
    q.update(kw); return name, q
def gb(name, **kw):
    q = {"queryType": "groupBy", "dataSource": DS, "intervals": IV, "granularity": "all", "dimensions": ["lang"], "aggregations": [A_COUNT, A_ADDED]}
    q.update(kw); return name, q
def sc(name, **kw):
    q = {"queryType": "scan", "dataSource": DS, "intervals": IV}
    q.update(kw); return name, q
def sm(name, **kw):
    q = {"queryType": "segmentMetadata", "dataSource": DS, "intervals": IV}
    q.update(kw); return name, q
def tb(name, **kw):
    q = {"queryType": "timeBoundary", "dataSource": DS}
    q.update(kw); return name, q

CASES = [
  ts("timeseries_all"),
  ts("timeseries_all_clipped_start", intervals=["2013-08-31T02:00/2013-09-06"]),
  ts("timeseries_all_descending", descending=True),
  ts("timeseries_all_no_segments", intervals=["2014-08-30/2014-09-06"]),
  ts("timeseries_all_after_data", intervals=["2013-08-31T06:00/2013-08-31T07:00"]),
  ts("timeseries_all_before_data", intervals=["2013-08-31T00:00/2013-08-31T00:30"]),
  ts("timeseries_all_skip_empty", intervals=["2013-08-31T06:00/2013-08-31T07:00"], context={"skipEmptyBuckets": True}),
  ts("timeseries_all_filter_nothing", filter=F_NONE),
  ts("timeseries_hour_empty_buckets", intervals=["2013-08-31/2013-09-01"], granularity="hour", aggregations=[A_COUNT, A_ADDED, A_PRICE, A_DMIN, A_PMAX]),
  ts("timeseries_hour_postagg", intervals=["2013-08-31/2013-09-01"], granularity="hour", postAggregations=[P_AVG]),
  ts("timeseries_hour_clipped", intervals=["2013-08-31T01:15/2013-08-31T04:30"], granularity="hour"),
  ts("timeseries_hour_two_intervals", intervals=["2013-08-31T00:00/2013-08-31T02:00", "2013-08-31T05:00/2013-09-01T01:00"], granularity="hour"),
  ts("timeseries_hour_skip_empty", intervals=["2013-08-31/2013-09-01"], granularity="hour", context={"skipEmptyBuckets": True}),
  ts("timeseries_hour_desc_limit", intervals=["2013-08-31/2013-09-01"], granularity="hour", descending=True, limit=3),
  ts("timeseries_hour_filter_nothing", intervals=["2013-08-31/2013-09-01"], granularity="hour", filter=F_NONE),
  ts("timeseries_day_gap", intervals=["2013-08-30/2013-09-06"], granularity="day", filter=F_LANG),
  ts("timeseries_day_limit", granularity="day", limit=2),
  ts("timeseries_p2d", granularity={"type": "period", "period": "P2D"}),
  ts("timeseries_none_small", intervals=["2013-09-01T02:00:00/2013-09-01T02:00:00.004"], granularity="none"),
  ts("timeseries_week", granularity="week", aggregations=[A_COUNT, A_PRICE]),
  ts("timeseries_null_filter", filter=F_NULL_LANG, granularity="day", aggregations=[A_COUNT, A_DELTA]),
  tn("topn_numeric_ties"),
  tn("topn_numeric_threshold3", threshold=3),
  tn("topn_inverted", metric={"type": "inverted", "metric": "rows"}, threshold=3),
  tn("topn_null_metric_desc", dimension="user", metric="delta", aggregations=[A_DELTA]),
  tn("topn_null_metric_inverted", dimension="user", metric={"type": "inverted", "metric": "delta"}, aggregations=[A_DELTA]),
  tn("topn_dimension_lexicographic", metric={"type": "dimension", "ordering": "lexicographic"}, threshold=3),
  tn("topn_dimension_previous_stop", metric={"type": "dimension", "ordering": "lexicographic", "previousStop": "de"}, threshold=3),
  tn("topn_dimension_inverted", metric={"type": "inverted", "metric": {"type": "dimension", "ordering": "lexicographic"}}, threshold=3),
  tn("topn_dimension_inverted_stop", metric={"type": "inverted", "metric": {"type": "dimension", "ordering": "lexicographic", "previousStop": "fr"}}, threshold=5),
  tn("topn_day_postagg", granularity="day", dimension={"type": "default", "dimension": "page", "outputName": "p"}, threshold=2,
     aggregations=[A_COUNT], postAggregations=[{"type": "arithmetic", "name": "x2", "fn": "*", "fields": [{"type": "fieldAccess", "fieldName": "rows"}, {"type": "constant", "value": 2}]}]),
  tn("topn_hour_empty", intervals=["2013-08-31/2013-09-01"], granularity="hour", dimension="page", threshold=2, aggregations=[A_COUNT]),
  tn("topn_postagg_metric", dimension="page", metric="avg", aggregations=[A_COUNT, A_ADDED], postAggregations=[P_AVG], threshold=3),
  tn("topn_filter_nothing", filter=F_NONE, dimension="page"),
  tn("topn_no_segments", intervals=["2014-08-31/2014-09-04"], dimension="page"),
  tn("topn_before_data", intervals=["2013-08-31T00:00/2013-08-31T00:30"], dimension="page"),
  tn("topn_after_data", intervals=["2013-08-31T06:00/2013-08-31T07:00"], dimension="page"),
  tn("topn_double_metric", dimension="page", metric="price", aggregations=[A_PRICE, A_PMAX], threshold=4),
  tn("topn_numeric_dimension", dimension="added", metric={"type": "dimension", "ordering": "numeric"}, aggregations=[A_COUNT], threshold=4),
  tn("topn_numeric_dimension_long", dimension={"type": "default", "dimension": "added", "outputName": "a", "outputType": "LONG"}, metric="rows", aggregations=[A_COUNT], threshold=3),
  gb("groupby_all"),
  gb("groupby_clipped_start", intervals=["2013-08-31T02:00/2013-09-04"], aggregations=[A_COUNT, A_DELTA]),
  gb("groupby_two_intervals", intervals=["2013-09-01/2013-09-05", "2013-08-31T03:00/2013-08-31T04:00"], dimensions=["page"], aggregations=[A_COUNT]),
  gb("groupby_day_two_dims", granularity="day", dimensions=["lang", {"type": "default", "dimension": "page", "outputName": "p"}], aggregations=[A_COUNT]),
  gb("groupby_day_order_metric", granularity="day", aggregations=[A_COUNT], limitSpec={"type": "default", "columns": [{"dimension": "rows", "direction": "descending"}]}),
  gb("groupby_day_order_limit", granularity="day", aggregations=[A_COUNT], limitSpec={"type": "default", "limit": 3, "columns": [{"dimension": "rows", "direction": "descending"}]}),
  gb("groupby_having_postagg_offset", dimensions=["lang", "page"], postAggregations=[P_AVG], having={"type": "greaterThan", "aggregation": "added", "value": 5},
     limitSpec={"type": "default", "limit": 4, "offset": 1, "columns": [{"dimension": "avg", "direction": "descending"}]}),
  gb("groupby_limit_only", dimensions=["page"], aggregations=[A_COUNT], limitSpec={"type": "default", "limit": 2}),
  gb("groupby_numeric_dim_string", dimensions=["added"], aggregations=[A_COUNT]),
  gb("groupby_numeric_dim_long", dimensions=[{"type": "default", "dimension": "added", "outputName": "a", "outputType": "LONG"}], aggregations=[A_COUNT]),
  gb("groupby_numeric_dim_numeric_order", dimensions=["added"], aggregations=[A_COUNT], limitSpec={"type": "default", "columns": [{"dimension": "added", "dimensionOrder": "numeric"}]}),
  gb("groupby_dim_descending", limitSpec={"type": "default", "columns": [{"dimension": "lang", "direction": "descending"}]}),
  gb("groupby_second_dim_order", dimensions=["lang", "page"], aggregations=[A_COUNT], limitSpec={"type": "default", "columns": [{"dimension": "page", "direction": "descending"}], "limit": 4}),
  gb("groupby_missing_columns", dimensions=["nope"], aggregations=[A_COUNT, {"type": "longSum", "name": "s", "fieldName": "nope2"}]),
  gb("groupby_metric_nulls_asc", dimensions=["user"], aggregations=[A_DELTA], limitSpec={"type": "default", "columns": ["delta"]}),
  gb("groupby_metric_nulls_desc", dimensions=["user"], aggregations=[A_DELTA], limitSpec={"type": "default", "columns": [{"dimension": "delta", "direction": "descending"}]}),
  gb("groupby_offset_only", dimensions=["user"], aggregations=[A_DELTA], limitSpec={"type": "default", "offset": 3}),
  gb("groupby_no_dims_no_rows", dimensions=[], filter=F_NONE, aggregations=[A_COUNT, {"type": "doubleSum", "name": "p", "fieldName": "price"}],
     postAggregations=[{"type": "arithmetic", "name": "x", "fn": "+", "fields": [{"type": "fieldAccess", "fieldName": "rows"}, {"type": "constant", "value": 1}]}]),
  gb("groupby_no_dims_no_segments", intervals=["2014-08-31T00:00/2014-08-31T00:30"], dimensions=[], aggregations=[A_COUNT]),
  gb("groupby_no_dims_having_drops", intervals=["2014-08-31/2014-09-01"], dimensions=[], aggregations=[A_COUNT], having={"type": "greaterThan", "aggregation": "rows", "value": 0}),
  gb("groupby_with_dims_no_rows", intervals=["2013-08-31T00:00/2013-08-31T00:30"], dimensions=["page"], aggregations=[A_COUNT]),
  gb("groupby_hour_no_dims", intervals=["2013-08-31/2013-09-05"], granularity="hour", dimensions=[], filter=F_A, aggregations=[A_COUNT]),
  gb("groupby_having_dimselector", dimensions=["lang", "page"], aggregations=[A_COUNT], having={"type": "dimSelector", "dimension": "lang", "value": "en"}),
  gb("groupby_filter_bound", dimensions=["page"], aggregations=[A_COUNT, A_PRICE], filter={"type": "bound", "dimension": "added", "lower": "5", "ordering": "numeric"}),
  gb("groupby_alphanumeric_order", dimensions=["user"], aggregations=[A_COUNT], limitSpec={"type": "default", "columns": [{"dimension": "user", "direction": "descending", "dimensionOrder": "alphanumeric"}]}),
  sc("scan_all_columns"),
  sc("scan_missing_column_batches", columns=["__time", "page", "nope"], limit=5, batchSize=2),
  sc("scan_desc_limit_offset", columns=["page", "__time"], limit=3, offset=2, order="descending"),
  sc("scan_offset_compacted", columns=["page", "__time"], offset=9, resultFormat="compactedList"),
  sc("scan_ascending_no_limit", columns=["page", "__time"], order="ascending", batchSize=2),
  sc("scan_ascending_limit_batches", columns=["page", "__time"], order="ascending", limit=5, batchSize=2, resultFormat="compactedList"),
  sc("scan_descending_limit_offset_batches", columns=["page", "__time"], order="descending", limit=5, offset=1, batchSize=2, resultFormat="compactedList"),
  sc("scan_descending_offset_no_limit", columns=["page", "__time"], order="descending", offset=8, resultFormat="compactedList"),
  sc("scan_no_segments", intervals=["2014-08-31/2014-09-04"], columns=["page", "__time"]),
  sc("scan_filter_nothing", columns=["page"], filter=F_NONE),
  sc("scan_limit_first_segment", columns=["page"], limit=2),
  sc("scan_desc_all_columns", order="descending", limit=2, resultFormat="compactedList"),
  sc("scan_nulls_ordered", columns=["page", "price", "delta", "lang", "__time"], limit=100, order="ascending", filter={"type": "or", "fields": [{"type": "selector", "dimension": "page", "value": "C"}, F_NULL_LANG]}),
  sc("scan_clipped_interval", intervals=["2013-08-31T02:00/2013-09-01T02:00"], columns=["__time", "page", "added"]),
  sm("segment_metadata_default"),
  sm("segment_metadata_merged_default", merge=True),
  sm("segment_metadata_all_analyses", analysisTypes=["cardinality", "minmax", "interval", "aggregators", "queryGranularity", "rollup"]),
  sm("segment_metadata_merged_all", merge=True, analysisTypes=["cardinality", "minmax", "interval", "aggregators", "queryGranularity", "rollup"]),
  sm("segment_metadata_to_include", intervals=["2013-08-31T02:00/2013-09-01T01:00"], analysisTypes=["minmax", "interval"], toInclude={"type": "list", "columns": ["lang", "added"]}),
  sm("segment_metadata_merged_none", intervals=["2013-08-31T02:00/2013-09-01T01:00"], merge=True, analysisTypes=[]),
  tb("time_boundary_both"),
  tb("time_boundary_max", bound="maxTime"),
  tb("time_boundary_min_clipped", bound="minTime", intervals=["2013-08-31T02:00/2013-09-02"]),
  tb("time_boundary_filter_clipped", intervals=["2013-08-31T02:00/2013-09-01T01:00"], filter=F_A),
  tb("time_boundary_no_segments", intervals=["2014-08-31/2014-09-01"]),
  tb("time_boundary_filter_nothing", filter=F_NONE),
  tb("time_boundary_two_intervals", intervals=["2013-08-31T02:00/2013-08-31T04:00", "2013-09-01T01:00/2013-09-03T12:10"]),
  ("datasource_metadata", {"queryType": "dataSourceMetadata", "dataSource": DS}),
]

def run(q):
    req = urllib.request.Request("http://127.0.0.1:8082/druid/v2/", data=json.dumps(q).encode(), headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return json.loads(r.read())
    except urllib.error.HTTPError as e:
        return {"httpError": e.code, "body": e.read().decode()[:300]}

CASES += [
  sc("scan_limit_zero_means_all", intervals=["2013-08-31/2013-09-01"], columns=["page"], limit=0),
  sc("scan_ordered_limit_zero", intervals=["2013-08-31/2013-09-01"], columns=["page", "__time"], limit=0, order="ascending"),
  ts("timeseries_limit_zero_means_all", intervals=["2013-08-31/2013-09-01"], granularity="hour", limit=0, aggregations=[A_COUNT]),
]

only = sys.argv[1:]
out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "query_golden")
for name, q in CASES:
    if only and name not in only: continue
    resp = run(q)
    if isinstance(resp, dict) and ("httpError" in resp or "error" in resp):
        print("ERROR", name, resp); continue
    with open(os.path.join(out_dir, f"{name}.json"), "w") as f:
        json.dump({"query": q, "expected": resp}, f, indent=1)
    print("ok", name, len(json.dumps(resp)))
