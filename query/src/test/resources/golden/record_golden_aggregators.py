"""Records golden query/response pairs for first/last/any/mean aggregators and the approximate-distinct and sketch
aggregators (cardinality, hyperUnique, DataSketches HLL/theta/quantiles/KLL) from a running Druid 33 broker.

Ingest both datasources first (see README.md), then: python3 record_golden_aggregators.py [case names...]
Writes golden/pending/<datasource>/<case>.json as {"query": ..., "expected": ...}: a directory
GoldenQueryTest does not read yet. Error cases (named error_*) go to golden/druid-errors/<datasource>/ with "status"
(the HTTP code Druid answered) and Druid's error JSON as "expected".
Never use granularity "none" over long intervals: Druid fills every empty millisecond bucket and runs out of heap.

Data facts the cases lean on (query_golden): `lang` is null for the rows C/u1 (2013-08-31T05:10, the last row of its
day) and E/u3 (2013-09-03T12:00, the first row of its day); `delta` is null only for C/u4 (2013-09-01T07:00, the last
row of its day, and u4's only row); rows D/u2 and A/u2 share the timestamp 2013-09-01T02:00 (a tie in time); 2013-09-02
holds no row and no segment (so timeseries prints no bucket for it; empty hour buckets inside a segment are printed);
`price` has no null. wikipedia has one segment and no null.
Not deterministic in Druid, hence avoided: "any" in a groupBy over several segments (merge order), quantiles/KLL sketches
past their exact mode (random compaction). Engine-dependent, hence pinned with "vectorize": numeric "any" over a null
(see below) and hyperUnique over a plain string column.
"""
from golden_recording import record

QG = "query_golden"
QG_IV = ["2013-08-31/2013-09-04"]
W = "wikipedia"
W_IV = ["2013-08-31/2013-09-01"]

A_ROWS = {"type": "count", "name": "rows"}
A_EDITS = {"type": "longSum", "name": "edits", "fieldName": "count"}


def agg(t, name, field=None, **kw):
    d = {"type": t, "name": name}
    if field is not None: d["fieldName"] = field
    d.update(kw); return d
def fa(f): return {"type": "fieldAccess", "name": f, "fieldName": f}
def ffa(f): return {"type": "finalizingFieldAccess", "name": f, "fieldName": f}
def fa_named(n, f): return {"type": "fieldAccess", "name": n, "fieldName": f}
def ffa_named(n, f): return {"type": "finalizingFieldAccess", "name": n, "fieldName": f}
def sel(dim, value): return {"type": "selector", "dimension": dim, "value": value}
def filtered(a, flt): return {"type": "filtered", "filter": flt, "aggregator": a}
def lim(n, *cols):
    return {"type": "default", "limit": n, "columns": [c if isinstance(c, dict) else {"dimension": c, "direction": "ascending"} for c in cols]}
def desc(c, order=None):
    d = {"dimension": c, "direction": "descending"}
    if order: d["dimensionOrder"] = order
    return d
NO_FINALIZE = {"finalize": False}


def ts(ds, iv, name, aggs, **kw):
    q = {"queryType": "timeseries", "dataSource": ds, "intervals": iv, "granularity": "all", "aggregations": aggs}
    q.update(kw); return ds, name, q
def gb(ds, iv, name, dims, aggs, **kw):
    q = {"queryType": "groupBy", "dataSource": ds, "intervals": iv, "granularity": "all", "dimensions": dims, "aggregations": aggs}
    q.update(kw); return ds, name, q
def tn(ds, iv, name, dim, metric, aggs, threshold=10, **kw):
    q = {"queryType": "topN", "dataSource": ds, "intervals": iv, "granularity": "all", "dimension": dim, "metric": metric,
         "threshold": threshold, "aggregations": aggs}
    q.update(kw); return ds, name, q
def qts(name, aggs, **kw): return ts(QG, QG_IV, name, aggs, **kw)
def qgb(name, dims, aggs, **kw): return gb(QG, QG_IV, name, dims, aggs, **kw)
def qtn(name, dim, metric, aggs, **kw): return tn(QG, QG_IV, name, dim, metric, aggs, **kw)
def wts(name, aggs, **kw): return ts(W, W_IV, name, aggs, **kw)
def wgb(name, dims, aggs, **kw): return gb(W, W_IV, name, dims, aggs, **kw)
def wtn(name, dim, metric, aggs, **kw): return tn(W, W_IV, name, dim, metric, aggs, **kw)


