/**
 * The read phase: {@link io.strata.segment.read.SegmentReader} opens a segment as a
 * {@link io.strata.segment.read.QueryableSegment}, whose cursor factory restricts to an interval by binary search
 * on {@code __time}, filters through bitmaps or matchers, and reads columns through per-cursor block decoders into
 * reused arrays. Bit-packed (FOR) long blocks are unpacked per batch straight into the batch arrays
 * ({@code ForBlock}); string dictionaries are decoded once per column into canonical {@code String}s within a
 * heap budget ({@code DictionaryCache}, {@code -Dstrata.segment.dictionaryCacheBytes}, default an eighth of the
 * heap).
 */
package io.strata.segment.read;
