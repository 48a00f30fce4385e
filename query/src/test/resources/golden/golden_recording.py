"""What the golden recording scripts share: sending a native query to the oracle's broker, and writing cases.

A case is (datasource, name, query). `record(cases, into)` writes golden/<into>/<datasource>/<name>.json as
{"query": ..., "expected": ...} ("" for into: the directories GoldenQueryTest reads); cases named error_* must fail
and go to golden/druid-errors/<datasource>/ with "status". Command-line arguments name the cases to re-record.
"""
import json, os, sys, urllib.request, urllib.error

BROKER = "http://127.0.0.1:8082/druid/v2/"
GOLDEN = os.path.dirname(os.path.abspath(__file__))


def run(q):
    req = urllib.request.Request(BROKER, data=json.dumps(q).encode(), headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return 200, json.loads(r.read())
    except urllib.error.HTTPError as e:
        body = e.read().decode()
        try:
            return e.code, json.loads(body)
        except ValueError:
            return e.code, body


def record(cases, into=""):
    only = sys.argv[1:]
    names = [n for _, n, _ in cases]
    assert len(names) == len(set(names)), "duplicate case names"
    for ds, name, q in cases:
        if only and name not in only:
            continue
        status, resp = run(q)
        want_error = name.startswith("error_")
        if (status != 200) != want_error:
            print("UNEXPECTED", status, name, json.dumps(resp)[:400])
            continue
        base = os.path.join(GOLDEN, "druid-errors") if want_error else os.path.join(GOLDEN, into)
        os.makedirs(os.path.join(base, ds), exist_ok=True)
        doc = {"query": q, "status": status, "expected": resp} if want_error else {"query": q, "expected": resp}
        with open(os.path.join(base, ds, f"{name}.json"), "w") as f:
            json.dump(doc, f, indent=2)
            f.write("\n")
        print("ok", status, name, json.dumps(resp)[:200])
