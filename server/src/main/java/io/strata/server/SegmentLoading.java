package io.strata.server;

import io.strata.api.data.Segment;
import io.strata.metadata.DataSegment;
import io.strata.segment.read.SegmentReader;

import java.io.IOException;
import java.nio.file.Path;

/** Opens published segments from deep storage for serving (memory-mapped, header and checksums verified). */
final class SegmentLoading {
  private SegmentLoading() {
  }

  static Segment load(DataSegment descriptor, Path location) throws IOException {
    return SegmentReader.open(location, descriptor.id());
  }
}
