"""Records golden query/response pairs for extraction functions and dimension specs from a running Druid 33 broker.

Ingest both datasources first (see README.md), then: python3 record_golden_extraction.py [case names...]
Writes golden/<datasource>/<case>.json as {"query": ..., "expected": ...} (replayed by GoldenQueryTest); error cases
(those named error_*) go to golden/druid-errors/<datasource>/ with "status" (the HTTP code Druid answered) and Druid's
error JSON as "expected": Druid answers them with 500s, Strata with 400s naming the problem (ExtractionFunctionsTest).
Never use granularity "none" over long intervals: Druid fills every empty millisecond bucket and runs out of heap.
"""
from golden_recording import record

QG = "query_golden"
QG_IV = ["2013-08-31/2013-09-04"]
W = "wikipedia"
W_IV = ["2013-08-31/2013-09-01"]

A_ROWS = {"type": "count", "name": "rows"}
A_ADDED = {"type": "longSum", "name": "added", "fieldName": "added"}
A_EDITS = {"type": "longSum", "name": "edits", "fieldName": "count"}


def ext(dim, fn, out="x", **kw):
    d = {"type": "extraction", "dimension": dim, "outputName": out, "extractionFn": fn}
    d.update(kw); return d
def regex(expr, **kw):
    d = {"type": "regex", "expr": expr}; d.update(kw); return d
def substr(index, length=None):
    d = {"type": "substring", "index": index}
    if length is not None: d["length"] = length
    return d
def lookup_fn(m, **kw):
    d = {"type": "lookup", "lookup": {"type": "map", "map": m}}; d.update(kw); return d
def tf(fmt=None, **kw):
    d = {"type": "timeFormat"}
    if fmt is not None: d["format"] = fmt
    d.update(kw); return d
def sfmt(fmt, nh=None):
    d = {"type": "stringFormat", "format": fmt}
    if nh is not None: d["nullHandling"] = nh
    return d
def cascade(*fns): return {"type": "cascade", "extractionFns": list(fns)}
def sel(dim, value, fn): return {"type": "selector", "dimension": dim, "value": value, "extractionFn": fn}

UPPER = {"type": "upper"}
LOWER = {"type": "lower"}
STRLEN = {"type": "strlen"}
LANG_MAP = {"en": "English", "fr": "French"}


def qgb(name, dims, **kw):
    q = {"queryType": "groupBy", "dataSource": QG, "intervals": QG_IV, "granularity": "all", "dimensions": dims, "aggregations": [A_ROWS, A_ADDED]}
    q.update(kw); return QG, name, q
def qtn(name, dim, **kw):
    q = {"queryType": "topN", "dataSource": QG, "intervals": QG_IV, "granularity": "all", "dimension": dim, "metric": "added", "threshold": 10, "aggregations": [A_ROWS, A_ADDED]}
    q.update(kw); return QG, name, q
def wgb(name, dims, **kw):
    q = {"queryType": "groupBy", "dataSource": W, "intervals": W_IV, "granularity": "all", "dimensions": dims, "aggregations": [A_EDITS, A_ADDED]}
    q.update(kw); return W, name, q
def wtn(name, dim, **kw):
    q = {"queryType": "topN", "dataSource": W, "intervals": W_IV, "granularity": "all", "dimension": dim, "metric": "added", "threshold": 10, "aggregations": [A_EDITS, A_ADDED]}
    q.update(kw); return W, name, q
def lim(n, *cols):
    return {"type": "default", "limit": n, "columns": [c if isinstance(c, dict) else {"dimension": c, "direction": "ascending"} for c in cols]}
def desc(c, order=None):
    d = {"dimension": c, "direction": "descending"}
    if order: d["dimensionOrder"] = order
    return d

