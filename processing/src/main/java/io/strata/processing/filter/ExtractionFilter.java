package io.strata.processing.filter;

import io.strata.api.data.ColumnCapabilities;
import io.strata.api.data.ColumnIndexSelector;
import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.ColumnType;
import io.strata.api.data.ColumnValueSelector;
import io.strata.api.data.DimensionSelector;
import io.strata.api.data.SingleValueDimensionVectorSelector;
import io.strata.api.data.StringValueIndex;
import io.strata.api.data.VectorColumnSelectorFactory;
import io.strata.api.data.VectorObjectSelector;
import io.strata.api.data.VectorValueSelector;
import io.strata.api.exec.ValueMatcher;
import io.strata.api.exec.VectorValueMatcher;
import io.strata.processing.extraction.ExtractionFn;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A filter on one column's values seen through an extraction function: the predicate is asked about
 * {@code fn(value)}. A null extracted value is decided by the predicate's null rule, so {@code not} keeps SQL's
 * three-valued logic. On a dictionary-encoded column the function runs once per dictionary value (for the bitmap
 * index and for the matchers' lookup tables), not once per row; {@code __time} and numeric columns give the function
 * their numbers, as Druid does.
 */
final class ExtractionFilter extends BaseFilter {
  private final String column;
  private final ExtractionFn fn;
  private final MatchPredicate predicate;

  ExtractionFilter(String column, ExtractionFn fn, MatchPredicate predicate) {
    this.column = column;
    this.fn = fn;
    this.predicate = predicate;
  }

  @Override
  public Set<String> requiredColumns() {
    return Set.of(column);
  }

  private boolean matches(Object value, boolean includeUnknown) {
    String extracted = fn.apply(value);
    return extracted == null ? predicate.matchesNull(includeUnknown) : predicate.matchesString(extracted);
  }

  @Override
  ImmutableRoaringBitmap bitmap(ColumnIndexSelector indexes, boolean includeUnknown) {
    StringValueIndex index = indexes.stringIndex(column);
    if (index == null) {
      if (indexes.capabilities(column) == null && !ColumnFilter.TIME.equals(column)) {
        return Matchers.constantBitmap(matches(null, includeUnknown), indexes.numRows());
      }
      return null;
    }
    List<ImmutableRoaringBitmap> matched = new ArrayList<>();
    for (int id = 0; id < index.cardinality(); id++) {
      if (matches(index.lookupName(id), includeUnknown)) {
        matched.add(index.bitmap(id));
      }
    }
    return MatchPredicate.union(matched);
  }

  /** Per dictionary id, whether the extracted value matches. */
  private boolean[] table(int cardinality, java.util.function.IntFunction<String> names, boolean includeUnknown) {
    boolean[] table = new boolean[cardinality];
    for (int id = 0; id < cardinality; id++) {
      table[id] = matches(names.apply(id), includeUnknown);
    }
    return table;
  }

  private static ColumnType typeOf(String column, ColumnCapabilities caps) {
    if (caps == null) {
      return ColumnFilter.TIME.equals(column) ? ColumnType.LONG : null;
    }
    return caps.hasMultipleValues() ? ColumnType.COMPLEX : caps.type();
  }

  @Override
  ValueMatcher matcher(ColumnSelectorFactory factory, boolean includeUnknown) {
    ColumnType type = typeOf(column, factory.capabilities(column));
    if (type == ColumnType.STRING) {
      DimensionSelector s = factory.makeDimensionSelector(column);
      int card = s.getValueCardinality();
      if (s.nameLookupPossibleInAdvance() && card >= 0) {
        boolean[] table = table(card, s::lookupName, includeUnknown);
        return () -> table[s.getValueId()];
      }
      return () -> matches(s.getValue(), includeUnknown);
    }
    // An unknown type (map rows, a column the data lacks) is read as objects; a missing column's are all null.
    ColumnValueSelector s = factory.makeColumnValueSelector(column);
    if (type == null) {
      return () -> matches(s.getObject(), includeUnknown);
    }
    if (type == ColumnType.LONG) {
      return () -> matches(s.isNull() ? null : (Object) s.getLong(), includeUnknown);
    }
    if (type.isNumeric()) {
      return () -> matches(s.isNull() ? null : s.getObject(), includeUnknown);
    }
    return () -> matches(s.getObject(), includeUnknown);
  }

  @Override
  VectorValueMatcher vectorMatcher(VectorColumnSelectorFactory factory, boolean includeUnknown) {
    ColumnType type = typeOf(column, factory.capabilities(column));
    if (type == null) {
      return Matchers.vectorConstant(matches(null, includeUnknown));
    }
    if (type == ColumnType.STRING) {
      SingleValueDimensionVectorSelector s = factory.makeSingleValueDimensionSelector(column);
      int card = s.getValueCardinality();
      if (s.nameLookupPossibleInAdvance() && card >= 0) {
        return Matchers.byIdTable(s, table(card, s::lookupName, includeUnknown));
      }
      return (out, size) -> {
        int[] ids = s.getRowVector();
        int n = 0;
        for (int i = 0; i < size; i++) {
          boolean m = matches(s.lookupName(ids[i]), includeUnknown);
          out[i] = m;
          n += m ? 1 : 0;
        }
        return n;
      };
    }
    if (type.isNumeric()) {
      VectorValueSelector s = factory.makeValueSelector(column);
      boolean isLong = type == ColumnType.LONG;
      boolean isFloat = type == ColumnType.FLOAT;
      return (out, size) -> {
        boolean[] nulls = s.getNullVector();
        long[] longs = isLong ? s.getLongVector() : null;
        float[] floats = isFloat ? s.getFloatVector() : null;
        double[] doubles = isLong || isFloat ? null : s.getDoubleVector();
        int n = 0;
        for (int i = 0; i < size; i++) {
          Object v = nulls != null && nulls[i] ? null
              : isLong ? (Object) longs[i] : isFloat ? (Object) floats[i] : (Object) doubles[i];
          boolean m = matches(v, includeUnknown);
          out[i] = m;
          n += m ? 1 : 0;
        }
        return n;
      };
    }
    VectorObjectSelector s = factory.makeObjectSelector(column);
    return (out, size) -> {
      Object[] v = s.getObjectVector();
      int n = 0;
      for (int i = 0; i < size; i++) {
        boolean m = matches(v[i], includeUnknown);
        out[i] = m;
        n += m ? 1 : 0;
      }
      return n;
    };
  }

  @Override
  public String toString() {
    return column + " (extracted) " + predicate;
  }
}
