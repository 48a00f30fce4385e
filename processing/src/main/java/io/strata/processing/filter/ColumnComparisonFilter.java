package io.strata.processing.filter;

import io.strata.api.data.ColumnIndexSelector;
import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.ColumnValueSelector;
import io.strata.api.data.VectorColumnSelectorFactory;
import io.strata.api.data.VectorObjectSelector;
import io.strata.api.exec.ValueMatcher;
import io.strata.api.exec.VectorValueMatcher;
import io.strata.api.query.DimensionSpec;
import io.strata.processing.extraction.ExtractionFn;
import io.strata.processing.extraction.ExtractionFns;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Druid's {@code columnComparison}: rows where all the dimensions (after their extraction functions) hold the same
 * value as text, nulls equal to nulls; never unknown. No index answers it: matchers read each row's values.
 */
final class ColumnComparisonFilter extends BaseFilter {
  private final List<String> columns;
  private final ExtractionFn[] fns;

  ColumnComparisonFilter(List<DimensionSpec> dimensions) {
    this.columns = dimensions.stream().map(DimensionSpec::dimension).toList();
    this.fns = new ExtractionFn[dimensions.size()];
    for (int i = 0; i < fns.length; i++) {
      var spec = dimensions.get(i).extractionFn();
      fns[i] = spec == null ? null : ExtractionFns.create(spec);
    }
  }

  @Override
  public Set<String> requiredColumns() {
    return new LinkedHashSet<>(columns);
  }

  private String text(int i, Object v) {
    if (fns[i] != null) {
      return fns[i].apply(v);
    }
    return ExtractionFns.text(v);
  }

  @Override
  ImmutableRoaringBitmap bitmap(ColumnIndexSelector indexes, boolean includeUnknown) {
    return null;
  }

  @Override
  ValueMatcher matcher(ColumnSelectorFactory factory, boolean includeUnknown) {
    ColumnValueSelector[] selectors = new ColumnValueSelector[columns.size()];
    for (int i = 0; i < selectors.length; i++) {
      selectors[i] = factory.makeColumnValueSelector(columns.get(i));
    }
    return () -> {
      String first = text(0, selectors[0].getObject());
      for (int i = 1; i < selectors.length; i++) {
        if (!Objects.equals(first, text(i, selectors[i].getObject()))) {
          return false;
        }
      }
      return true;
    };
  }

  @Override
  VectorValueMatcher vectorMatcher(VectorColumnSelectorFactory factory, boolean includeUnknown) {
    VectorObjectSelector[] selectors = new VectorObjectSelector[columns.size()];
    for (int i = 0; i < selectors.length; i++) {
      selectors[i] = factory.makeObjectSelector(columns.get(i));
    }
    return (out, size) -> {
      Object[][] values = new Object[selectors.length][];
      for (int i = 0; i < selectors.length; i++) {
        values[i] = selectors[i].getObjectVector();
      }
      int n = 0;
      for (int r = 0; r < size; r++) {
        String first = text(0, values[0][r]);
        boolean m = true;
        for (int i = 1; i < selectors.length && m; i++) {
          m = Objects.equals(first, text(i, values[i][r]));
        }
        out[r] = m;
        n += m ? 1 : 0;
      }
      return n;
    };
  }

  @Override
  public String toString() {
    return "columnComparison" + columns;
  }
}
