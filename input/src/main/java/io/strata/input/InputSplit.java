package io.strata.input;

import java.io.IOException;
import java.io.InputStream;

/**
 * One readable unit of input: a file, or the inline text of a spec. A split is the unit the ingest task reads with
 * one {@link InputRowReader}, and the unit it reports progress against.
 *
 * <p>Implementations are immutable and thread-safe; every {@link #open()} returns a fresh stream owned by the caller.
 */
public interface InputSplit {
  /** A human-readable name for messages and task reports: the file path, or {@code "inline"}. */
  String name();

  /** The size of the split in bytes as stored (for progress); 0 if unknown. */
  long sizeBytes();

  /**
   * Opens a new stream over the split's bytes, decompressed if the split is a compressed file. The caller closes it.
   *
   * @throws IOException if the data can no longer be read (for example, the file was deleted after listing)
   */
  InputStream open() throws IOException;
}
