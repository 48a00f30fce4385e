package io.strata.index;

import io.strata.api.data.ColumnCapabilities;
import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.ColumnType;
import io.strata.api.data.ColumnValueSelector;
import io.strata.api.data.Cursor;
import io.strata.api.data.CursorBuildSpec;
import io.strata.api.data.CursorHolder;
import io.strata.api.data.SegmentId;
import io.strata.api.data.SingleValueDimensionVectorSelector;
import io.strata.api.data.VectorColumnSelectorFactory;
import io.strata.api.data.VectorCursor;
import io.strata.api.data.VectorValueSelector;
import io.strata.api.exec.Filter;
import io.strata.api.input.InputRow;
import io.strata.api.query.AggregatorSpec;
import io.strata.api.spec.DimensionSchema;
import io.strata.api.spec.DimensionsSpec;
import io.strata.api.time.Granularity;
import io.strata.api.time.Interval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helpers: input rows, index construction and reading a cursor holder into plain lists. */
final class TestRows {
  static final SegmentId SEGMENT = new SegmentId("test", Interval.ETERNITY, "v1", 0);
  static final long T0 = 1_700_000_000_000L;

  private TestRows() {
  }

  /** An input row with fields in the given order. */
  record MapRow(long timestamp, Map<String, Object> fields) implements InputRow {
    @Override
    public Object get(String field) {
      return fields.get(field);
    }

    @Override
    public Collection<String> fieldNames() {
      return fields.keySet();
    }
  }

  static InputRow row(long timestamp, Object... fieldsAndValues) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < fieldsAndValues.length; i += 2) {
      fields.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
    }
    return new MapRow(timestamp, fields);
  }

  static List<DimensionSchema> dims(String... specs) {
    List<DimensionSchema> out = new ArrayList<>();
    for (String s : specs) {
      int colon = s.indexOf(':');
      out.add(colon < 0 ? DimensionSchema.of(s)
          : new DimensionSchema(s.substring(0, colon), s.substring(colon + 1), null, null));
    }
    return out;
  }

  static IncrementalIndex index(List<DimensionSchema> dimensions, Granularity granularity, boolean rollup,
                                AggregatorSpec... metrics) {
    return new IncrementalIndex(SEGMENT, new IndexSchema(DimensionsSpec.of(dimensions), List.of(metrics),
        "timestamp", granularity, rollup));
  }

  static AggregatorSpec agg(String type, String name, String field) {
    return type.equals("count") ? AggregatorSpec.Count.of(name) : AggregatorSpec.Numeric.of(type, name, field);
  }

  static CursorBuildSpec spec(Interval interval, Filter filter, boolean descending, int vectorSize) {
    return new CursorBuildSpec(interval, filter, descending, vectorSize);
  }

  /** All rows of the holder's row cursor, one list of {@code getObject()} values per row. */
  static List<List<Object>> readRows(CursorHolder holder, List<String> columns) {
    Cursor cursor = holder.asCursor();
    ColumnSelectorFactory f = cursor.selectorFactory();
    List<ColumnValueSelector> selectors = new ArrayList<>();
    for (String c : columns) {
      selectors.add(f.makeColumnValueSelector(c));
    }
    List<List<Object>> out = new ArrayList<>();
    for (; !cursor.isDone(); cursor.advance()) {
      List<Object> row = new ArrayList<>();
      for (ColumnValueSelector s : selectors) {
        row.add(s.getObject());
      }
      out.add(row);
    }
    return out;
  }

  /**
   * All rows of the holder's vector cursor: string columns through dictionary ids, numbers through the typed
   * vectors and null vector (boxed as the column's type).
   */
  static List<List<Object>> readVectors(CursorHolder holder, List<String> columns) {
    VectorCursor cursor = holder.asVectorCursor();
    VectorColumnSelectorFactory f = cursor.selectorFactory();
    int n = columns.size();
    ColumnType[] types = new ColumnType[n];
    SingleValueDimensionVectorSelector[] strings = new SingleValueDimensionVectorSelector[n];
    VectorValueSelector[] numbers = new VectorValueSelector[n];
    for (int i = 0; i < n; i++) {
      ColumnCapabilities caps = f.capabilities(columns.get(i));
      types[i] = caps == null ? ColumnType.STRING : caps.type();
      if (types[i] == ColumnType.STRING) {
        strings[i] = f.makeSingleValueDimensionSelector(columns.get(i));
      } else {
        numbers[i] = f.makeValueSelector(columns.get(i));
      }
    }
    List<List<Object>> out = new ArrayList<>();
    for (; !cursor.isDone(); cursor.advance()) {
      int size = cursor.getCurrentVectorSize();
      Object[][] batch = new Object[size][n];
      for (int c = 0; c < n; c++) {
        if (strings[c] != null) {
          int[] ids = strings[c].getRowVector();
          for (int r = 0; r < size; r++) {
            batch[r][c] = strings[c].lookupName(ids[r]);
          }
          continue;
        }
        boolean[] nulls = numbers[c].getNullVector();
        for (int r = 0; r < size; r++) {
          if (nulls != null && nulls[r]) {
            batch[r][c] = null;
          } else {
            batch[r][c] = switch (types[c]) {
              case LONG -> (Object) numbers[c].getLongVector()[r];
              case FLOAT -> (Object) numbers[c].getFloatVector()[r];
              default -> (Object) numbers[c].getDoubleVector()[r];
            };
          }
        }
      }
      for (Object[] r : batch) {
        out.add(new ArrayList<>(Arrays.asList(r)));
      }
    }
    return out;
  }

  static List<Object> values(Object... values) {
    return new ArrayList<>(Arrays.asList(values));
  }
}