# ---- first / last --------------------------------------------------------------------------------------------------
FL_ALL = [agg("longFirst", "lf", "added"), agg("longLast", "ll", "added"), agg("doubleFirst", "df", "price"),
          agg("doubleLast", "dl", "price"), agg("floatFirst", "ff", "price"), agg("floatLast", "fl", "price"),
          agg("stringFirst", "sf", "page"), agg("stringLast", "sl", "page")]
FL_NULLS = [A_ROWS, agg("longFirst", "lf_delta", "delta"), agg("longLast", "ll_delta", "delta"),
            agg("doubleFirst", "df_delta", "delta"), agg("doubleLast", "dl_delta", "delta"),
            agg("floatLast", "fl_delta", "delta"), agg("stringFirst", "sf_lang", "lang"), agg("stringLast", "sl_lang", "lang")]
FL_MISSING = [agg("longFirst", "lf", "nope"), agg("longLast", "ll", "nope"), agg("doubleFirst", "df", "nope"),
              agg("doubleLast", "dl", "nope"), agg("floatFirst", "ff", "nope"), agg("floatLast", "fl", "nope"),
              agg("stringFirst", "sf", "nope"), agg("stringLast", "sl", "nope")]
FL_TIME_COL = [agg("longFirst", "lf_by_delta", "added", timeColumn="delta"), agg("longLast", "ll_by_delta", "added", timeColumn="delta"),
               agg("doubleFirst", "df_by_added", "price", timeColumn="added"), agg("doubleLast", "dl_by_added", "price", timeColumn="added"),
               agg("floatFirst", "ff_by_delta", "price", timeColumn="delta"), agg("floatLast", "fl_by_delta", "price", timeColumn="delta"),
               agg("stringFirst", "sf_by_added", "page", timeColumn="added"), agg("stringLast", "sl_by_delta", "page", timeColumn="delta")]
FL_CROSS = [agg("longFirst", "lf_price", "price"), agg("longLast", "ll_price", "price"), agg("doubleFirst", "df_added", "added"),
            agg("floatLast", "fl_added", "added"), agg("stringFirst", "sf_added", "added"), agg("stringLast", "sl_price", "price"),
            agg("stringFirst", "sf_user_1byte", "user", maxStringBytes=1), agg("stringLast", "sl_user_2bytes", "user", maxStringBytes=2)]
FL_POST = [agg("longFirst", "lf", "added"), agg("doubleLast", "dl", "price"), agg("floatFirst", "ff", "price"),
           agg("stringLast", "sl", "page"), agg("stringFirst", "sf_lang", "lang")]
FL_POST_AGGS = [fa_named("lf_raw", "lf"), ffa_named("lf_fin", "lf"), fa_named("dl_raw", "dl"), ffa_named("dl_fin", "dl"),
                fa_named("ff_raw", "ff"), ffa_named("ff_fin", "ff"), fa_named("sl_raw", "sl"), ffa_named("sl_fin", "sl"),
                fa_named("sf_lang_raw", "sf_lang"), ffa_named("sf_lang_fin", "sf_lang"),
                {"type": "arithmetic", "name": "lf_plus_dl", "fn": "+", "fields": [ffa("lf"), ffa("dl")]}]
W_FL = [agg("longFirst", "lf", "added"), agg("longLast", "ll", "added"), agg("doubleFirst", "df", "delta"),
        agg("doubleLast", "dl", "deleted"), agg("floatFirst", "ff", "delta"), agg("floatLast", "fl", "deleted"),
        agg("stringFirst", "sf", "page", maxStringBytes=2), agg("stringLast", "sl", "page", maxStringBytes=2),
        agg("stringFirst", "sf_full", "page"), agg("stringLast", "sl_full", "page")]

# ---- any -----------------------------------------------------------------------------------------------------------
ANY_ALL = [A_ROWS, agg("longAny", "la", "added"), agg("doubleAny", "da", "price"), agg("floatAny", "fa", "price"),
           agg("stringAny", "sa", "page"), agg("longAny", "la_delta", "delta"), agg("doubleAny", "da_delta", "delta"),
           agg("stringAny", "sa_lang", "lang"), agg("stringAny", "sa_user_1byte", "user", maxStringBytes=1),
           agg("longAny", "la_nope", "nope"), agg("doubleAny", "da_nope", "nope"), agg("floatAny", "fa_nope", "nope"),
           agg("stringAny", "sa_nope", "nope")]
