package io.strata.processing.filter;

import io.strata.api.data.ColumnIndexSelector;
import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.VectorColumnSelectorFactory;
import io.strata.api.exec.Filter;
import io.strata.api.exec.ValueMatcher;
import io.strata.api.exec.VectorValueMatcher;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/**
 * A filter that can also answer "TRUE or UNKNOWN", which {@code not} needs for SQL three-valued logic: NOT(f)
 * matches the rows where f is FALSE, that is all rows minus those where f is TRUE or UNKNOWN. The public
 * {@link Filter} methods ask for TRUE only ({@code includeUnknown = false}). Thread-safe; matchers are not.
 */
abstract class BaseFilter implements Filter {

  /** Rows where the filter is TRUE (or UNKNOWN, if asked), or null if some column has no usable index. */
  abstract ImmutableRoaringBitmap bitmap(ColumnIndexSelector indexes, boolean includeUnknown);

  abstract ValueMatcher matcher(ColumnSelectorFactory factory, boolean includeUnknown);

  abstract VectorValueMatcher vectorMatcher(VectorColumnSelectorFactory factory, boolean includeUnknown);

  @Override
  public final ImmutableRoaringBitmap computeBitmap(ColumnIndexSelector indexes) {
    return bitmap(indexes, false);
  }

  @Override
  public final ValueMatcher makeMatcher(ColumnSelectorFactory factory) {
    return matcher(factory, false);
  }

  @Override
  public final VectorValueMatcher makeVectorMatcher(VectorColumnSelectorFactory factory) {
    return vectorMatcher(factory, false);
  }
}
