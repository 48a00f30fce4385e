package io.strata.segment;

import io.strata.api.data.ColumnType;
import io.strata.api.data.ColumnarRows;
import io.strata.api.data.SegmentSchema;
import io.strata.api.data.SortedRowSource;
import io.strata.api.query.AggregatorSpec;
import io.strata.api.time.Granularity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Rows held in arrays, sorted into segment order, with a {@link SortedRowSource} over them: the reference data of
 * the segment tests. Dimension values are String, Long, Float or Double (or null); metric values Long, Float or
 * Double (or null).
 */
public final class TestRows {
  /** One row: time, dimension values in schema order, metric values in schema order. */
  public record Row(long time, List<Object> dims, List<Object> metrics) {
    /** time, dims, metrics as one list, the order of a segment's columns. */
    public List<Object> flat() {
      List<Object> out = new ArrayList<>();
      out.add(time);
      out.addAll(dims);
      out.addAll(metrics);
      return out;
    }
  }

  private final SegmentSchema schema;
  private final List<Row> rows;
  private final String[][] dictionaries;
  private final List<Map<String, Integer>> ids = new ArrayList<>();

  private TestRows(SegmentSchema schema, List<Row> rows) {
    this.schema = schema;
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(rowOrder(schema));
    this.rows = List.copyOf(sorted);
    this.dictionaries = new String[schema.dimensions().size()][];
    for (int d = 0; d < dictionaries.length; d++) {
      if (schema.dimensions().get(d).type() != ColumnType.STRING) {
        continue;
      }
      TreeSet<String> values = new TreeSet<>(Comparator.nullsFirst(Comparator.naturalOrder()));
      boolean hasNull = false;
      for (Row r : rows) {
        String v = (String) r.dims().get(d);
        if (v == null) {
          hasNull = true;
        } else {
          values.add(v);
        }
      }
      List<String> dict = new ArrayList<>();
      if (hasNull) {
        dict.add(null);
      }
      dict.addAll(values);
      dictionaries[d] = dict.toArray(new String[0]);
    }
    for (String[] dict : dictionaries) {
      Map<String, Integer> m = new HashMap<>();
      if (dict != null) {
        for (int i = 0; i < dict.length; i++) {
          m.put(dict[i], i);
        }
      }
      ids.add(m);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public SegmentSchema schema() {
    return schema;
  }

  /** The rows in segment order. */
  public List<Row> rows() {
    return rows;
  }

  /** Column names in storage order: __time, dimensions, metrics. */
  public List<String> columns() {
    List<String> out = new ArrayList<>();
    out.add("__time");
    schema.dimensions().forEach(c -> out.add(c.name()));
    schema.metrics().forEach(m -> out.add(m.name()));
    return out;
  }

  /** The rows as flat lists (see {@link Row#flat()}). */
  public List<List<Object>> flat() {
    List<List<Object>> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(r.flat());
    }
    return out;
  }

  /** A new source over the rows, read row by row only (no {@link SortedRowSource#columnar()}). */
  public SortedRowSource source() {
    return new Source();
  }

  /** A new source over the rows that also offers them as {@link ColumnarRows}, as in-memory indexes do. */
  public SortedRowSource columnarSource() {
    return new Source() {
      @Override
      public ColumnarRows columnar() {
        return taken() ? null : new Columns();
      }
    };
  }

  /** The rows as columns, with the conversions of {@link Source}'s accessors. */
  private final class Columns implements ColumnarRows {
    @Override
    public int rowCount() {
      return rows.size();
    }

    @Override
    public void times(int from, int to, long[] out) {
      for (int i = from; i < to; i++) {
        out[i - from] = rows.get(i).time();
      }
    }

    @Override
    public void stringIds(int dim, int from, int to, int[] out) {
      for (int i = from; i < to; i++) {
        out[i - from] = ids.get(dim).get((String) rows.get(i).dims().get(dim));
      }
    }

    private Number value(List<Object> values, int index, boolean[] nulls, int o) {
      Number n = (Number) values.get(index);
      nulls[o] = n == null;
      return n == null ? 0 : n;
    }

    @Override
    public void longs(int dim, int from, int to, long[] out, boolean[] nulls) {
      for (int i = from; i < to; i++) {
        out[i - from] = value(rows.get(i).dims(), dim, nulls, i - from).longValue();
      }
    }

    @Override
    public void floats(int dim, int from, int to, float[] out, boolean[] nulls) {
      for (int i = from; i < to; i++) {
        out[i - from] = value(rows.get(i).dims(), dim, nulls, i - from).floatValue();
      }
    }

    @Override
    public void doubles(int dim, int from, int to, double[] out, boolean[] nulls) {
      for (int i = from; i < to; i++) {
        out[i - from] = value(rows.get(i).dims(), dim, nulls, i - from).doubleValue();
      }
    }

    @Override
    public void metricLongs(int metric, int from, int to, long[] out, boolean[] nulls) {
      for (int i = from; i < to; i++) {
        out[i - from] = value(rows.get(i).metrics(), metric, nulls, i - from).longValue();
      }
    }

    @Override
    public void metricFloats(int metric, int from, int to, float[] out, boolean[] nulls) {
      for (int i = from; i < to; i++) {
        out[i - from] = value(rows.get(i).metrics(), metric, nulls, i - from).floatValue();
      }
    }

    @Override
    public void metricDoubles(int metric, int from, int to, double[] out, boolean[] nulls) {
      for (int i = from; i < to; i++) {
        out[i - from] = value(rows.get(i).metrics(), metric, nulls, i - from).doubleValue();
      }
    }
  }

  /** Segment order: time, then dimension values, nulls first. */
  public static Comparator<Row> rowOrder(SegmentSchema schema) {
    Comparator<Row> c = Comparator.comparingLong(Row::time);
    for (int d = 0; d < schema.dimensions().size(); d++) {
      int dim = d;
      c = c.thenComparing(r -> (Comparable) r.dims().get(dim), Comparator.nullsFirst(Comparator.naturalOrder()));
    }
    return c;
  }

  /** Builds {@link TestRows}. */
  public static final class Builder {
    private final List<SegmentSchema.Column> dims = new ArrayList<>();
    private final List<AggregatorSpec> metrics = new ArrayList<>();
    private final List<ColumnType> metricTypes = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();
    private boolean rollup;
    private Granularity granularity = Granularity.NONE;

    public Builder dim(String name, ColumnType type) {
      dims.add(new SegmentSchema.Column(name, type));
      return this;
    }

    public Builder metric(AggregatorSpec spec, ColumnType type) {
      metrics.add(spec);
      metricTypes.add(type);
      return this;
    }

    public Builder rollup(boolean rollup) {
      this.rollup = rollup;
      return this;
    }

    public Builder granularity(Granularity granularity) {
      this.granularity = granularity;
      return this;
    }

    /** A row: values of the dimensions, then of the metrics. */
    public Builder row(long time, Object... values) {
      if (values.length != dims.size() + metrics.size()) {
        throw new IllegalArgumentException("expected " + (dims.size() + metrics.size()) + " values");
      }
      List<Object> all = Arrays.asList(values);
      rows.add(new Row(time, new ArrayList<>(all.subList(0, dims.size())),
          new ArrayList<>(all.subList(dims.size(), all.size()))));
      return this;
    }

    public TestRows build() {
      return new TestRows(new SegmentSchema(dims, metrics, metricTypes, granularity, rollup), rows);
    }
  }

  private class Source implements SortedRowSource {
    private int pos = -1;

    /** Whether a row was read or the columns were taken; marks the columns taken. */
    boolean taken() {
      boolean was = pos != -1;
      pos = rows.size();
      return was;
    }

    @Override
    public SegmentSchema schema() {
      return schema;
    }

    @Override
    public String[] dictionary(int dim) {
      return dictionaries[dim];
    }

    @Override
    public boolean next() {
      return ++pos < rows.size();
    }

    @Override
    public long time() {
      return rows.get(pos).time();
    }

    @Override
    public int stringId(int dim) {
      return ids.get(dim).get((String) rows.get(pos).dims().get(dim));
    }

    @Override
    public boolean isNull(int dim) {
      return rows.get(pos).dims().get(dim) == null;
    }

    @Override
    public long longValue(int dim) {
      return ((Number) rows.get(pos).dims().get(dim)).longValue();
    }

    @Override
    public float floatValue(int dim) {
      return ((Number) rows.get(pos).dims().get(dim)).floatValue();
    }

    @Override
    public double doubleValue(int dim) {
      return ((Number) rows.get(pos).dims().get(dim)).doubleValue();
    }

    @Override
    public boolean metricIsNull(int metric) {
      return rows.get(pos).metrics().get(metric) == null;
    }

    @Override
    public long metricLong(int metric) {
      return ((Number) rows.get(pos).metrics().get(metric)).longValue();
    }

    @Override
    public float metricFloat(int metric) {
      return ((Number) rows.get(pos).metrics().get(metric)).floatValue();
    }

    @Override
    public double metricDouble(int metric) {
      return ((Number) rows.get(pos).metrics().get(metric)).doubleValue();
    }

    @Override
    public Object metricObject(int metric) {
      return rows.get(pos).metrics().get(metric);
    }

    @Override
    public void close() {
    }
  }
}
