package io.strata.segment;

import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.ColumnType;
import io.strata.api.data.ColumnValueSelector;
import io.strata.api.data.Cursor;
import io.strata.api.data.CursorBuildSpec;
import io.strata.api.data.CursorFactory;
import io.strata.api.data.CursorHolder;
import io.strata.api.data.DimensionSelector;
import io.strata.api.data.SingleValueDimensionVectorSelector;
import io.strata.api.data.VectorColumnSelectorFactory;
import io.strata.api.data.VectorCursor;
import io.strata.api.data.VectorObjectSelector;
import io.strata.api.data.VectorValueSelector;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads rows back through the cursors, each column through its natural selector and cross-checked against the
 * object selector, as lists of boxed values (Long, Float, Double, String or null).
 */
public final class Scans {
  private Scans() {
  }

  /** All rows of the spec through the row cursor. */
  public static List<List<Object>> rows(CursorFactory factory, CursorBuildSpec spec, List<String> columns) {
    try (CursorHolder holder = factory.makeCursorHolder(spec)) {
      return rows(holder.asCursor(), factory, columns);
    }
  }

  static List<List<Object>> rows(Cursor cursor, CursorFactory factory, List<String> columns) {
    ColumnSelectorFactory f = cursor.selectorFactory();
    int n = columns.size();
    DimensionSelector[] dims = new DimensionSelector[n];
    ColumnValueSelector[] values = new ColumnValueSelector[n];
    ColumnType[] types = new ColumnType[n];
    for (int c = 0; c < n; c++) {
      types[c] = factory.signature().type(columns.get(c));
      dims[c] = f.makeDimensionSelector(columns.get(c));
      values[c] = f.makeColumnValueSelector(columns.get(c));
    }
    List<List<Object>> out = new ArrayList<>();
    for (; !cursor.isDone(); cursor.advance()) {
      List<Object> row = new ArrayList<>(n);
      for (int c = 0; c < n; c++) {
        Object v = values[c].getObject();
        if (types[c] == null || types[c] == ColumnType.STRING) {
          String s = dims[c].lookupName(dims[c].getValueId());
          assertThat(v).as("object and dimension selector of %s", columns.get(c)).isEqualTo(s);
        } else {
          assertThat(values[c].isNull()).isEqualTo(v == null);
          if (v != null) {
            assertThat(values[c].getDouble()).isEqualTo(((Number) v).doubleValue());
            assertThat(dims[c].getValue()).isEqualTo(v.toString());
          }
        }
        row.add(v);
      }
      out.add(row);
    }
    return out;
  }

  /** All rows of the spec through the vector cursor (which must be available). */
  public static List<List<Object>> vectors(CursorFactory factory, CursorBuildSpec spec, List<String> columns) {
    try (CursorHolder holder = factory.makeCursorHolder(spec)) {
      assertThat(holder.canVectorize()).isTrue();
      return vectors(holder.asVectorCursor(), factory, columns);
    }
  }

  static List<List<Object>> vectors(VectorCursor cursor, CursorFactory factory, List<String> columns) {
    VectorColumnSelectorFactory f = cursor.selectorFactory();
    int n = columns.size();
    SingleValueDimensionVectorSelector[] dims = new SingleValueDimensionVectorSelector[n];
    VectorValueSelector[] values = new VectorValueSelector[n];
    VectorObjectSelector[] objects = new VectorObjectSelector[n];
    ColumnType[] types = new ColumnType[n];
    for (int c = 0; c < n; c++) {
      types[c] = factory.signature().type(columns.get(c));
      objects[c] = f.makeObjectSelector(columns.get(c));
      if (types[c] == null || types[c] == ColumnType.STRING) {
        dims[c] = f.makeSingleValueDimensionSelector(columns.get(c));
      } else {
        values[c] = f.makeValueSelector(columns.get(c));
      }
    }
    List<List<Object>> out = new ArrayList<>();
    for (; !cursor.isDone(); cursor.advance()) {
      int size = cursor.getCurrentVectorSize();
      assertThat(size).isBetween(1, cursor.getMaxVectorSize());
      List<List<Object>> batch = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        batch.add(new ArrayList<>(n));
      }
      for (int c = 0; c < n; c++) {
        Object[] obj = objects[c].getObjectVector();
        for (int i = 0; i < size; i++) {
          Object v = typed(types[c], dims[c], values[c], i);
          assertThat(obj[i]).as("object selector of %s", columns.get(c)).isEqualTo(v);
          batch.get(i).add(v);
        }
      }
      out.addAll(batch);
    }
    return out;
  }

  private static Object typed(ColumnType type, SingleValueDimensionVectorSelector dim, VectorValueSelector values,
                              int i) {
    if (dim != null) {
      return dim.lookupName(dim.getRowVector()[i]);
    }
    boolean[] nulls = values.getNullVector();
    if (nulls != null && nulls[i]) {
      return null;
    }
    return switch (type) {
      case LONG -> values.getLongVector()[i];
      case FLOAT -> values.getFloatVector()[i];
      default -> values.getDoubleVector()[i];
    };
  }
}
