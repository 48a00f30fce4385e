package io.strata.index;

import io.strata.api.data.ColumnIndexSelector;
import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.ColumnValueSelector;
import io.strata.api.data.DimensionSelector;
import io.strata.api.data.SingleValueDimensionVectorSelector;
import io.strata.api.data.VectorColumnSelectorFactory;
import io.strata.api.data.VectorValueSelector;
import io.strata.api.exec.Filter;
import io.strata.api.exec.ValueMatcher;
import io.strata.api.exec.VectorValueMatcher;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

import java.util.Objects;
import java.util.Set;

/** Small filters for tests: the real ones live in processing. */
final class TestFilters {
  private TestFilters() {
  }

  /** {@code column = value} on a string column (null matches null), through dictionary ids when possible. */
  record Equals(String column, String value) implements Filter {
    @Override
    public ImmutableRoaringBitmap computeBitmap(ColumnIndexSelector indexes) {
      return indexes.stringIndex(column) == null ? null : ImmutableRoaringBitmap.bitmapOf();
    }

    @Override
    public ValueMatcher makeMatcher(ColumnSelectorFactory factory) {
      DimensionSelector s = factory.makeDimensionSelector(column);
      if (s.nameLookupPossibleInAdvance()) {
        int id = s.idLookup(value);
        return () -> s.getValueId() == id;
      }
      return () -> Objects.equals(s.getValue(), value);
    }

    @Override
    public VectorValueMatcher makeVectorMatcher(VectorColumnSelectorFactory factory) {
      SingleValueDimensionVectorSelector s = factory.makeSingleValueDimensionSelector(column);
      int id = s.idLookup(value);
      return (out, size) -> {
        int[] ids = s.getRowVector();
        int n = 0;
        for (int i = 0; i < size; i++) {
          out[i] = ids[i] == id;
          n += out[i] ? 1 : 0;
        }
        return n;
      };
    }

    @Override
    public Set<String> requiredColumns() {
      return Set.of(column);
    }
  }

  /** {@code column >= min} on a numeric column; nulls never match. */
  record AtLeast(String column, double min) implements Filter {
    @Override
    public ImmutableRoaringBitmap computeBitmap(ColumnIndexSelector indexes) {
      return null;
    }

    @Override
    public ValueMatcher makeMatcher(ColumnSelectorFactory factory) {
      ColumnValueSelector s = factory.makeColumnValueSelector(column);
      return () -> !s.isNull() && s.getDouble() >= min;
    }

    @Override
    public VectorValueMatcher makeVectorMatcher(VectorColumnSelectorFactory factory) {
      VectorValueSelector s = factory.makeValueSelector(column);
      return (out, size) -> {
        double[] v = s.getDoubleVector();
        boolean[] nulls = s.getNullVector();
        int n = 0;
        for (int i = 0; i < size; i++) {
          out[i] = (nulls == null || !nulls[i]) && v[i] >= min;
          n += out[i] ? 1 : 0;
        }
        return n;
      };
    }

    @Override
    public Set<String> requiredColumns() {
      return Set.of(column);
    }
  }

  /** A filter with no batch matcher. */
  record RowOnly(Filter delegate) implements Filter {
    @Override
    public ImmutableRoaringBitmap computeBitmap(ColumnIndexSelector indexes) {
      return delegate.computeBitmap(indexes);
    }

    @Override
    public ValueMatcher makeMatcher(ColumnSelectorFactory factory) {
      return delegate.makeMatcher(factory);
    }

    @Override
    public VectorValueMatcher makeVectorMatcher(VectorColumnSelectorFactory factory) {
      return null;
    }

    @Override
    public Set<String> requiredColumns() {
      return delegate.requiredColumns();
    }
  }
}
