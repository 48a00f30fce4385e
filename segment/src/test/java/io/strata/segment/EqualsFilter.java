package io.strata.segment;

import io.strata.api.data.ColumnIndexSelector;
import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.DimensionSelector;
import io.strata.api.data.SingleValueDimensionVectorSelector;
import io.strata.api.data.StringValueIndex;
import io.strata.api.data.VectorColumnSelectorFactory;
import io.strata.api.exec.Filter;
import io.strata.api.exec.ValueMatcher;
import io.strata.api.exec.VectorValueMatcher;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

import java.util.Objects;
import java.util.Set;

/**
 * Test filter: string column equals a value (null matches null). Answers from the bitmap index when
 * {@code useBitmap}, otherwise only through matchers, so tests can compare the two paths.
 */
public record EqualsFilter(String column, String value, boolean useBitmap) implements Filter {

  @Override
  public ImmutableRoaringBitmap computeBitmap(ColumnIndexSelector indexes) {
    if (!useBitmap) {
      return null;
    }
    StringValueIndex index = indexes.stringIndex(column);
    if (index == null) {
      return null;
    }
    int id = index.indexOf(value);
    return id < 0 ? new MutableRoaringBitmap() : index.bitmap(id);
  }

  @Override
  public ValueMatcher makeMatcher(ColumnSelectorFactory factory) {
    DimensionSelector s = factory.makeDimensionSelector(column);
    if (!s.nameLookupPossibleInAdvance()) {
      return () -> Objects.equals(s.getValue(), value);
    }
    int id = s.idLookup(value);
    if (id < 0) {
      return () -> false;
    }
    return () -> s.getValueId() == id;
  }

  @Override
  public VectorValueMatcher makeVectorMatcher(VectorColumnSelectorFactory factory) {
    SingleValueDimensionVectorSelector s = factory.makeSingleValueDimensionSelector(column);
    int id = s.idLookup(value);
    return (out, size) -> {
      int[] ids = s.getRowVector();
      int n = 0;
      for (int i = 0; i < size; i++) {
        boolean m = ids[i] == id;
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
