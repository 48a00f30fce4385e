package io.strata.processing.filter;

import io.strata.api.data.ColumnIndexSelector;
import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.VectorColumnSelectorFactory;
import io.strata.api.exec.ValueMatcher;
import io.strata.api.exec.VectorValueMatcher;
import org.roaringbitmap.buffer.BufferFastAggregation;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Any child matches. {@code includeUnknown} passes through as for AND. The bitmap is null if any child's is.
 */
final class OrFilter extends BaseFilter {
  private final BaseFilter[] children;

  OrFilter(List<BaseFilter> children) {
    this.children = children.toArray(new BaseFilter[0]);
  }

  List<BaseFilter> children() {
    return List.of(children);
  }

  @Override
  ImmutableRoaringBitmap bitmap(ColumnIndexSelector indexes, boolean includeUnknown) {
    ImmutableRoaringBitmap[] bitmaps = new ImmutableRoaringBitmap[children.length];
    for (int i = 0; i < children.length; i++) {
      bitmaps[i] = children[i].bitmap(indexes, includeUnknown);
      if (bitmaps[i] == null) {
        return null;
      }
    }
    return bitmaps.length == 1 ? bitmaps[0] : BufferFastAggregation.or(bitmaps);
  }

  @Override
  ValueMatcher matcher(ColumnSelectorFactory factory, boolean includeUnknown) {
    ValueMatcher[] ms = new ValueMatcher[children.length];
    for (int i = 0; i < ms.length; i++) {
      ms[i] = children[i].matcher(factory, includeUnknown);
    }
    if (ms.length == 2) {
      ValueMatcher a = ms[0];
      ValueMatcher b = ms[1];
      return () -> a.matches() || b.matches();
    }
    return () -> {
      for (ValueMatcher m : ms) {
        if (m.matches()) {
          return true;
        }
      }
      return false;
    };
  }

  @Override
  VectorValueMatcher vectorMatcher(VectorColumnSelectorFactory factory, boolean includeUnknown) {
    VectorValueMatcher[] ms = new VectorValueMatcher[children.length];
    for (int i = 0; i < ms.length; i++) {
      ms[i] = children[i].vectorMatcher(factory, includeUnknown);
    }
    return new VectorValueMatcher() {
      private boolean[] scratch = new boolean[Math.max(1, factory.getMaxVectorSize())];

      @Override
      public int match(boolean[] out, int size) {
        int n = ms[0].match(out, size);
        if (scratch.length < size) {
          scratch = new boolean[size];
        }
        boolean[] s = scratch;
        for (int k = 1; k < ms.length && n < size; k++) {
          ms[k].match(s, size);
          n = 0;
          for (int i = 0; i < size; i++) {
            boolean m = out[i] | s[i];
            out[i] = m;
            n += m ? 1 : 0;
          }
        }
        return n;
      }
    };
  }

  @Override
  public Set<String> requiredColumns() {
    Set<String> s = new LinkedHashSet<>();
    for (BaseFilter c : children) {
      s.addAll(c.requiredColumns());
    }
    return s;
  }

  @Override
  public String toString() {
    return "OR" + List.of(children);
  }
}
