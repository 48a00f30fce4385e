/**
 * Strata segment format v1: immutable, memory-mapped columnar segments.
 *
 * <ul>
 *   <li>{@link io.strata.segment.format} — the format specification ({@code SegmentFormatV1}), metadata records,
 *       framing and format errors.</li>
 *   <li>{@link io.strata.segment.write} — {@code SegmentWriter}: streams a sorted row source into a segment
 *       directory, atomically; splits by row count.</li>
 *   <li>{@link io.strata.segment.read} — {@code SegmentReader}: opens, verifies and maps a segment as a
 *       {@code QueryableSegment}, the read seam for query engines.</li>
 *   <li>{@link io.strata.segment.merge} — {@code SegmentMerger}: k-way merge of sorted sources (ingestion spills,
 *       segments to compact) with optional rollup.</li>
 * </ul>
 */
package io.strata.segment;
