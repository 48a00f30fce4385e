"""Records golden cases for groupBy subtotalsSpec from a running Druid 33 broker (datasources as in README.md).

python3 record_golden_subtotals.py [case names...]; writes golden/<datasource>/<case>.json, and error cases
(named error_*) to golden/druid-errors/<datasource>/.
"""
import json, os, sys, urllib.request, urllib.error

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


def run(q):
    req = urllib.request.Request("http://127.0.0.1:8082/druid/v2/", data=json.dumps(q).encode(),
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return 200, json.loads(r.read())
    except urllib.error.HTTPError as e:
        body = e.read().decode()
        try:
            return e.code, json.loads(body)
        except ValueError:
            return e.code, body


def main():
    only = sys.argv[1:]
    golden = os.path.dirname(os.path.abspath(__file__))
    for ds, name, q in CASES:
        if only and name not in only:
            continue
        status, resp = run(q)
        want_error = name.startswith("error_")
        if (status != 200) != want_error:
            print("UNEXPECTED", status, name, json.dumps(resp)[:400])
            continue
        base = os.path.join(golden, "druid-errors") if want_error else golden
        os.makedirs(os.path.join(base, ds), exist_ok=True)
        doc = {"query": q, "status": status, "expected": resp} if want_error else {"query": q, "expected": resp}
        with open(os.path.join(base, ds, f"{name}.json"), "w") as f:
            json.dump(doc, f, indent=2)
            f.write("\n")
        print("ok", status, name, json.dumps(resp)[:200])


if __name__ == "__main__":
    main()
