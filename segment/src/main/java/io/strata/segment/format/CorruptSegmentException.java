package io.strata.segment.format;

/**
 * A segment file is damaged or is not the file expected: wrong magic or codec ("segment format mismatch"), a
 * checksum that does not match ("checksum mismatch in &lt;file&gt;"), truncation, or inconsistent structure.
 */
public class CorruptSegmentException extends SegmentFormatException {
  public CorruptSegmentException(String message) {
    super(message);
  }
}
