package io.strata.api.exec;

import io.strata.api.data.ColumnIndexSelector;
import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.VectorColumnSelectorFactory;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

import java.util.Set;

/**
 * An executable row filter. Cursor implementations first try {@link #computeBitmap} (answering the filter from
 * bitmap indexes without reading rows) and fall back to matchers. Thread-safe; matchers are not.
 */
public interface Filter {

  /**
   * The matching rows, computed from indexes only, or null if some column involved has no usable index here.
   * The result may be shared: callers must not modify it.
   */
  ImmutableRoaringBitmap computeBitmap(ColumnIndexSelector indexes);

  /** A matcher over the current row of a cursor. */
  ValueMatcher makeMatcher(ColumnSelectorFactory factory);

  /** A matcher over the current batch of a vector cursor. */
  VectorValueMatcher makeVectorMatcher(VectorColumnSelectorFactory factory);

  Set<String> requiredColumns();
}
