package io.strata.segment.write;

import io.strata.api.data.ColumnType;
import io.strata.api.data.ColumnarRows;
import io.strata.api.data.SegmentSchema;
import io.strata.api.data.SortedRowSource;
import io.strata.api.query.AggregatorSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Presents a row source with its metric columns ordered by name. Persisted segments store metrics in name order,
 * as Druid's do: a scan without {@code columns} then lists them as Druid does (the in-memory index keeps the
 * metricsSpec order, like Druid's). Only metric indexes are remapped; rows and dimensions pass through.
 */
final class MetricsByName implements SortedRowSource {
  private final SortedRowSource delegate;
  private final SegmentSchema schema;
  private final int[] original; // sorted position -> index in the delegate

  private MetricsByName(SortedRowSource delegate, SegmentSchema schema, int[] original) {
    this.delegate = delegate;
    this.schema = schema;
    this.original = original;
  }

  /** The source itself if its metrics are already in name order, else a reordering view of it. */
  static SortedRowSource wrap(SortedRowSource rows) {
    SegmentSchema s = rows.schema();
    List<AggregatorSpec> metrics = s.metrics();
    Integer[] order = new Integer[metrics.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparing(i -> metrics.get(i).name()));
    boolean sorted = true;
    for (int i = 0; i < order.length; i++) {
      sorted &= order[i] == i;
    }
    if (sorted) {
      return rows;
    }
    List<AggregatorSpec> specs = new ArrayList<>();
    List<ColumnType> types = new ArrayList<>();
    int[] original = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      original[i] = order[i];
      specs.add(metrics.get(order[i]));
      types.add(s.metricTypes().get(order[i]));
    }
    return new MetricsByName(rows, new SegmentSchema(s.dimensions(), specs, types, s.queryGranularity(),
        s.rollup()), original);
  }

  @Override
  public SegmentSchema schema() {
    return schema;
  }

  @Override
  public String[] dictionary(int dim) {
    return delegate.dictionary(dim);
  }

  @Override
  public ColumnarRows columnar() {
    ColumnarRows columns = delegate.columnar();
    if (columns == null) {
      return null;
    }
    return new ColumnarRows() {
      @Override
      public int rowCount() {
        return columns.rowCount();
      }

      @Override
      public void times(int from, int to, long[] out) {
        columns.times(from, to, out);
      }

      @Override
      public void stringIds(int dim, int from, int to, int[] out) {
        columns.stringIds(dim, from, to, out);
      }

      @Override
      public void longs(int dim, int from, int to, long[] out, boolean[] nulls) {
        columns.longs(dim, from, to, out, nulls);
      }

      @Override
      public void floats(int dim, int from, int to, float[] out, boolean[] nulls) {
        columns.floats(dim, from, to, out, nulls);
      }

      @Override
      public void doubles(int dim, int from, int to, double[] out, boolean[] nulls) {
        columns.doubles(dim, from, to, out, nulls);
      }

      @Override
      public void metricLongs(int metric, int from, int to, long[] out, boolean[] nulls) {
        columns.metricLongs(original[metric], from, to, out, nulls);
      }

      @Override
      public void metricFloats(int metric, int from, int to, float[] out, boolean[] nulls) {
        columns.metricFloats(original[metric], from, to, out, nulls);
      }

      @Override
      public void metricDoubles(int metric, int from, int to, double[] out, boolean[] nulls) {
        columns.metricDoubles(original[metric], from, to, out, nulls);
      }
    };
  }

  @Override
  public boolean next() {
    return delegate.next();
  }

  @Override
  public long time() {
    return delegate.time();
  }

  @Override
  public int stringId(int dim) {
    return delegate.stringId(dim);
  }

  @Override
  public boolean isNull(int dim) {
    return delegate.isNull(dim);
  }

  @Override
  public long longValue(int dim) {
    return delegate.longValue(dim);
  }

  @Override
  public float floatValue(int dim) {
    return delegate.floatValue(dim);
  }

  @Override
  public double doubleValue(int dim) {
    return delegate.doubleValue(dim);
  }

  @Override
  public boolean metricIsNull(int metric) {
    return delegate.metricIsNull(original[metric]);
  }

  @Override
  public long metricLong(int metric) {
    return delegate.metricLong(original[metric]);
  }

  @Override
  public float metricFloat(int metric) {
    return delegate.metricFloat(original[metric]);
  }

  @Override
  public double metricDouble(int metric) {
    return delegate.metricDouble(original[metric]);
  }

  @Override
  public Object metricObject(int metric) {
    return delegate.metricObject(original[metric]);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
