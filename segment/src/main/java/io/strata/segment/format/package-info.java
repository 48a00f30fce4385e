/**
 * What is on disk: {@link io.strata.segment.format.SegmentFormatV1} is the specification of every file and
 * encoding; the metadata records, the shared header/footer framing and the exceptions a reader raises for files
 * that are not Strata segments, are damaged, or have an unsupported version.
 */
package io.strata.segment.format;
