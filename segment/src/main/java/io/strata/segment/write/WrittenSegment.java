package io.strata.segment.write;

import java.nio.file.Path;

/**
 * A segment the writer finished: its directory (complete and durable), its row count and its total bytes on disk.
 */
public record WrittenSegment(Path path, int numRows, long sizeBytes) {
}
