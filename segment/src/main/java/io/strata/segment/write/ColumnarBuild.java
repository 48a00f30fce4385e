package io.strata.segment.write;

import io.strata.api.data.ColumnType;
import io.strata.api.data.ColumnarRows;
import io.strata.api.data.SegmentSchema;
import io.strata.api.data.SortedRowSource;
import io.strata.api.query.AggregatorSpec;
import io.strata.api.time.Interval;
import io.strata.segment.format.ColumnMetadata;
import io.strata.segment.format.SegmentFormatV1;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the column files of one segment from rows held in memory ({@link ColumnarRows}), one column after the
 * other: each column is read in blocks of {@link SegmentFormatV1#BLOCK_SIZE} rows straight into its writer, and a
 * string column's ids are read whole so that its bitmaps are built from memory without a scratch file. The files
 * are the same, byte for byte, as those {@link ColumnsBuild} writes from the same rows one row at a time; what
 * changes is the shape of the work: one short loop per column, which the JIT compiles in little time, instead of
 * one loop over rows that visits every column through the row accessors. Not thread-safe.
 */
final class ColumnarBuild {
  /** What was written: the columns in storage order and the time range of the rows. */
  record Written(int numRows, long minTime, long maxTime, List<ColumnMetadata> columns) {
  }

  private final Path dir;
  private final SortedRowSource source;
  private final SegmentSchema schema;
  private final ColumnarRows rows;
  private final int from;
  private final int to;
  private final boolean compress;
  private final int bitmapChunkRows;
  private final ForEncoder forEncoder;
  private final boolean[] nulls = new boolean[SegmentFormatV1.BLOCK_SIZE];

  /**
   * @param source the source {@code rows} came from, for its schema and dictionaries
   * @param from   first row of the segment in {@code rows}
   * @param to     end (exclusive) of the segment's rows
   */
  ColumnarBuild(Path dir, SortedRowSource source, ColumnarRows rows, int from, int to, boolean compress,
                int bitmapChunkRows) {
    this.dir = dir;
    this.source = source;
    this.schema = source.schema();
    this.rows = rows;
    this.from = from;
    this.to = to;
    this.compress = compress;
    this.bitmapChunkRows = bitmapChunkRows;
    this.forEncoder = compress ? new ForEncoder() : null;
  }

  /**
   * Writes every column file into the directory.
   *
   * @throws IllegalArgumentException if rows are out of time order or outside {@code interval}, or the schema
   *                                  cannot be stored
   */
  Written write(Interval interval) throws IOException {
    ColumnsBuild.validate(schema);
    List<ColumnMetadata> columns = new ArrayList<>();
    int ordinal = 0;
    String timeFile = SegmentFormatV1.columnFileName(ordinal++);
    RowTimes times = new RowTimes(interval);
    long timeSize = writeTime(dir.resolve(timeFile), times);
    columns.add(new ColumnMetadata("__time", ColumnMetadata.Role.TIME, ColumnType.LONG, timeFile, timeSize, false,
        null, null));
    List<SegmentSchema.Column> dims = schema.dimensions();
    for (int d = 0; d < dims.size(); d++) {
      columns.add(dimension(SegmentFormatV1.columnFileName(ordinal++), dims.get(d), d));
    }
    for (int m = 0; m < schema.metrics().size(); m++) {
      columns.add(metric(SegmentFormatV1.columnFileName(ordinal++), schema.metrics().get(m),
          schema.metricTypes().get(m), m));
    }
    return new Written(times.count(), times.min(), times.max(), columns);
  }

  private long writeTime(Path path, RowTimes times) throws IOException {
    NumericColumnWriter.Longs w = NumericColumnWriter.longs(path, true, compress, forEncoder);
    try {
      long[] block = new long[SegmentFormatV1.BLOCK_SIZE];
      for (int start = from, end; start < to; start = end) {
        end = (int) Math.min(to, (long) start + block.length);
        rows.times(start, end, block);
        for (int i = 0; i < end - start; i++) {
          times.add(block[i]);
        }
        w.addAll(block, null, end - start);
      }
      return w.finish();
    } catch (IOException | RuntimeException | Error e) {
      w.abort();
      throw e;
    }
  }

  private ColumnMetadata dimension(String file, SegmentSchema.Column c, int d) throws IOException {
    String name = c.name();
    Path path = dir.resolve(file);
    switch (c.type()) {
      case STRING -> {
        int[] ids = new int[to - from];
        rows.stringIds(d, from, to, ids);
        StringColumnWriter w = StringColumnWriter.ofIds(path, name, source.dictionary(d), ids, ids.length,
            bitmapChunkRows);
        StringColumnWriter.Result r;
        try {
          r = w.finish();
        } catch (IOException | RuntimeException | Error e) {
          w.abort();
          throw e;
        }
        return new ColumnMetadata(name, ColumnMetadata.Role.DIMENSION, ColumnType.STRING, file, r.sizeBytes(),
            r.hasNulls(), r.cardinality(), null);
      }
      case LONG, FLOAT, DOUBLE -> {
        return numeric(path, file, name, ColumnMetadata.Role.DIMENSION, c.type(), null, d);
      }
      default -> throw new IllegalArgumentException("dimension [" + name + "] has unsupported type " + c.type());
    }
  }

  private ColumnMetadata metric(String file, AggregatorSpec spec, ColumnType type, int m) throws IOException {
    if (type != ColumnType.LONG && type != ColumnType.FLOAT && type != ColumnType.DOUBLE) {
      throw new IllegalArgumentException("metric [" + spec.name() + "] has type " + type
          + ", which segment format v1 cannot store; supported: LONG, FLOAT, DOUBLE");
    }
    return numeric(dir.resolve(file), file, spec.name(), ColumnMetadata.Role.METRIC, type, spec, m);
  }

  /** A numeric dimension ({@code spec} null) or metric column, block by block. */
  private ColumnMetadata numeric(Path path, String file, String name, ColumnMetadata.Role role, ColumnType type,
                                 AggregatorSpec spec, int index) throws IOException {
    boolean metric = spec != null;
    NumericColumnWriter writer = switch (type) {
      case LONG -> NumericColumnWriter.longs(path, false, compress, forEncoder);
      case FLOAT -> NumericColumnWriter.floats(path, compress);
      default -> NumericColumnWriter.doubles(path, compress);
    };
    try {
      int size = SegmentFormatV1.BLOCK_SIZE;
      switch (type) {
        case LONG -> {
          NumericColumnWriter.Longs w = (NumericColumnWriter.Longs) writer;
          long[] block = new long[size];
          for (int start = from, end; start < to; start = end) {
            end = (int) Math.min(to, (long) start + size);
            if (metric) {
              rows.metricLongs(index, start, end, block, nulls);
            } else {
              rows.longs(index, start, end, block, nulls);
            }
            w.addAll(block, nulls, end - start);
          }
        }
        case FLOAT -> {
          NumericColumnWriter.Floats w = (NumericColumnWriter.Floats) writer;
          float[] block = new float[size];
          for (int start = from, end; start < to; start = end) {
            end = (int) Math.min(to, (long) start + size);
            if (metric) {
              rows.metricFloats(index, start, end, block, nulls);
            } else {
              rows.floats(index, start, end, block, nulls);
            }
            w.addAll(block, nulls, end - start);
          }
        }
        default -> {
          NumericColumnWriter.Doubles w = (NumericColumnWriter.Doubles) writer;
          double[] block = new double[size];
          for (int start = from, end; start < to; start = end) {
            end = (int) Math.min(to, (long) start + size);
            if (metric) {
              rows.metricDoubles(index, start, end, block, nulls);
            } else {
              rows.doubles(index, start, end, block, nulls);
            }
            w.addAll(block, nulls, end - start);
          }
        }
      }
      long bytes = writer.finish();
      return new ColumnMetadata(name, role, type, file, bytes, writer.hasNulls(), null, spec);
    } catch (IOException | RuntimeException | Error e) {
      writer.abort();
      throw e;
    }
  }
}
