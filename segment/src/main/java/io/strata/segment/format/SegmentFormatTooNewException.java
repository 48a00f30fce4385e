package io.strata.segment.format;

/** A segment file was written by a newer Strata in a format version this code does not know yet; upgrade. */
public class SegmentFormatTooNewException extends SegmentFormatException {
  public SegmentFormatTooNewException(String file, int version) {
    super("segment format too new: version=" + version + " in " + file + "; this reader supports versions "
        + SegmentFormatV1.VERSION_START + " to " + SegmentFormatV1.VERSION_CURRENT);
  }
}