W_ANY = [agg("longAny", "la", "added"), agg("doubleAny", "da", "delta"), agg("floatAny", "fa", "deleted"),
         agg("stringAny", "sa", "page"), agg("stringAny", "sa_2bytes", "page", maxStringBytes=2)]

# ---- mean ----------------------------------------------------------------------------------------------------------
MEAN = [A_ROWS, agg("doubleMean", "m_added", "added"), agg("doubleMean", "m_delta", "delta"),
        agg("doubleMean", "m_price", "price"), agg("doubleMean", "m_nope", "nope")]

# ---- cardinality / hyperUnique --------------------------------------------------------------------------------------
CARD = [agg("cardinality", "c_user", fields=["user"]), agg("cardinality", "c_user_round", fields=["user"], round=True),
        agg("cardinality", "c_page_lang", fields=["page", "lang"]), agg("cardinality", "c_page_lang_by_row", fields=["page", "lang"], byRow=True),
        agg("cardinality", "c_page_lang_by_row_round", fields=["page", "lang"], byRow=True, round=True),
        agg("cardinality", "c_lang", fields=["lang"]), agg("cardinality", "c_nope", fields=["nope"]),
        agg("hyperUnique", "hu_nope", "nope")]
W_CARD = [agg("cardinality", "c_user", fields=["user"]), agg("cardinality", "c_user_round", fields=["user"], round=True),
          agg("cardinality", "c_channel", fields=["channel"]), agg("cardinality", "c_channel_lang", fields=["channel", "language"]),
          agg("cardinality", "c_country_city_by_row", fields=["country", "city"], byRow=True),
          agg("cardinality", "c_country_city_by_row_round", fields=["country", "city"], byRow=True, round=True)]
HU_POST = [{"type": "hyperUniqueCardinality", "name": "c_user_est", "fieldName": "c_user"},
           {"type": "hyperUniqueCardinality", "name": "c_user_est_round", "fieldName": "c_user", "round": True},
           {"type": "hyperUniqueCardinality", "name": "c_page_lang_by_row_est", "fieldName": "c_page_lang_by_row"},
           {"type": "hyperUniqueCardinality", "name": "hu_nope_est", "fieldName": "hu_nope"},
           fa_named("c_user_raw", "c_user")]

# ---- DataSketches ---------------------------------------------------------------------------------------------------
HLL_BUILD = [agg("HLLSketchBuild", "h_user", "user"), agg("HLLSketchBuild", "h_user_lgk10_hll8", "user", lgK=10, tgtHllType="HLL_8"),
             agg("HLLSketchBuild", "h_user_round", "user", round=True), agg("HLLSketchBuild", "h_page", "page"),
             agg("HLLSketchBuild", "h_lang", "lang"), agg("HLLSketchBuild", "h_added", "added"), agg("HLLSketchBuild", "h_nope", "nope")]
HLL_POST_AGGS = [{"type": "HLLSketchEstimate", "name": "est_user", "field": fa("h_user")},
                 {"type": "HLLSketchEstimate", "name": "est_user_round", "field": fa("h_user"), "round": True},
                 {"type": "HLLSketchEstimateWithBounds", "name": "bounds_user", "field": fa("h_user"), "numStdDev": 2},
                 {"type": "HLLSketchEstimateWithBounds", "name": "bounds_user_default", "field": fa("h_page")},
                 {"type": "HLLSketchToString", "name": "str_page", "field": fa("h_page")},
                 {"type": "HLLSketchEstimate", "name": "est_union", "field": {"type": "HLLSketchUnion", "name": "u", "fields": [fa("h_user"), fa("h_page")]}},
                 {"type": "HLLSketchUnion", "name": "union_user_page", "fields": [fa("h_user"), fa("h_page")], "lgK": 10, "tgtHllType": "HLL_8"}]
THETA = [agg("thetaSketch", "t_user", "user"), agg("thetaSketch", "t_user_1024", "user", size=1024), agg("thetaSketch", "t_page", "page"),
         agg("thetaSketch", "t_lang", "lang"), agg("thetaSketch", "t_added", "added"), agg("thetaSketch", "t_nope", "nope")]
THETA_POST_AGGS = [{"type": "thetaSketchEstimate", "name": "est_user", "field": fa("t_user")},
                   {"type": "thetaSketchEstimate", "name": "est_user_1024", "field": fa("t_user_1024")},
                   {"type": "thetaSketchEstimate", "name": "est_added", "field": fa("t_added")}]
