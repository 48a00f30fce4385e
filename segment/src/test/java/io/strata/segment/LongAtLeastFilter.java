package io.strata.segment;

import io.strata.api.data.ColumnIndexSelector;
import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.ColumnValueSelector;
import io.strata.api.data.VectorColumnSelectorFactory;
import io.strata.api.data.VectorValueSelector;
import io.strata.api.exec.Filter;
import io.strata.api.exec.ValueMatcher;
import io.strata.api.exec.VectorValueMatcher;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

import java.util.Set;

/** Test filter: a numeric column is non-null and at least {@code min}. Matchers only (no index). */
public record LongAtLeastFilter(String column, long min) implements Filter {

  @Override
  public ImmutableRoaringBitmap computeBitmap(ColumnIndexSelector indexes) {
    return null;
  }

  @Override
  public ValueMatcher makeMatcher(ColumnSelectorFactory factory) {
    ColumnValueSelector s = factory.makeColumnValueSelector(column);
    return () -> !s.isNull() && s.getLong() >= min;
  }

  @Override
  public VectorValueMatcher makeVectorMatcher(VectorColumnSelectorFactory factory) {
    VectorValueSelector s = factory.makeValueSelector(column);
    return (out, size) -> {
      long[] v = s.getLongVector();
      boolean[] nulls = s.getNullVector();
      int n = 0;
      for (int i = 0; i < size; i++) {
        boolean m = (nulls == null || !nulls[i]) && v[i] >= min;
        out[i] = m;
        n += m ? 1 : 0;
      }
      return n;
    };
  }

  @Override
  public Set<String> requiredColumns() {
    return Set.of(column);
  }
}
