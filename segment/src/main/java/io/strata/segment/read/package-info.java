/**
 * The read phase: {@link io.strata.segment.read.SegmentReader} opens a segment as a
 * {@link io.strata.segment.read.QueryableSegment}, whose cursor factory restricts to an interval by binary search
 * on {@code __time}, filters through bitmaps or matchers, and reads columns through per-cursor block decoders into
 * reused arrays.
 */
package io.strata.segment.read;