def theta_setops(a_name, a_filter, b_name, b_filter, field):
    aggs = [filtered(agg("thetaSketch", a_name, field), a_filter), filtered(agg("thetaSketch", b_name, field), b_filter)]
    def setop(func): return {"type": "thetaSketchSetOp", "name": func.lower(), "func": func, "fields": [fa(a_name), fa(b_name)]}
    posts = [{"type": "thetaSketchEstimate", "name": "est_" + f.lower(), "field": setop(f)} for f in ("INTERSECT", "UNION", "NOT")]
    posts.append({"type": "thetaSketchEstimate", "name": "est_" + a_name, "field": fa(a_name)})
    posts.append({"type": "thetaSketchEstimate", "name": "est_" + b_name, "field": fa(b_name)})
    posts.append({"type": "thetaSketchSetOp", "name": "union_sketch", "func": "UNION", "size": 1024, "fields": [fa(a_name), fa(b_name)]})
    return aggs, posts
QUANTILES = [agg("quantilesDoublesSketch", "q_added", "added"), agg("quantilesDoublesSketch", "q_added_k64", "added", k=64)]
def quantile_posts(f):
    return [{"type": "quantilesDoublesSketchToQuantile", "name": f + "_median", "field": fa(f), "fraction": 0.5},
            {"type": "quantilesDoublesSketchToQuantiles", "name": f + "_quantiles", "field": fa(f), "fractions": [0, 0.25, 0.5, 0.75, 1]},
            {"type": "quantilesDoublesSketchToHistogram", "name": f + "_histogram", "field": fa(f), "splitPoints": [5, 10, 20]},
            {"type": "quantilesDoublesSketchToHistogram", "name": f + "_histogram_bins", "field": fa(f), "numBins": 4},
            {"type": "quantilesDoublesSketchToCDF", "name": f + "_cdf", "field": fa(f), "splitPoints": [5, 10, 20]},
            {"type": "quantilesDoublesSketchToRank", "name": f + "_rank", "field": fa(f), "value": 10}]
def w_quantile_posts(f):
    return [{"type": "quantilesDoublesSketchToQuantile", "name": f + "_median", "field": fa(f), "fraction": 0.5},
            {"type": "quantilesDoublesSketchToQuantiles", "name": f + "_quantiles", "field": fa(f), "fractions": [0.1, 0.5, 0.9, 0.99]},
            {"type": "quantilesDoublesSketchToHistogram", "name": f + "_histogram", "field": fa(f), "splitPoints": [100, 500, 1000]},
            {"type": "quantilesDoublesSketchToCDF", "name": f + "_cdf", "field": fa(f), "splitPoints": [100, 500, 1000]},
            {"type": "quantilesDoublesSketchToRank", "name": f + "_rank", "field": fa(f), "value": 250}]
KLL = [agg("KllDoublesSketch", "k_added", "added"), agg("KllDoublesSketch", "k_price_k50", "price", k=50)]
KLL_POSTS = [{"type": "KllDoublesSketchToQuantile", "name": "k_added_median", "field": fa("k_added"), "fraction": 0.5},
             {"type": "KllDoublesSketchToQuantile", "name": "k_price_p90", "field": fa("k_price_k50"), "fraction": 0.9},
             {"type": "KllDoublesSketchToQuantiles", "name": "k_added_quantiles", "field": fa("k_added"), "fractions": [0, 0.5, 1]}]
SKETCHES_QG = [agg("HLLSketchBuild", "hll_user", "user"), agg("HLLSketchBuild", "hll_added", "added"),
               agg("thetaSketch", "theta_user", "user"), agg("quantilesDoublesSketch", "quantiles_added", "added"),
               agg("quantilesDoublesSketch", "quantiles_delta", "delta"), agg("KllDoublesSketch", "kll_added", "added"),
               agg("KllFloatsSketch", "kllf_price", "price"), agg("cardinality", "card_user", fields=["user"])]
SKETCHES_W = [agg("HLLSketchBuild", "hll_user", "user"), agg("HLLSketchBuild", "hll_user_round", "user", round=True),
              agg("HLLSketchMerge", "hll_user_sketch_column", "user_sketch"), agg("thetaSketch", "theta_user", "user"),
              agg("quantilesDoublesSketch", "quantiles_added", "added"), agg("KllDoublesSketch", "kll_added", "added"),
              agg("cardinality", "card_user", fields=["user"])]

