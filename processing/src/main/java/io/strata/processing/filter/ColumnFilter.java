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
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

import java.util.Set;

/**
 * A filter on one column, evaluating a {@link MatchPredicate}. The access path is chosen once per segment or
 * cursor from the column's capabilities:
 *
 * <ul>
 *   <li>bitmap: the column's {@link StringValueIndex}; a column the data does not have (no capabilities) is all
 *       nulls, answered without an index; any other column without an index gives null (use matchers);</li>
 *   <li>string columns: with ids known in advance, the predicate is evaluated once per dictionary id into a
 *       lookup table and rows are matched by id; otherwise per row value;</li>
 *   <li>numeric columns ({@code __time} included) by the typed getters, checking nulls first;</li>
 *   <li>columns of unknown or complex type, and multi-valued ones, by their objects
 *       ({@link MatchPredicate#matchesObject}).</li>
 * </ul>
 */
final class ColumnFilter extends BaseFilter {
  static final String TIME = "__time";

  private final String column;
  private final MatchPredicate predicate;

  ColumnFilter(String column, MatchPredicate predicate) {
    this.column = column;
    this.predicate = predicate;
  }

  @Override
  public Set<String> requiredColumns() {
    return Set.of(column);
  }

  private ColumnType typeOf(ColumnCapabilities caps) {
    if (caps == null) {
      return TIME.equals(column) ? ColumnType.LONG : null;
    }
    if (caps.hasMultipleValues()) {
      return ColumnType.COMPLEX; // read as objects (lists)
    }
    return caps.type();
  }

  // ---------------------------------------------------------------- bitmaps

  @Override
  ImmutableRoaringBitmap bitmap(ColumnIndexSelector indexes, boolean includeUnknown) {
    StringValueIndex index = indexes.stringIndex(column);
    if (index != null) {
      return predicate.fromIndex(index, includeUnknown);
    }
    if (indexes.capabilities(column) == null && !TIME.equals(column)) {
      return Matchers.constantBitmap(predicate.matchesNull(includeUnknown), indexes.numRows());
    }
    return null;
  }

  // ---------------------------------------------------------------- row matchers

  @Override
  ValueMatcher matcher(ColumnSelectorFactory factory, boolean includeUnknown) {
    ColumnCapabilities caps = factory.capabilities(column);
    ColumnType type = typeOf(caps);
    final MatchPredicate p = predicate;
    final boolean nullMatches = p.matchesNull(includeUnknown);
    if (type == ColumnType.STRING) {
      return stringMatcher(factory.makeDimensionSelector(column), nullMatches);
    }
    if (type == null || !type.isNumeric()) {
      final ColumnValueSelector s = factory.makeColumnValueSelector(column);
      return () -> p.matchesObject(s.getObject(), includeUnknown);
    }
    final ColumnValueSelector s = factory.makeColumnValueSelector(column);
    boolean maybeNull = caps == null || caps.hasNulls();
    switch (type) {
      case LONG:
        return maybeNull ? () -> s.isNull() ? nullMatches : p.matchesLong(s.getLong())
            : () -> p.matchesLong(s.getLong());
      case FLOAT:
        return maybeNull ? () -> s.isNull() ? nullMatches : p.matchesFloat(s.getFloat())
            : () -> p.matchesFloat(s.getFloat());
      default:
        return maybeNull ? () -> s.isNull() ? nullMatches : p.matchesDouble(s.getDouble())
            : () -> p.matchesDouble(s.getDouble());
    }
  }

  private ValueMatcher stringMatcher(DimensionSelector s, boolean nullMatches) {
    final MatchPredicate p = predicate;
    int card = s.getValueCardinality();
    if (s.nameLookupPossibleInAdvance() && card >= 0) {
      boolean[] table = lookupTable(card, s::lookupName, nullMatches);
      if (table == null) {
        return Matchers.NEVER;
      }
      if (table.length == 0) {
        return Matchers.ALWAYS;
      }
      return () -> table[s.getValueId()];
    }
    return () -> {
      String v = s.getValue();
      return v == null ? nullMatches : p.matchesString(v);
    };
  }

  /**
   * The predicate per dictionary id. Returns null if no id matches and an empty array if every id does (callers
   * then use constant matchers).
   */
  private boolean[] lookupTable(int cardinality, java.util.function.IntFunction<String> names, boolean nullMatches) {
    boolean[] table = new boolean[cardinality];
    int matched = 0;
    for (int id = 0; id < cardinality; id++) {
      String v = names.apply(id);
      boolean m = v == null ? nullMatches : predicate.matchesString(v);
      table[id] = m;
      if (m) {
        matched++;
      }
    }
    if (matched == 0) {
      return null;
    }
    return matched == cardinality ? new boolean[0] : table;
  }

