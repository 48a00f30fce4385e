package io.strata.server.http;

import io.strata.api.json.Json;
import io.strata.api.query.Query;
import io.strata.api.spec.TaskSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;

/**
 * Has Jackson build the deserializers of the request bodies a server gets first (an ingestion task, the common
 * native queries) on a background thread right after startup. Jackson builds a type's deserializer the first time
 * it meets the type (class loading and reflection over the spec and query records): measured, the first task
 * submission to a fresh server took 150–370 ms against 20 ms for the next one. Here that work leaves the first
 * request's path; the samples are only parsed, never run.
 */
public final class JsonWarmup {
  private static final Logger LOG = LoggerFactory.getLogger(JsonWarmup.class);

  static final List<String> TASKS = List.of("""
      {"type": "index_parallel", "spec": {
        "dataSchema": {"dataSource": "warmup",
          "timestampSpec": {"column": "ts", "format": "iso"},
          "dimensionsSpec": {"dimensions": ["page", {"type": "string", "name": "user"}, {"type": "long", "name": "n"},
            {"type": "double", "name": "d"}], "dimensionExclusions": ["x"]},
          "metricsSpec": [{"type": "count", "name": "count"}, {"type": "longSum", "name": "added", "fieldName": "added"},
            {"type": "doubleSum", "name": "ds", "fieldName": "d"}, {"type": "longMax", "name": "mx", "fieldName": "n"}],
          "granularitySpec": {"segmentGranularity": "day", "queryGranularity": "minute", "rollup": true,
            "intervals": ["2013-01-01/2014-01-01"]},
          "transformSpec": {"transforms": [{"type": "expression", "name": "p2", "expression": "concat(page, 'x')"}],
            "filter": {"type": "selector", "dimension": "page", "value": "a"}}},
        "ioConfig": {"type": "index_parallel", "inputSource": {"type": "inline", "data": "{}"},
          "inputFormat": {"type": "json", "flattenSpec": {"useFieldDiscovery": true,
            "fields": [{"type": "path", "name": "uid", "expr": "$.user.id"}]}}, "appendToExisting": false},
        "tuningConfig": {"type": "index_parallel", "maxRowsInMemory": 100000, "maxNumConcurrentSubTasks": 2,
          "maxParseExceptions": 10, "logParseExceptions": true}}}
      """, """
      {"type": "index", "spec": {
        "dataSchema": {"dataSource": "warmup", "timestampSpec": {"column": "ts", "format": "auto"},
          "dimensionsSpec": {"dimensions": []}, "granularitySpec": {"segmentGranularity": "hour"}},
        "ioConfig": {"type": "index", "inputSource": {"type": "local", "baseDir": "/nonexistent", "filter": "*.csv"},
          "inputFormat": {"type": "csv", "findColumnsFromHeader": true}},
        "tuningConfig": {"type": "index"}}}
      """);

  static final List<String> QUERIES = List.of("""
      {"queryType": "timeseries", "dataSource": "warmup", "granularity": "hour", "intervals": ["2013/2014"],
       "filter": {"type": "and", "fields": [{"type": "selector", "dimension": "a", "value": "x"},
         {"type": "not", "field": {"type": "in", "dimension": "b", "values": ["y"]}},
         {"type": "or", "fields": [{"type": "bound", "dimension": "c", "lower": "1", "ordering": "numeric"},
           {"type": "equals", "column": "d", "matchValueType": "STRING", "matchValue": "z"}]}]},
       "aggregations": [{"type": "longSum", "name": "s", "fieldName": "count"},
         {"type": "doubleMax", "name": "m", "fieldName": "d"}],
       "postAggregations": [{"type": "arithmetic", "name": "r", "fn": "/",
         "fields": [{"type": "fieldAccess", "fieldName": "s"}, {"type": "constant", "value": 2}]}]}
      """, """
      {"queryType": "topN", "dataSource": "warmup", "granularity": "all", "intervals": ["2013/2014"],
       "dimension": "page", "metric": "s", "threshold": 10,
       "aggregations": [{"type": "longSum", "name": "s", "fieldName": "count"}]}
      """, """
      {"queryType": "groupBy", "dataSource": "warmup", "granularity": "all", "intervals": ["2013/2014"],
       "dimensions": ["a", "b"], "aggregations": [{"type": "count", "name": "c"}],
       "having": {"type": "greaterThan", "aggregation": "c", "value": 1},
       "limitSpec": {"type": "default", "limit": 5, "columns": [{"dimension": "c", "direction": "descending"}]}}
      """, """
      {"queryType": "scan", "dataSource": "warmup", "intervals": ["2013/2014"], "columns": ["a"], "limit": 5,
       "resultFormat": "compactedList"}
      """, """
      {"queryType": "timeBoundary", "dataSource": "warmup"}
      """, """
      {"queryType": "segmentMetadata", "dataSource": "warmup"}
      """);

  private JsonWarmup() {
  }

  /** Parses the samples on a daemon thread of low priority. */
  public static void startInBackground() {
    Thread t = new Thread(() -> {
      try {
        long t0 = System.nanoTime();
        int parsed = parseSamples();
        LOG.debug("Parsed {} sample requests in {} ms", parsed, (System.nanoTime() - t0) / 1_000_000);
      } catch (IOException | RuntimeException e) {
        LOG.debug("JSON warm-up stopped early", e); // a missed warm-up only costs the first request some time
      }
    }, "json-warmup");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }

  /** Parses every sample as the HTTP API parses requests; returns how many were parsed. */
  static int parseSamples() throws IOException {
    int n = 0;
    for (String task : TASKS) {
      Json.MAPPER.readValue(task, TaskSpec.class);
      n++;
    }
    for (String query : QUERIES) {
      Json.MAPPER.readValue(query, Query.class);
      n++;
    }
    return n;
  }
}
