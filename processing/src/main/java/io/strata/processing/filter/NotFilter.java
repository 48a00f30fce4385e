package io.strata.processing.filter;

import io.strata.api.data.ColumnIndexSelector;
import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.VectorColumnSelectorFactory;
import io.strata.api.exec.ValueMatcher;
import io.strata.api.exec.VectorValueMatcher;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

import java.util.Set;

/**
 * SQL NOT: matches where the child is FALSE. Asked for TRUE rows it takes the complement of the child's
 * TRUE-or-UNKNOWN rows; asked for TRUE-or-UNKNOWN (under another NOT) the complement of the child's TRUE rows. So
 * {@code not(selector x='a')} excludes rows where x is null, and {@code not(not(f))} equals {@code f}.
 */
final class NotFilter extends BaseFilter {
  private final BaseFilter child;

  NotFilter(BaseFilter child) {
    this.child = child;
  }

  BaseFilter child() {
    return child;
  }

  @Override
  ImmutableRoaringBitmap bitmap(ColumnIndexSelector indexes, boolean includeUnknown) {
    ImmutableRoaringBitmap b = child.bitmap(indexes, !includeUnknown);
    if (b == null) {
      return null;
    }
    return ImmutableRoaringBitmap.flip(b, 0L, indexes.numRows());
  }

  @Override
  ValueMatcher matcher(ColumnSelectorFactory factory, boolean includeUnknown) {
    ValueMatcher m = child.matcher(factory, !includeUnknown);
    if (m == Matchers.ALWAYS) {
      return Matchers.NEVER;
    }
    if (m == Matchers.NEVER) {
      return Matchers.ALWAYS;
    }
    return () -> !m.matches();
  }

  @Override
  VectorValueMatcher vectorMatcher(VectorColumnSelectorFactory factory, boolean includeUnknown) {
    VectorValueMatcher m = child.vectorMatcher(factory, !includeUnknown);
    return (out, size) -> {
      int n = m.match(out, size);
      for (int i = 0; i < size; i++) {
        out[i] = !out[i];
      }
      return size - n;
    };
  }

  @Override
  public Set<String> requiredColumns() {
    return child.requiredColumns();
  }

  @Override
  public String toString() {
    return "NOT(" + child + ")";
  }
}
