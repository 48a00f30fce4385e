package io.strata.processing.filter;

import io.strata.api.data.ColumnIndexSelector;
import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.VectorColumnSelectorFactory;
import io.strata.api.exec.ValueMatcher;
import io.strata.api.exec.VectorValueMatcher;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

import java.util.Set;

/** The {@code true} and {@code false} filters: never UNKNOWN. */
final class ConstantFilter extends BaseFilter {
  static final ConstantFilter TRUE = new ConstantFilter(true);
  static final ConstantFilter FALSE = new ConstantFilter(false);

  private final boolean value;

  private ConstantFilter(boolean value) {
    this.value = value;
  }

  boolean value() {
    return value;
  }

  @Override
  ImmutableRoaringBitmap bitmap(ColumnIndexSelector indexes, boolean includeUnknown) {
    return Matchers.constantBitmap(value, indexes.numRows());
  }

  @Override
  ValueMatcher matcher(ColumnSelectorFactory factory, boolean includeUnknown) {
    return Matchers.constant(value);
  }

  @Override
  VectorValueMatcher vectorMatcher(VectorColumnSelectorFactory factory, boolean includeUnknown) {
    return Matchers.vectorConstant(value);
  }

  @Override
  public Set<String> requiredColumns() {
    return Set.of();
  }

  @Override
  public String toString() {
    return Boolean.toString(value);
  }
}