CASES = [
  # ---- query_golden: extraction dimension specs -------------------------------------------------------------------
  qgb("groupby_ext_regex_index1", [ext("user", regex("u(\\d)", index=1))]),
  qgb("groupby_ext_regex_index0", [ext("user", regex("\\d", index=0))]),
  qgb("error_regex_default_index_no_group", [ext("user", regex("\\d"))]),
  qgb("groupby_ext_regex_no_match_keeps_value", [ext("lang", regex("^(e)"))]),
  qgb("groupby_ext_regex_replace_missing_with", [ext("lang", regex("^(e)", replaceMissingValue=True, replaceMissingValueWith="none"))]),
  qgb("groupby_ext_regex_replace_missing_null", [ext("lang", regex("^(e)", replaceMissingValue=True))]),
  qgb("groupby_ext_regex_output_long", [ext("user", regex("u(\\d)", index=1), outputType="LONG")]),
  qgb("groupby_ext_upper_output_long", [ext("user", UPPER, outputType="LONG")]),
  qgb("groupby_ext_partial", [ext("page", {"type": "partial", "expr": "[AB]"})]),
  qgb("groupby_ext_search_contains", [ext("lang", {"type": "searchQuery", "query": {"type": "contains", "value": "E"}})]),
  qgb("groupby_ext_search_contains_case_sensitive", [ext("lang", {"type": "searchQuery", "query": {"type": "contains", "value": "E", "caseSensitive": True}})]),
  qgb("groupby_ext_substring_index_length", [ext("user", substr(1, 1))]),
  qgb("groupby_ext_substring_no_length", [ext("lang", substr(1))]),
  qgb("groupby_ext_substring_past_end", [ext("lang", substr(5))]),
  qgb("groupby_ext_substring_length_past_end", [ext("page", substr(0, 10))]),
  qgb("groupby_ext_strlen", [ext("lang", STRLEN)]),
  qtn("topn_ext_strlen_long", ext("lang", STRLEN, outputType="LONG"), metric="rows"),
  qgb("groupby_ext_strlen_double", [ext("user", STRLEN, outputType="DOUBLE")]),
  qgb("groupby_ext_string_format_null_string", [ext("lang", sfmt("[%s]", "nullString"))]),
  qgb("groupby_ext_string_format_empty_string", [ext("lang", sfmt("[%s]", "emptyString"))]),
  qgb("groupby_ext_string_format_return_null", [ext("lang", sfmt("[%s]", "returnNull"))]),
  qgb("groupby_ext_string_format_missing_column", [ext("nope", sfmt("[%s]", "nullString"))]),
  qgb("groupby_ext_regex_missing_column", [ext("nope", regex("(.*)", replaceMissingValue=True, replaceMissingValueWith="missing"))]),
  qgb("groupby_ext_bucket_metric", [ext("added", {"type": "bucket", "size": 10})]),
  qgb("groupby_ext_bucket_offset_long", [ext("added", {"type": "bucket", "size": 5, "offset": 2}, outputType="LONG")]),
  qgb("groupby_ext_bucket_fraction_double", [ext("price", {"type": "bucket", "size": 2.5, "offset": 0.5}, outputType="DOUBLE")]),
  qgb("groupby_ext_bucket_non_numeric", [ext("page", {"type": "bucket", "size": 2})]),
  qgb("groupby_ext_lookup_retain", [ext("lang", lookup_fn(LANG_MAP, retainMissingValue=True))]),
  qgb("groupby_ext_lookup_no_retain", [ext("lang", lookup_fn(LANG_MAP, retainMissingValue=False))]),
  qgb("groupby_ext_lookup_replace_with", [ext("lang", lookup_fn(LANG_MAP, replaceMissingValueWith="Other"))]),
  qgb("groupby_ext_lookup_injective", [ext("lang", lookup_fn({"en": "English", "fr": "French", "de": "German"}, retainMissingValue=True, injective=True))]),
  qgb("groupby_ext_lookup_empty_value", [ext("lang", lookup_fn({"en": "", "fr": "French"}, retainMissingValue=True))]),
  qtn("topn_ext_lookup_dimension_order", ext("page", lookup_fn({"A": "zeta", "B": "alpha", "C": "mu"}, replaceMissingValueWith="omega")),
      metric={"type": "dimension", "ordering": "lexicographic"}),
  qgb("groupby_ext_cascade_lookup_null_format", [ext("user", cascade(substr(1), lookup_fn({"1": "one", "2": "two"}), sfmt("<%s>", "nullString")))]),
  qgb("groupby_ext_time_format_kolkata_hour", [ext("__time", tf("H", timeZone="Asia/Kolkata"))], granularity="day"),
  qgb("groupby_ext_time_format_long_metric", [ext("added", tf("yyyy-MM-dd'T'HH:mm:ss.SSS"))]),
  qgb("groupby_ext_time_format_string_as_millis", [ext("page", cascade(lookup_fn({"A": "1377910800000", "B": "2013-09-01T10:00:00Z"}, replaceMissingValueWith="2013-01-01"),
                                                                   tf("yyyy-MM-dd HH:mm", asMillis=True)))]),
  qgb("groupby_ext_time_format_string_iso", [ext("page", cascade(lookup_fn({"A": "2013-08-31T23:30:00-05:00", "B": "2013-09-01"}, replaceMissingValueWith="2013-01-01T00:00:00.000Z"),
                                                             tf("yyyy-MM-dd HH:mm")))]),
  qgb("groupby_ext_time_reformat_lenient", [ext("user", {"type": "time", "timeFormat": "'u'D", "resultFormat": "MMMM d"})]),
  qgb("groupby_ext_time_reformat_no_parse", [ext("page", {"type": "time", "timeFormat": "yyyy", "resultFormat": "MM"})]),
  # ---- query_golden: other dimension specs --------------------------------------------------------------------------
  qgb("groupby_dimspec_lookup_retain", [{"type": "lookup", "dimension": "lang", "outputName": "L", "lookup": {"type": "map", "map": LANG_MAP}, "retainMissingValue": True}]),
  qgb("groupby_dimspec_lookup_replace", [{"type": "lookup", "dimension": "lang", "outputName": "L", "lookup": {"type": "map", "map": LANG_MAP}, "replaceMissingValueWith": "zz"}]),
  qtn("topn_dimspec_lookup_no_retain", {"type": "lookup", "dimension": "lang", "outputName": "L", "lookup": {"type": "map", "map": LANG_MAP}}),
  qgb("groupby_dimspec_list_whitelist", [{"type": "listFiltered", "delegate": "lang", "values": ["en", "de"]}]),
  qgb("groupby_dimspec_list_blacklist", [{"type": "listFiltered", "delegate": {"type": "default", "dimension": "lang", "outputName": "L"}, "values": ["en", "de"], "isWhitelist": False}]),
  qgb("groupby_dimspec_regex_filtered", [{"type": "regexFiltered", "delegate": "page", "pattern": "[A-C]"}]),
  qgb("groupby_dimspec_prefix_filtered", [{"type": "prefixFiltered", "delegate": "lang", "prefix": "e"}]),
  qgb("groupby_dimspec_time_long", [{"type": "default", "dimension": "__time", "outputName": "t", "outputType": "LONG"}], intervals=["2013-08-31/2013-09-02"]),
  qgb("groupby_dimspec_time_string", [{"type": "default", "dimension": "__time", "outputName": "t"}], intervals=["2013-08-31/2013-09-02"]),
  # ---- query_golden: filters with extractionFn ----------------------------------------------------------------------
  qgb("groupby_filter_selector_upper", ["page"], filter=sel("lang", "EN", UPPER)),
  qgb("groupby_filter_selector_lookup_null", ["lang"], filter=sel("lang", None, lookup_fn(LANG_MAP))),
  qgb("groupby_filter_selector_strlen_null", ["lang"], filter=sel("lang", None, STRLEN)),
  qgb("groupby_filter_selector_strlen_zero", ["lang"], filter=sel("lang", "0", STRLEN)),
  qgb("groupby_filter_not_selector_upper", ["lang"], filter={"type": "not", "field": sel("lang", "EN", UPPER)}),
  qgb("groupby_filter_search_string_format_null", ["page"], filter={"type": "search", "dimension": "lang", "query": {"type": "contains", "value": "null"}, "extractionFn": sfmt("%s", "nullString")}),
  qgb("groupby_filter_in_substring_with_null", ["user"], filter={"type": "in", "dimension": "lang", "values": ["n", None], "extractionFn": substr(1)}),
  qgb("groupby_filter_selector_time_hour", ["page"], filter=sel("__time", "2", tf("H"))),
  qgb("groupby_filter_bound_time_day", ["page"], filter={"type": "bound", "dimension": "__time", "lower": "2013-09-01", "ordering": "lexicographic", "extractionFn": tf("yyyy-MM-dd")}),
  qgb("groupby_filter_interval_time_day_millis", ["page"], filter={"type": "interval", "dimension": "__time", "intervals": ["2013-08-31T12:00/2013-09-01T12:00"],
                                                                  "extractionFn": tf(None, granularity="day", asMillis=True)}),
  qgb("groupby_filter_bound_strlen_numeric", ["user"], filter={"type": "bound", "dimension": "lang", "lower": "1", "upper": "2", "lowerStrict": True, "ordering": "numeric", "extractionFn": STRLEN}),
  (QG, "search_extraction_dimension", {"queryType": "search", "dataSource": QG, "intervals": QG_IV, "granularity": "all",
     "searchDimensions": [ext("lang", UPPER, out="L"), ext("page", lookup_fn({"A": "Eve"}, retainMissingValue=True), out="P")],
     "query": {"type": "insensitive_contains", "value": "e"}, "sort": {"type": "lexicographic"}}),
  # ---- errors -------------------------------------------------------------------------------------------------------
  qgb("error_javascript_extraction", [ext("lang", {"type": "javascript", "function": "function(x) { return x; }"})]),
  qgb("error_registered_lookup_missing", [ext("lang", {"type": "registeredLookup", "lookup": "nope"})]),
  qgb("error_regex_invalid_pattern", [ext("lang", regex("("))]),
  qgb("error_regex_index_past_groups", [ext("lang", regex("(e)", index=2))]),
  qgb("error_time_format_non_date_string", [ext("page", tf("yyyy"))]),

  # ---- wikipedia: extraction dimension specs ------------------------------------------------------------------------
  wtn("wikipedia_topn_ext_regex_first_word", ext("page", regex("^(\\w+)", index=1)), threshold=25),
  wgb("wikipedia_groupby_ext_regex_second_word", [ext("page", regex("^(\\w+) (\\w+)$", index=2))],
      limitSpec=lim(6, desc("edits"), "x")),
  wtn("wikipedia_topn_ext_partial_city", ext("city", {"type": "partial", "expr": "^S"})),
  wgb("wikipedia_groupby_ext_search_insensitive", [ext("city", {"type": "searchQuery", "query": {"type": "insensitive_contains", "value": "SAN"}})]),
  wgb("wikipedia_groupby_ext_search_fragment", [ext("country", {"type": "searchQuery", "query": {"type": "fragment", "values": ["united", "STATES"], "caseSensitive": False}})]),
  wgb("wikipedia_groupby_ext_search_fragment_case_sensitive", [ext("region", {"type": "searchQuery", "query": {"type": "fragment", "values": ["a", "o"], "caseSensitive": True}})]),
  wgb("wikipedia_groupby_ext_substring_channel", [ext("channel", substr(1))], limitSpec=lim(4, "x")),
  wgb("wikipedia_groupby_ext_substring_country", [ext("country", substr(0, 3))]),
  wgb("wikipedia_groupby_ext_upper_locale_tr", [ext("city", {"type": "upper", "locale": "tr"})]),
  wgb("wikipedia_groupby_ext_lower_locale_tr", [ext("region", {"type": "lower", "locale": "tr"}), ext("region", LOWER, out="y")]),
  wgb("wikipedia_groupby_ext_string_format_precision", [ext("namespace", sfmt("%.4s|%1$S"))]),
  wtn("wikipedia_topn_ext_bucket_numeric_order", ext("added", {"type": "bucket", "size": 100, "offset": 50}, outputType="LONG"),
      metric={"type": "dimension", "ordering": "numeric"}, threshold=30),
  wgb("wikipedia_groupby_ext_strlen_page_long", [ext("page", STRLEN, outputType="LONG")]),
  wgb("wikipedia_groupby_ext_lookup_channel", [ext("channel", lookup_fn({"#en.wikipedia": "English", "#fr.wikipedia": "French", "#de.wikipedia": "German"}, replaceMissingValueWith="other"))]),
  wgb("wikipedia_groupby_ext_cascade_three", [ext("page", cascade(regex("^(\\w+)", index=1), substr(0, 3), UPPER))]),
  wgb("wikipedia_groupby_ext_cascade_lookup_upper", [ext("continent", cascade(lookup_fn({"Asia": "east", "Europe": "west"}, retainMissingValue=True), UPPER, substr(0, 4)))]),
  wgb("wikipedia_groupby_time_format_day", [ext("__time", tf("yyyy-MM-dd"))]),
  wtn("wikipedia_topn_time_format_hour_numeric", ext("__time", tf("H")), metric={"type": "dimension", "ordering": "numeric"}, threshold=30),
  wgb("wikipedia_groupby_time_format_hour_long", [ext("__time", tf("H", timeZone="Asia/Kolkata"), outputType="LONG")], limitSpec=lim(5, desc("x"))),
  wgb("wikipedia_groupby_time_format_weekday_kolkata", [ext("__time", tf("EEEE", timeZone="Asia/Kolkata"))]),
  wgb("wikipedia_groupby_time_format_e_los_angeles", [ext("__time", tf("e", timeZone="America/Los_Angeles"))]),
  wgb("wikipedia_groupby_time_format_week_day_of_year", [ext("__time", tf("'w'w 'D'D", timeZone="Asia/Kolkata"))]),
  wgb("wikipedia_groupby_time_format_fr_locale", [ext("__time", tf("EEEE d MMMM", timeZone="Asia/Kolkata", locale="fr")), ext("__time", tf("MMM", locale="fr"), out="m")]),
  wgb("wikipedia_groupby_time_format_granularity_day_la", [ext("__time", tf("yyyy-MM-dd'T'HH:mmZZ", timeZone="America/Los_Angeles", granularity="day"))]),
  wgb("wikipedia_groupby_time_format_granularity_p1w", [ext("__time", tf("yyyy-MM-dd EEE", granularity={"type": "period", "period": "P1W"}))]),
  wgb("wikipedia_groupby_time_format_granularity_period_tz", [ext("__time", tf("yyyy-MM-dd HH:mm", timeZone="America/Los_Angeles",
                                                                             granularity={"type": "period", "period": "P1D", "timeZone": "America/Los_Angeles"}))]),
  wgb("wikipedia_groupby_time_format_no_format_six_hours", [ext("__time", tf(None, granularity="six_hour"))]),
  wgb("wikipedia_groupby_time_format_no_format_as_millis", [ext("__time", tf(None, granularity="six_hour", asMillis=True))]),
  wgb("wikipedia_groupby_time_format_default_format", [ext("__time", tf(None, granularity="six_hour", timeZone="Asia/Kolkata"))]),
  wgb("wikipedia_groupby_time_format_iso_format_tz", [ext("__time", tf("yyyy-MM-dd'T'HH:mm:ss.SSSZZ", timeZone="Asia/Kolkata"))], limitSpec=lim(3, "x")),
  wgb("wikipedia_groupby_ext_time_reformat_user", [ext("user", {"type": "time", "timeFormat": "'user'D", "resultFormat": "yyyy-MM-dd"})], filter={"type": "regex", "dimension": "user", "pattern": "^user(1.|9[5-9].)$"}),
  wgb("wikipedia_groupby_ext_time_reformat_user_joda", [ext("user", {"type": "time", "timeFormat": "'user'D", "resultFormat": "yyyy-MM-dd", "joda": True})], filter={"type": "regex", "dimension": "user", "pattern": "^user(1.|9[5-9].)$"}),
  # ---- wikipedia: other dimension specs -----------------------------------------------------------------------------
  wtn("wikipedia_topn_dimspec_list_whitelist", {"type": "listFiltered", "delegate": "language", "values": ["en", "fr", "ja"]}),
  wgb("wikipedia_groupby_dimspec_regex_filtered_channel", [{"type": "regexFiltered", "delegate": {"type": "default", "dimension": "channel", "outputName": "c"}, "pattern": "^#[e-h]"}]),
  wtn("wikipedia_topn_dimspec_prefix_filtered_page", {"type": "prefixFiltered", "delegate": "page", "prefix": "Kaiju"}, threshold=12),
  wgb("wikipedia_groupby_dimspec_regex_filtered_full_match", [{"type": "regexFiltered", "delegate": "channel", "pattern": "#[e-h].*"}]),
  wgb("wikipedia_groupby_dimspec_lookup_namespace", [{"type": "lookup", "dimension": "namespace", "outputName": "ns", "lookup": {"type": "map", "map": {"talk": "Talk", "user": "User"}},
                                                       "replaceMissingValueWith": "Main"}]),
  wgb("wikipedia_groupby_dimspec_list_extraction_delegate", [{"type": "listFiltered", "delegate": ext("country", substr(0, 3), out="c3"), "values": ["Uni", "Can", "Spa"]}]),
  # ---- wikipedia: filters with extractionFn -------------------------------------------------------------------------
  wgb("wikipedia_groupby_filter_in_substring", ["country"], filter={"type": "in", "dimension": "country", "values": ["Uni", "Can"], "extractionFn": substr(0, 3)}),
  wgb("wikipedia_groupby_filter_bound_upper_lexicographic", ["city"], filter={"type": "bound", "dimension": "city", "lower": "M", "upper": "PARIS", "upperStrict": True, "extractionFn": UPPER}),
  wgb("wikipedia_groupby_filter_bound_strlen_numeric", [ext("page", STRLEN)], filter={"type": "bound", "dimension": "page", "lower": "9", "upper": "11", "ordering": "numeric", "extractionFn": STRLEN}),
  wgb("wikipedia_groupby_filter_bound_strlen_lexicographic", [ext("page", STRLEN)], filter={"type": "bound", "dimension": "page", "lower": "15", "upper": "7", "upperStrict": True, "ordering": "lexicographic", "extractionFn": STRLEN}),
  wgb("wikipedia_groupby_filter_regex_substring", ["channel"], filter={"type": "regex", "dimension": "channel", "pattern": "^[ef]", "extractionFn": substr(1, 2)}),
  wgb("wikipedia_groupby_filter_like_upper", ["page"], filter={"type": "like", "dimension": "page", "pattern": "KAIJU_%", "extractionFn": UPPER}),
  wgb("wikipedia_groupby_filter_search_lookup", ["namespace"], filter={"type": "search", "dimension": "namespace", "query": {"type": "contains", "value": "Disc"},
                                                                       "extractionFn": lookup_fn({"talk": "Discussion", "user": "User"}, retainMissingValue=True)}),
  wgb("wikipedia_groupby_filter_interval_time_format_millis", [ext("__time", tf("H"))], filter={"type": "interval", "dimension": "__time",
      "intervals": ["2013-08-31T03:00/2013-08-31T05:00"], "extractionFn": tf(None, granularity="hour", asMillis=True)}),
  wgb("wikipedia_groupby_filter_interval_time_format_iso_no_match", [ext("__time", tf("H"))], filter={"type": "interval", "dimension": "__time",
      "intervals": ["2013-08-31T03:00/2013-08-31T05:00"], "extractionFn": tf(None, granularity="hour")}),
  wgb("wikipedia_groupby_filter_selector_time_weekday", [ext("__time", tf("H", timeZone="Asia/Kolkata"))], filter=sel("__time", "Sunday", tf("EEEE", timeZone="Asia/Kolkata")),
      limitSpec=lim(3, "x")),
  (W, "wikipedia_search_extraction_dimension", {"queryType": "search", "dataSource": W, "intervals": W_IV, "granularity": "all",
     "searchDimensions": [ext("city", UPPER, out="C"), ext("channel", substr(1, 2), out="lc")],
     "query": {"type": "contains", "value": "SA", "caseSensitive": True}, "sort": {"type": "lexicographic"}}),
]



if __name__ == "__main__":
    record(CASES)
