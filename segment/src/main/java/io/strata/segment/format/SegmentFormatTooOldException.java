package io.strata.segment.format;

/** A segment file was written in a format version older than this code still reads; re-index the data. */
public class SegmentFormatTooOldException extends SegmentFormatException {
  public SegmentFormatTooOldException(String file, int version) {
    super("segment format too old: version=" + version + " in " + file + "; this reader supports versions "
        + SegmentFormatV1.VERSION_START + " to " + SegmentFormatV1.VERSION_CURRENT);
  }
}
