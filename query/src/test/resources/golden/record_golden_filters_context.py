"""Records golden cases for the columnComparison and expression filters and the result-shape context flags (groupBy resultAsArray, serializeDateTimeAsLong) from a running Druid 33 broker (datasources as in README.md).

python3 record_golden_filters_context.py [case names...]; writes golden/<datasource>/<case>.json, and error cases
(named error_*) to golden/druid-errors/<datasource>/.
"""
from golden_recording import record

QG = "query_golden"
WK = "wikipedia"
QG_IV = ["2013-08-31/2013-09-04"]
WK_IV = ["2013-08-31/2013-09-01"]
COUNT = {"type": "count", "name": "rows"}
ADDED = {"type": "longSum", "name": "added", "fieldName": "added"}


def gb(ds, name, **kw):
    q = {"queryType": "groupBy", "dataSource": ds, "intervals": QG_IV if ds == QG else WK_IV, "granularity": "all",
         "dimensions": ["page"], "aggregations": [COUNT, ADDED]}
    q.update(kw)
    return ds, name, q


def ts(ds, name, **kw):
    q = {"queryType": "timeseries", "dataSource": ds, "intervals": QG_IV if ds == QG else WK_IV, "granularity": "all",
         "aggregations": [COUNT, ADDED]}
    q.update(kw)
    return ds, name, q


def cc(*dims):
    return {"type": "columnComparison", "dimensions": list(dims)}


def ex(e):
    return {"type": "expression", "expression": e}


CASES = [
    ts(QG, "filter_column_comparison_page_lang", filter=cc("page", "lang")),
    ts(QG, "filter_column_comparison_user_user", filter=cc("user", "user")),
    ts(QG, "filter_column_comparison_lang_lang_nulls", filter=cc("lang", "lang")),
    ts(QG, "filter_column_comparison_added_delta", filter=cc("added", "delta")),
    ts(QG, "filter_column_comparison_not", filter={"type": "not", "field": cc("added", "delta")}),
    ts(QG, "filter_column_comparison_extraction", filter=cc(
        {"type": "extraction", "dimension": "page", "outputName": "p", "extractionFn": {"type": "lower"}},
        {"type": "extraction", "dimension": "lang", "outputName": "l", "extractionFn": {"type": "substring", "index": 0, "length": 1}})),
    gb(QG, "filter_column_comparison_three", filter=cc("added", "delta", "added")),
    ts(QG, "filter_expression_arith", filter=ex("added > delta * 2")),
    ts(QG, "filter_expression_string", filter=ex("concat(page, lang) == 'Aen'")),
    ts(QG, "filter_expression_null", filter=ex("isnull(lang)")),
    ts(QG, "filter_expression_not", filter={"type": "not", "field": ex("added > 10")}),
    ts(QG, "filter_expression_not_null_compare", filter={"type": "not", "field": ex("lang == 'en'")}),
    gb(QG, "filter_expression_time", filter=ex("timestamp_extract(__time, 'HOUR') >= 2")),
    gb(QG, "filter_expression_like", filter=ex("like(page, 'A%') || delta < 0")),
    ts(QG, "filter_expression_number_truthy", filter=ex("delta")),
    ts(QG, "filter_expression_string_truthy", filter=ex("lang")),
    gb(QG, "result_as_array", context={"resultAsArray": True},
       postAggregations=[{"type": "arithmetic", "name": "avg", "fn": "/", "fields": [
           {"type": "fieldAccess", "fieldName": "added"}, {"type": "fieldAccess", "fieldName": "rows"}]}]),
    gb(QG, "result_as_array_day", granularity="day", context={"resultAsArray": True}),
    ts(QG, "serialize_date_time_as_long", granularity="day", context={"serializeDateTimeAsLong": True}),
    gb(QG, "serialize_date_time_as_long_groupby", granularity="day", context={"serializeDateTimeAsLong": True}),
    (QG, "serialize_date_time_as_long_topn", {"queryType": "topN", "dataSource": QG, "intervals": QG_IV,
        "granularity": "day", "dimension": "page", "metric": "added", "threshold": 2, "aggregations": [COUNT, ADDED],
        "context": {"serializeDateTimeAsLong": True}}),
    (QG, "serialize_date_time_as_long_scan", {"queryType": "scan", "dataSource": QG, "intervals": QG_IV,
        "columns": ["__time", "page"], "limit": 2, "context": {"serializeDateTimeAsLong": True}}),
    (QG, "serialize_date_time_as_long_time_boundary", {"queryType": "timeBoundary", "dataSource": QG,
        "context": {"serializeDateTimeAsLong": True}}),
]



if __name__ == "__main__":
    record(CASES)
