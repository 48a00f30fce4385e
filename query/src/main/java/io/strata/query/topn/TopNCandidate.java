package io.strata.query.topn;

import java.util.Map;

/**
 * One dimension value of one bucket while ranking.
 *
 * @param value       the dimension value as read (null for null)
 * @param output      the value in the dimension's output type
 * @param aggregates  intermediate aggregator values
 * @param metricValue the value ranked by (finalized), or null for dimension orderings
 * @param row         the finished result values when they had to be computed to rank, else null
 */
record TopNCandidate(String value, Object output, Object[] aggregates, Object metricValue, Map<String, Object> row) {
}
