"""Records golden cases for groupBy subtotalsSpec from a running Druid 33 broker (datasources as in README.md).

python3 record_golden_subtotals.py [case names...]; writes golden/<datasource>/<case>.json, and error cases
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
         "dimensions": ["page", "lang"], "aggregations": [COUNT, ADDED]}
    q.update(kw)
    return ds, name, q


CASES = [
    gb(QG, "subtotals_each_and_none", subtotalsSpec=[["page"], ["lang"], []]),
    gb(QG, "subtotals_both_and_first", subtotalsSpec=[["page", "lang"], ["page"]]),
    gb(QG, "subtotals_reversed_order", subtotalsSpec=[["lang", "page"]]),
    gb(QG, "subtotals_day", granularity="day", subtotalsSpec=[["lang"], []]),
    gb(QG, "subtotals_with_limit", subtotalsSpec=[["page"], ["lang"]],
       limitSpec={"type": "default", "limit": 3, "columns": [{"dimension": "added", "direction": "descending"}]}),
    gb(QG, "subtotals_with_having", subtotalsSpec=[["page"], []],
       having={"type": "greaterThan", "aggregation": "rows", "value": 1}),
    gb(QG, "subtotals_post_aggs", subtotalsSpec=[["lang"]],
       postAggregations=[{"type": "arithmetic", "name": "avg", "fn": "/", "fields": [
           {"type": "fieldAccess", "fieldName": "added"}, {"type": "fieldAccess", "fieldName": "rows"}]}]),
    gb(QG, "subtotals_output_names", dimensions=[{"type": "default", "dimension": "page", "outputName": "p"},
       {"type": "default", "dimension": "lang", "outputName": "l"}], subtotalsSpec=[["l"], ["p", "l"]]),
    gb(QG, "subtotals_empty_list", subtotalsSpec=[]),
    gb(QG, "error_subtotals_unknown_dimension", subtotalsSpec=[["user"]]),
    gb(WK, "wikipedia_subtotals_channel_namespace", dimensions=["channel", "namespace"],
       subtotalsSpec=[["channel"], ["namespace"], []],
       limitSpec={"type": "default", "columns": [{"dimension": "added", "direction": "descending"}], "limit": 5}),
]



if __name__ == "__main__":
    record(CASES)
