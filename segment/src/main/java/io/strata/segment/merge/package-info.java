/**
 * The merge phase: {@link io.strata.segment.merge.SegmentMerger} merges sorted row sources in a target schema,
 * merging string dictionaries once and rolling up rows with equal keys.
 */
package io.strata.segment.merge;
