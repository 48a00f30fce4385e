package io.strata.query.groupby;

import java.util.Map;

/**
 * One finished groupBy row before it is shaped for output.
 *
 * @param timestamp the bucket start
 * @param event     dimension outputs, aggregators (finalized) and post-aggregators, by output name
 * @param sortKeys  the values the ordering compares, extracted once ({@link GroupByOrdering#keysOf})
 */
record ResultRow(long timestamp, Map<String, Object> event, Object[] sortKeys) {
}
