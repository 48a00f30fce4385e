"""Records golden cases for period granularities in a time zone (bucket placement, origin, printed offsets), scan
orderBy and groupBy's sortByDimsFirst from a running Druid 33 broker (datasources as in README.md).

python3 record_golden_time_zones.py [case names...]; writes golden/<datasource>/<case>.json, and error cases
(named error_*) to golden/druid-errors/<datasource>/.
"""
from golden_recording import record

QG = "query_golden"
WK = "wikipedia"
QG_IV = ["2013-08-31/2013-09-04"]
WK_IV = ["2013-08-31/2013-09-01"]
COUNT = {"type": "count", "name": "rows"}
ADDED = {"type": "longSum", "name": "added", "fieldName": "added"}
LA = "America/Los_Angeles"


def period(p, tz=None, origin=None):
    g = {"type": "period", "period": p}
    if tz: g["timeZone"] = tz
    if origin: g["origin"] = origin
    return g


def ts(ds, name, granularity, iv=None, **kw):
    q = {"queryType": "timeseries", "dataSource": ds, "intervals": iv or (QG_IV if ds == QG else WK_IV),
         "granularity": granularity, "aggregations": [COUNT, ADDED]}
    q.update(kw)
    return ds, name, q


CASES = [
    ts(QG, "tz_timeseries_p1d_los_angeles", period("P1D", LA)),
    ts(QG, "tz_timeseries_pt6h_los_angeles", period("PT6H", LA)),
    ts(QG, "tz_timeseries_pt6h_los_angeles_origin", period("PT6H", LA, "2013-08-31T01:00:00-07:00")),
    ts(QG, "tz_timeseries_p1w_kolkata", period("P1W", "Asia/Kolkata")),
    ts(QG, "tz_timeseries_p1d_kolkata_skip_empty", period("P1D", "Asia/Kolkata"), context={"skipEmptyBuckets": True}),
    ts(QG, "tz_timeseries_pt1h_kathmandu", period("PT1H", "Asia/Kathmandu"), iv=["2013-08-31T00:00/2013-08-31T06:00"]),
    ts(QG, "tz_timeseries_p1m_los_angeles", period("P1M", LA)),
    ts(QG, "tz_timeseries_p1d_utc_origin", period("P1D", None, "2013-08-30T12:00:00Z")),
    ts(WK, "wikipedia_tz_timeseries_pt3h_los_angeles", period("PT3H", LA)),
    ts(WK, "wikipedia_tz_timeseries_p1d_los_angeles_desc", period("P1D", LA), descending=True),
    (QG, "tz_topn_p1d_los_angeles", {"queryType": "topN", "dataSource": QG, "intervals": QG_IV,
        "granularity": period("P1D", LA), "dimension": "page", "metric": "added", "threshold": 2,
        "aggregations": [COUNT, ADDED]}),
    (QG, "tz_groupby_p1d_los_angeles", {"queryType": "groupBy", "dataSource": QG, "intervals": QG_IV,
        "granularity": period("P1D", LA), "dimensions": ["lang"], "aggregations": [COUNT, ADDED]}),
    (QG, "tz_groupby_pt12h_los_angeles_sort_by_dims_first", {"queryType": "groupBy", "dataSource": QG,
        "intervals": QG_IV, "granularity": period("PT12H", LA), "dimensions": ["lang"],
        "aggregations": [COUNT, ADDED], "context": {"sortByDimsFirst": True}}),
    (QG, "groupby_hour_sort_by_dims_first", {"queryType": "groupBy", "dataSource": QG, "intervals": QG_IV,
        "granularity": "hour", "dimensions": ["page"], "aggregations": [COUNT, ADDED],
        "context": {"sortByDimsFirst": True}}),
    (QG, "groupby_day_sort_by_dims_first_limit", {"queryType": "groupBy", "dataSource": QG, "intervals": QG_IV,
        "granularity": "day", "dimensions": ["page"], "aggregations": [COUNT, ADDED],
        "limitSpec": {"type": "default", "limit": 4}, "context": {"sortByDimsFirst": True}}),
    (QG, "scan_order_by_time_descending", {"queryType": "scan", "dataSource": QG, "intervals": QG_IV,
        "columns": ["__time", "page", "added"], "orderBy": [{"columnName": "__time", "order": "descending"}],
        "limit": 4}),
    (QG, "scan_order_by_time_ascending", {"queryType": "scan", "dataSource": QG, "intervals": QG_IV,
        "columns": ["__time", "page", "added"], "orderBy": [{"columnName": "__time", "order": "ascending"}]}),
    (QG, "error_scan_order_by_page", {"queryType": "scan", "dataSource": QG, "intervals": QG_IV,
        "columns": ["__time", "page"], "orderBy": [{"columnName": "page", "order": "ascending"}]}),
    (QG, "error_scan_order_by_time_then_page", {"queryType": "scan", "dataSource": QG, "intervals": QG_IV,
        "columns": ["__time", "page"], "orderBy": [{"columnName": "__time", "order": "ascending"},
                                                    {"columnName": "page", "order": "ascending"}]}),
    (QG, "scan_order_by_and_order", {"queryType": "scan", "dataSource": QG, "intervals": QG_IV,
        "columns": ["__time", "page"], "orderBy": [{"columnName": "__time", "order": "descending"}],
        "order": "descending", "limit": 3}),
]



if __name__ == "__main__":
    record(CASES)
