/**
 * The write phase: {@link io.strata.segment.write.SegmentWriter} and its per-column writers, which encode rows
 * block by block as they stream in (long blocks: the cheapest of CONST, bit-packed FOR/DELTA_FOR planned by
 * {@code ForEncoder}, LZ4 and RAW), and {@link io.strata.segment.write.RowLimitedSource} for splitting output by
 * row count.
 */
package io.strata.segment.write;