  // ---------------------------------------------------------------- vector matchers

  @Override
  VectorValueMatcher vectorMatcher(VectorColumnSelectorFactory factory, boolean includeUnknown) {
    ColumnCapabilities caps = factory.capabilities(column);
    ColumnType type = typeOf(caps);
    final boolean nullMatches = predicate.matchesNull(includeUnknown);
    if (type == null) {
      return Matchers.vectorConstant(nullMatches); // a missing column reads as all nulls
    }
    if (type == ColumnType.STRING) {
      return stringVectorMatcher(factory.makeSingleValueDimensionSelector(column), nullMatches);
    }
    if (!type.isNumeric()) {
      final VectorObjectSelector s = factory.makeObjectSelector(column);
      final MatchPredicate p = predicate;
      return (out, size) -> {
        Object[] v = s.getObjectVector();
        int n = 0;
        for (int i = 0; i < size; i++) {
          boolean m = p.matchesObject(v[i], includeUnknown);
          out[i] = m;
          n += m ? 1 : 0;
        }
        return n;
      };
    }
    final VectorValueSelector s = factory.makeValueSelector(column);
    return switch (type) {
      case LONG -> longVectorMatcher(s, nullMatches);
      case FLOAT -> floatVectorMatcher(s, nullMatches);
      default -> doubleVectorMatcher(s, nullMatches);
    };
  }

  private VectorValueMatcher stringVectorMatcher(SingleValueDimensionVectorSelector s, boolean nullMatches) {
    final MatchPredicate p = predicate;
    int card = s.getValueCardinality();
    if (s.nameLookupPossibleInAdvance() && card >= 0) {
      boolean[] table = lookupTable(card, s::lookupName, nullMatches);
      if (table == null) {
        return Matchers.VECTOR_NEVER;
      }
      if (table.length == 0) {
        return Matchers.VECTOR_ALWAYS;
      }
      return Matchers.byIdTable(s, table);
    }
    return (out, size) -> {
      int[] ids = s.getRowVector();
      int n = 0;
      for (int i = 0; i < size; i++) {
        String v = s.lookupName(ids[i]);
        boolean m = v == null ? nullMatches : p.matchesString(v);
        out[i] = m;
        n += m ? 1 : 0;
      }
      return n;
    };
  }

  private VectorValueMatcher longVectorMatcher(VectorValueSelector s, boolean nullMatches) {
    final MatchPredicate p = predicate;
    return (out, size) -> {
      long[] v = s.getLongVector();
      boolean[] nulls = s.getNullVector();
      int n = 0;
      if (nulls == null) {
        for (int i = 0; i < size; i++) {
          boolean m = p.matchesLong(v[i]);
          out[i] = m;
          n += m ? 1 : 0;
        }
      } else {
        for (int i = 0; i < size; i++) {
          boolean m = nulls[i] ? nullMatches : p.matchesLong(v[i]);
          out[i] = m;
          n += m ? 1 : 0;
        }
      }
      return n;
    };
  }

  private VectorValueMatcher floatVectorMatcher(VectorValueSelector s, boolean nullMatches) {
    final MatchPredicate p = predicate;
    return (out, size) -> {
      float[] v = s.getFloatVector();
      boolean[] nulls = s.getNullVector();
      int n = 0;
      if (nulls == null) {
        for (int i = 0; i < size; i++) {
          boolean m = p.matchesFloat(v[i]);
          out[i] = m;
          n += m ? 1 : 0;
        }
      } else {
        for (int i = 0; i < size; i++) {
          boolean m = nulls[i] ? nullMatches : p.matchesFloat(v[i]);
          out[i] = m;
          n += m ? 1 : 0;
        }
      }
      return n;
    };
  }

  private VectorValueMatcher doubleVectorMatcher(VectorValueSelector s, boolean nullMatches) {
    final MatchPredicate p = predicate;
    return (out, size) -> {
      double[] v = s.getDoubleVector();
      boolean[] nulls = s.getNullVector();
      int n = 0;
      if (nulls == null) {
        for (int i = 0; i < size; i++) {
          boolean m = p.matchesDouble(v[i]);
          out[i] = m;
          n += m ? 1 : 0;
        }
      } else {
        for (int i = 0; i < size; i++) {
          boolean m = nulls[i] ? nullMatches : p.matchesDouble(v[i]);
          out[i] = m;
          n += m ? 1 : 0;
        }
      }
      return n;
    };
  }

  @Override
  public String toString() {
    return column + " " + predicate;
  }
}