TS_ADDED_FILTER = {"type": "bound", "dimension": "added", "lower": "0", "upper": "5", "ordering": "numeric"}
SETOP_QG = theta_setops("t_en", sel("lang", "en"), "t_page_a", sel("page", "A"), "user")
SETOP_W = theta_setops("t_en_wiki", sel("channel", "#en.wikipedia"), "t_anonymous", sel("anonymous", "true"), "user")

CASES = [
  # ==== A. first / last: query_golden ===============================================================================
  qts("timeseries_first_last_all", FL_ALL),
  qts("timeseries_first_last_day", FL_ALL, granularity="day"),
  qts("timeseries_first_last_hour", FL_ALL, granularity="hour", intervals=["2013-08-31T00:00/2013-08-31T06:00"]),
  qts("timeseries_first_last_nulls_day", FL_NULLS, granularity="day"),
  qts("timeseries_first_last_nulls_all", FL_NULLS),
  qts("timeseries_first_last_time_tie", FL_ALL + [agg("stringFirst", "sf_user", "user"), agg("stringLast", "sl_user", "user")],
      intervals=["2013-09-01T01:00/2013-09-01T03:00"]),
  qts("timeseries_first_last_time_column", FL_TIME_COL),
  qts("timeseries_first_last_time_column_day", FL_TIME_COL, granularity="day"),
  qts("timeseries_first_last_missing_column", FL_MISSING),
  # rows B/u1 (delta 1, added 3) and C/u4 (delta null, added 1): is a null timeColumn value skipped, or read as 0?
  qts("timeseries_first_last_time_column_null_time", [A_ROWS, agg("longFirst", "lf_by_delta", "added", timeColumn="delta"),
      agg("longLast", "ll_by_delta", "added", timeColumn="delta"), agg("stringFirst", "sf_by_delta", "user", timeColumn="delta"),
      agg("stringLast", "sl_by_delta", "user", timeColumn="delta")], intervals=["2013-09-01/2013-09-02"],
      filter={"type": "in", "dimension": "user", "values": ["u1", "u4"]}),
  qts("timeseries_first_last_other_types", FL_CROSS),
  qgb("groupby_first_last_user", ["user"], [A_ROWS] + FL_ALL + [agg("longLast", "ll_delta", "delta")]),
  qgb("groupby_first_last_user_day", ["user"], [A_ROWS, agg("longFirst", "lf", "added"), agg("longLast", "ll", "added"),
      agg("stringFirst", "sf", "page"), agg("stringLast", "sl", "page"), agg("doubleFirst", "df", "price"), agg("doubleLast", "dl", "price")],
      granularity="day"),
  qgb("groupby_first_last_lang_nulls", ["lang"], FL_NULLS),
  qtn("topn_order_by_long_last", "page", "ll", [A_ROWS, agg("longLast", "ll", "added"), agg("longFirst", "lf", "added")], threshold=3),
  qtn("topn_order_by_double_first", "lang", "df", [A_ROWS, agg("doubleFirst", "df", "price"), agg("stringLast", "sl", "user")], threshold=3),
  qtn("topn_order_by_string_last", "page", "sl", [agg("stringLast", "sl", "user")], threshold=3),
  qtn("topn_order_by_float_last_ascending", "user", {"type": "inverted", "metric": "fl"}, [agg("floatLast", "fl", "price")], threshold=2),
  qgb("groupby_having_long_last", ["page"], [A_ROWS, agg("longLast", "ll", "added")],
      having={"type": "greaterThan", "aggregation": "ll", "value": 10}),
  qgb("groupby_having_filter_string_last", ["page"], [A_ROWS, agg("stringLast", "sl_lang", "lang")],
      having={"type": "filter", "filter": sel("sl_lang", "en")}),
  qgb("groupby_order_by_double_first_limit", ["page"], [agg("doubleFirst", "df", "price"), agg("longFirst", "lf", "added")],
      limitSpec=lim(3, desc("df", "numeric"))),
  qts("timeseries_first_last_post_aggs", FL_POST, postAggregations=FL_POST_AGGS),
  qts("timeseries_first_last_post_aggs_finalize_false", FL_POST, postAggregations=FL_POST_AGGS, context=NO_FINALIZE),
  qts("timeseries_first_last_finalize_false", FL_ALL + [agg("stringLast", "sl_lang", "lang"), agg("longLast", "ll_delta", "delta")],
      granularity="day", context=NO_FINALIZE),
  qgb("groupby_first_last_finalize_false", ["page"], FL_ALL, context=NO_FINALIZE),
  qtn("topn_first_last_finalize_false", "page", "ll", [agg("longLast", "ll", "added"), agg("stringFirst", "sf", "user")],
      threshold=3, context=NO_FINALIZE),
  qgb("groupby_first_last_post_aggs", ["page"], FL_POST, postAggregations=FL_POST_AGGS),
  qts("error_arithmetic_over_field_access_long_first", [agg("longFirst", "lf", "added")],
      postAggregations=[{"type": "arithmetic", "name": "p", "fn": "+", "fields": [fa("lf"), {"type": "constant", "name": "one", "value": 1}]}]),

  # ==== A. first / last: wikipedia ===================================================================================
  wts("wikipedia_timeseries_first_last_hour", W_FL, granularity="hour", intervals=["2013-08-31T00:00/2013-08-31T06:00"]),
  wtn("wikipedia_topn_order_by_long_last", "channel", "ll", [A_EDITS, agg("longLast", "ll", "added"), agg("stringLast", "sl", "page")], threshold=5),
  wgb("wikipedia_groupby_first_last_time_column", ["namespace"], [agg("longFirst", "lf_by_deleted", "added", timeColumn="deleted"),
      agg("longLast", "ll_by_deleted", "added", timeColumn="deleted"), agg("stringFirst", "sf_by_added", "user", timeColumn="added"),
      agg("stringLast", "sl_by_added", "user", timeColumn="added"), agg("doubleLast", "dl_by_count", "delta", timeColumn="count")]),
  wgb("wikipedia_groupby_first_last_day_finalize_false", ["continent"], [agg("longFirst", "lf", "added"), agg("doubleLast", "dl", "delta"),
      agg("stringLast", "sl", "city", maxStringBytes=3)], granularity="day", context=NO_FINALIZE),

  # ==== B. any ========================================================================================================
  qts("timeseries_any_all", ANY_ALL),
  # The segment of 2013-09-01 holds delta 1, -8, 20, null in that order: the vectorized numeric any answers null when
  # the batch holds a null anywhere, the row aggregator takes the first row's value (1), so these cases pin the engine.
  qts("timeseries_any_day_vectorize_force", ANY_ALL, granularity="day", context={"vectorize": "force"}),
  qts("timeseries_any_day_no_vectorize", ANY_ALL, granularity="day", context={"vectorize": False}),
  qts("timeseries_any_one_segment_vectorize_force", ANY_ALL, intervals=["2013-09-01/2013-09-02"], context={"vectorize": "force"}),
  qts("timeseries_any_one_segment_no_vectorize", ANY_ALL, intervals=["2013-09-01/2013-09-02"], context={"vectorize": False}),
  # groupBy over several segments merges per-segment "any" results in arrival order (it differed between runs), so
  # the groupBy cases stay inside one segment.
  qgb("groupby_any_page_one_segment", ["page"], [A_ROWS, agg("longAny", "la", "added"), agg("doubleAny", "da", "price"),
      agg("floatAny", "fa", "price"), agg("stringAny", "sa", "user"), agg("stringAny", "sa_lang", "lang"), agg("longAny", "la_delta", "delta")],
      intervals=["2013-08-31/2013-09-01"]),
  qgb("groupby_any_lang_one_segment_vectorize_force", ["lang"], [A_ROWS, agg("longAny", "la_delta", "delta"), agg("doubleAny", "da_delta", "delta"),
      agg("floatAny", "fa_delta", "delta"), agg("stringAny", "sa_user", "user")], intervals=["2013-09-01/2013-09-02"], context={"vectorize": "force"}),
  qgb("groupby_any_lang_one_segment_no_vectorize", ["lang"], [A_ROWS, agg("longAny", "la_delta", "delta"), agg("doubleAny", "da_delta", "delta"),
      agg("floatAny", "fa_delta", "delta"), agg("stringAny", "sa_user", "user")], intervals=["2013-09-01/2013-09-02"], context={"vectorize": False}),
  # A null in the first row (expression virtual column, so the row engine): any and first keep that null, mean skips it.
  qts("timeseries_any_first_mean_null_first_row", [A_ROWS, agg("longAny", "la", "v"), agg("doubleAny", "da", "v"), agg("stringAny", "sa", "s"),
      agg("longFirst", "lf", "v"), agg("doubleFirst", "df", "v"), agg("stringFirst", "sf", "s"), agg("longLast", "ll", "v"), agg("doubleMean", "m", "v")],
      intervals=["2013-09-01/2013-09-02"], context={"vectorize": False},
      virtualColumns=[{"type": "expression", "name": "v", "expression": "if(page == 'B', null, delta)", "outputType": "LONG"},
                      {"type": "expression", "name": "s", "expression": "if(page == 'B', null, lang)", "outputType": "STRING"}]),
  qts("timeseries_any_finalize_false", ANY_ALL, context=NO_FINALIZE),
  wts("wikipedia_timeseries_any_all", W_ANY),
  wgb("wikipedia_groupby_any_channel", ["channel"], [A_EDITS] + W_ANY),

  # ==== C. doubleMean =================================================================================================
  qts("timeseries_mean_all", MEAN),
  qts("timeseries_mean_day", MEAN, granularity="day"),
  qts("timeseries_mean_hour_empty_buckets", MEAN, granularity="hour", intervals=["2013-08-31T00:00/2013-08-31T06:00"]),
  qgb("groupby_mean_user", ["user"], MEAN),
  qts("timeseries_mean_finalize_false", MEAN, granularity="day", context=NO_FINALIZE),
  qts("timeseries_mean_post_aggs", [agg("doubleMean", "m_added", "added"), agg("doubleMean", "m_nope", "nope")],
      postAggregations=[fa_named("m_added_raw", "m_added"), ffa_named("m_added_fin", "m_added"), ffa_named("m_nope_fin", "m_nope"),
                        {"type": "arithmetic", "name": "m_added_x2", "fn": "*", "fields": [ffa("m_added"), {"type": "constant", "name": "two", "value": 2}]}]),
  wtn("wikipedia_topn_order_by_mean", "channel", "m", [A_EDITS, agg("doubleMean", "m", "added"), agg("doubleMean", "m_delta", "delta")], threshold=5),

  # ==== D. cardinality / hyperUnique ==================================================================================
  qts("timeseries_cardinality_hyperunique", CARD),
  qts("timeseries_cardinality_hyperunique_post_aggs", CARD, postAggregations=HU_POST),
  qts("timeseries_cardinality_finalize_false", CARD, context=NO_FINALIZE),
  qgb("groupby_cardinality_page", ["page"], [A_ROWS, agg("cardinality", "c_user", fields=["user"]), agg("cardinality", "c_user_lang_by_row", fields=["user", "lang"], byRow=True)]),
  wts("wikipedia_timeseries_cardinality", W_CARD),
  # hyperUnique over a plain string column depends on the engine: the vectorized aggregator ignores the strings (0.0),
  # the row aggregator refuses the column. Cardinality is not vectorizable, so a query holding both takes the error path.
  qts("hyperunique_string_column_vectorize_force", [A_ROWS, agg("hyperUnique", "hu_user", "user")], context={"vectorize": "force"}),
  qts("error_hyperunique_string_column_no_vectorize", [A_ROWS, agg("hyperUnique", "hu_user", "user")], context={"vectorize": False}),
  qts("error_hyperunique_string_column_with_cardinality_by_row", [agg("hyperUnique", "hu_user", "user"), agg("cardinality", "c_user", fields=["user"], byRow=True)]),
  wtn("wikipedia_topn_order_by_cardinality", "channel", "c_user", [A_EDITS, agg("cardinality", "c_user", fields=["user"], round=True)], threshold=4,
      postAggregations=[{"type": "hyperUniqueCardinality", "name": "c_user_est", "fieldName": "c_user"}]),

  # ==== E. DataSketches ===============================================================================================
  qts("timeseries_hll_build", HLL_BUILD),
  qts("timeseries_hll_post_aggs", HLL_BUILD, postAggregations=HLL_POST_AGGS),
  qgb("groupby_hll_build_day", ["page"], [A_ROWS, agg("HLLSketchBuild", "h_user", "user"), agg("HLLSketchBuild", "h_user_round", "user", round=True)],
      granularity="day"),
  qts("error_hll_merge_on_string_column", [agg("HLLSketchMerge", "h", "user")]),
  qts("timeseries_hll_merge_missing_column", [agg("HLLSketchMerge", "h", "nope"), agg("HLLSketchMerge", "h_round", "nope", round=True)]),
  wts("wikipedia_timeseries_hll_build", [agg("HLLSketchBuild", "h_user", "user"), agg("HLLSketchBuild", "h_user_round", "user", round=True),
      agg("HLLSketchBuild", "h_user_lgk10_hll8", "user", lgK=10, tgtHllType="HLL_8"), agg("HLLSketchBuild", "h_page", "page"),
      agg("HLLSketchBuild", "h_channel", "channel"), agg("HLLSketchBuild", "h_added", "added"), agg("cardinality", "c_user", fields=["user"])],
      postAggregations=[{"type": "HLLSketchEstimate", "name": "est_user_round", "field": fa("h_user"), "round": True},
                        {"type": "HLLSketchEstimateWithBounds", "name": "bounds_user", "field": fa("h_user"), "numStdDev": 2},
                        {"type": "HLLSketchEstimate", "name": "est_union_user_page", "field": {"type": "HLLSketchUnion", "name": "u", "fields": [fa("h_user"), fa("h_page")]}},
                        {"type": "HLLSketchToString", "name": "str_channel", "field": fa("h_channel")}]),
  wtn("wikipedia_topn_order_by_hll", "channel", "h_user", [A_EDITS, agg("HLLSketchBuild", "h_user", "user", round=True)], threshold=3),
  qts("timeseries_theta", THETA, postAggregations=THETA_POST_AGGS),
  qts("timeseries_theta_set_ops", SETOP_QG[0], postAggregations=SETOP_QG[1]),
  wts("wikipedia_timeseries_theta_set_ops", SETOP_W[0] + [agg("thetaSketch", "t_user", "user"), agg("thetaSketch", "t_user_1024", "user", size=1024)],
      postAggregations=SETOP_W[1] + [{"type": "thetaSketchEstimate", "name": "est_user_1024", "field": fa("t_user_1024")}]),
  qts("timeseries_quantiles", QUANTILES + [agg("quantilesDoublesSketch", "q_delta", "delta"), agg("quantilesDoublesSketch", "q_nope", "nope")],
      postAggregations=quantile_posts("q_added") + quantile_posts("q_added_k64") + [
          {"type": "quantilesDoublesSketchToQuantile", "name": "q_delta_median", "field": fa("q_delta"), "fraction": 0.5},
          {"type": "quantilesDoublesSketchToQuantile", "name": "q_nope_median", "field": fa("q_nope"), "fraction": 0.5},
          {"type": "quantilesDoublesSketchToString", "name": "q_added_string", "field": fa("q_added")}]),
  qgb("groupby_quantiles_page", ["page"], [A_ROWS, agg("quantilesDoublesSketch", "q", "added")],
      postAggregations=[{"type": "quantilesDoublesSketchToQuantile", "name": "median", "field": fa("q"), "fraction": 0.5},
                        {"type": "quantilesDoublesSketchToRank", "name": "rank_10", "field": fa("q"), "value": 10}]),
  wts("wikipedia_timeseries_quantiles_exact_mode", [agg("quantilesDoublesSketch", "q_added", "added"), agg("quantilesDoublesSketch", "q_added_k64", "added", k=64)],
      postAggregations=w_quantile_posts("q_added") + w_quantile_posts("q_added_k64"), intervals=["2013-08-31T00:00/2013-08-31T05:00"]),
  qts("timeseries_kll", KLL, postAggregations=KLL_POSTS),
  wts("wikipedia_timeseries_kll_exact_mode", [agg("KllDoublesSketch", "k_added", "added"), agg("KllDoublesSketch", "k_added_k50", "added", k=50)],
      postAggregations=[{"type": "KllDoublesSketchToQuantile", "name": "k_added_median", "field": fa("k_added"), "fraction": 0.5},
                        {"type": "KllDoublesSketchToQuantile", "name": "k_added_k50_p90", "field": fa("k_added_k50"), "fraction": 0.9}],
      intervals=["2013-08-31T00:00/2013-08-31T02:00"]),
  qts("timeseries_sketches_no_post_aggs", SKETCHES_QG),
  qts("timeseries_sketches_no_post_aggs_filtered_few_rows", SKETCHES_QG, filter=TS_ADDED_FILTER),
  qts("timeseries_sketches_day_empty_bucket", SKETCHES_QG, granularity="day"),
  qts("timeseries_sketches_finalize_false", SKETCHES_QG, context=NO_FINALIZE),
  qts("timeseries_sketches_field_access", SKETCHES_QG,
      postAggregations=[fa_named(a["name"] + "_raw", a["name"]) for a in SKETCHES_QG] + [ffa_named(a["name"] + "_fin", a["name"]) for a in SKETCHES_QG]),
  wts("wikipedia_timeseries_sketches_no_post_aggs", SKETCHES_W),
]



if __name__ == "__main__":
    record(CASES, "pending")
