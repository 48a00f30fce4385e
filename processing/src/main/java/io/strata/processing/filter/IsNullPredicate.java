package io.strata.processing.filter;

import io.strata.api.data.StringValueIndex;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

/** Matches exactly the null values (never UNKNOWN): the {@code null} filter and {@code selector} with no value. */
final class IsNullPredicate extends MatchPredicate {
  static final IsNullPredicate INSTANCE = new IsNullPredicate();

  private IsNullPredicate() {
  }

  @Override
  boolean matchesNull(boolean includeUnknown) {
    return true;
  }

  @Override
  boolean matchesString(String value) {
    return false;
  }

  @Override
  boolean matchesLong(long value) {
    return false;
  }

  @Override
  boolean matchesDouble(double value) {
    return false;
  }

  @Override
  ImmutableRoaringBitmap fromIndex(StringValueIndex index, boolean includeUnknown) {
    int id = index.indexOf(null);
    return id >= 0 ? index.bitmap(id) : new MutableRoaringBitmap();
  }

  @Override
  public String toString() {
    return "IS NULL";
  }
}
