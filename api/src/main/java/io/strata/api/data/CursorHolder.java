package io.strata.api.data;

/**
 * Owns the resources behind the cursors it makes (decompression buffers, index snapshots). Close it once the
 * cursors are no longer used; cursors and the arrays they handed out are invalid after that.
 */
public interface CursorHolder extends AutoCloseable {

  /** A row cursor; always available. */
  Cursor asCursor();

  /** True if {@link #asVectorCursor()} can be used: every column involved and the filter support batches. */
  boolean canVectorize();

  /** A vector cursor, or null if {@link #canVectorize()} is false. */
  VectorCursor asVectorCursor();

  @Override
  void close();
}
