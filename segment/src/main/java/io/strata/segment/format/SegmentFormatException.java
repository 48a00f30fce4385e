package io.strata.segment.format;

import java.io.IOException;

/**
 * A segment file cannot be read: it is not a Strata segment file, it was damaged, or it was written in a version
 * this code does not read. Subclasses say which; the message names the file.
 */
public class SegmentFormatException extends IOException {
  public SegmentFormatException(String message) {
    super(message);
  }
}
