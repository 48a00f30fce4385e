package io.strata.segment.read;

import io.strata.api.data.SegmentSchema;
import io.strata.api.data.SortedRowSource;

import java.util.List;

/**
 * Every row of a segment in storage order, as a {@link SortedRowSource}: the input side of merges and rewrites.
 * Reads columns directly (no cursor) with one {@link BlockDecoder} per numeric column; string ids are read in place.
 * Each {@link #dictionary} call materializes a fresh array, which callers such as the merger ask for once and drop,
 * so dictionaries do not stay on the heap during a long merge. Holds a segment reference until closed. Not
 * thread-safe.
 */
final class SegmentRowSource implements SortedRowSource {
  private final QueryableSegment segment;
  private final SegmentSchema schema;
  private final int numRows;
  private final BlockDecoder time;
  private final StringColumn[] strings;
  private final BlockDecoder[] dims;
  private final BlockDecoder[] metrics;
  private int row = -1;
  private boolean closed;

  SegmentRowSource(QueryableSegment segment) {
    this.segment = segment;
    this.schema = segment.schema();
    this.numRows = segment.numRows();
    this.time = segment.timeColumn().numeric().decoder();
    List<SegmentSchema.Column> dimensions = schema.dimensions();
    this.strings = new StringColumn[dimensions.size()];
    this.dims = new BlockDecoder[dimensions.size()];
    for (int d = 0; d < dimensions.size(); d++) {
      ColumnHandle h = segment.column(dimensions.get(d).name());
      if (h.isString()) {
        strings[d] = h.string();
      } else {
        dims[d] = h.numeric().decoder();
      }
    }
    this.metrics = new BlockDecoder[schema.metrics().size()];
    for (int m = 0; m < metrics.length; m++) {
      metrics[m] = segment.column(schema.metrics().get(m).name()).numeric().decoder();
    }
  }

  @Override
  public SegmentSchema schema() {
    return schema;
  }

  @Override
  public String[] dictionary(int dim) {
    StringColumn s = strings[dim];
    if (s == null) {
      throw new IllegalArgumentException("dimension " + dim + " (" + schema.dimensions().get(dim).name()
          + ") is not a string column");
    }
    return s.dictionary();
  }

  @Override
  public boolean next() {
    if (row + 1 >= numRows) {
      row = numRows;
      return false;
    }
    row++;
    return true;
  }

  @Override
  public long time() {
    int i = time.seek(row);
    return time.longs[i];
  }

  @Override
  public int stringId(int dim) {
    return strings[dim].id(row);
  }

  @Override
  public boolean isNull(int dim) {
    return isNull(dims[dim]);
  }

  @Override
  public long longValue(int dim) {
    return asLong(dims[dim]);
  }

  @Override
  public float floatValue(int dim) {
    return (float) asDouble(dims[dim]);
  }

  @Override
  public double doubleValue(int dim) {
    return asDouble(dims[dim]);
  }

  @Override
  public boolean metricIsNull(int metric) {
    return isNull(metrics[metric]);
  }

  @Override
  public long metricLong(int metric) {
    return asLong(metrics[metric]);
  }

  @Override
  public float metricFloat(int metric) {
    BlockDecoder d = metrics[metric];
    int i = d.seek(row);
    return d.floats != null ? d.floats[i] : (float) asDouble(d);
  }

  @Override
  public double metricDouble(int metric) {
    return asDouble(metrics[metric]);
  }

  @Override
  public Object metricObject(int metric) {
    BlockDecoder d = metrics[metric];
    if (isNull(d)) {
      return null;
    }
    int i = d.seek(row);
    if (d.longs != null) {
      return d.longs[i];
    }
    return d.floats != null ? (Object) d.floats[i] : (Object) d.doubles[i];
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      segment.release();
    }
  }

  private boolean isNull(BlockDecoder d) {
    return d.nulls != null && d.nulls[d.seek(row)];
  }

  private long asLong(BlockDecoder d) {
    int i = d.seek(row);
    if (d.longs != null) {
      return d.longs[i];
    }
    return d.floats != null ? (long) d.floats[i] : (long) d.doubles[i];
  }

  private double asDouble(BlockDecoder d) {
    int i = d.seek(row);
    if (d.longs != null) {
      return d.longs[i];
    }
    return d.floats != null ? d.floats[i] : d.doubles[i];
  }
}
