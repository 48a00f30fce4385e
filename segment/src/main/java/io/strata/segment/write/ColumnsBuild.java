package io.strata.segment.write;

import io.strata.api.data.ColumnType;
import io.strata.api.data.SegmentSchema;
import io.strata.api.data.SortedRowSource;
import io.strata.api.query.AggregatorSpec;
import io.strata.segment.format.ColumnMetadata;
import io.strata.segment.format.SegmentFormatV1;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The column writers of one segment being written: one per column, each fed the current row by a small feeder
 * chosen once per column (so the per-row loop does no type switching). Not thread-safe.
 */
final class ColumnsBuild {
  /** Copies one column of the source's current row into its writer. */
  @FunctionalInterface
  private interface Feeder {
    void feed(SortedRowSource rows) throws IOException;
  }

  /** Finishes one column file and describes it. */
  @FunctionalInterface
  private interface Finisher {
    ColumnMetadata finish() throws IOException;
  }

  /** The bit-packing planner of every long column (blocks are encoded one at a time); null without compression. */
  private final ForEncoder forEncoder;
  private final NumericColumnWriter.Longs time;
  private final Feeder[] feeders;
  private final List<Finisher> finishers = new ArrayList<>();
  private final List<Object> writers = new ArrayList<>();

  ColumnsBuild(Path dir, SortedRowSource rows, boolean compress, int bitmapChunkRows) throws IOException {
    SegmentSchema schema = rows.schema();
    validate(schema);
    forEncoder = compress ? new ForEncoder() : null;
    List<Feeder> feeders = new ArrayList<>();
    try {
      String timeFile = SegmentFormatV1.columnFileName(0);
      time = NumericColumnWriter.longs(dir.resolve(timeFile), true, compress, forEncoder);
      writers.add(time);
      NumericColumnWriter.Longs t = time;
      finishers.add(() -> new ColumnMetadata("__time", ColumnMetadata.Role.TIME, ColumnType.LONG, timeFile,
          t.finish(), false, null, null));
      int ordinal = 1;
      List<SegmentSchema.Column> dims = schema.dimensions();
      for (int d = 0; d < dims.size(); d++) {
        SegmentSchema.Column c = dims.get(d);
        String file = SegmentFormatV1.columnFileName(ordinal++);
        feeders.add(dimension(dir, file, c, d, rows, compress, bitmapChunkRows));
      }
      for (int m = 0; m < schema.metrics().size(); m++) {
        String file = SegmentFormatV1.columnFileName(ordinal++);
        feeders.add(metric(dir, file, schema.metrics().get(m), schema.metricTypes().get(m), m, compress));
      }
    } catch (IOException | RuntimeException e) {
      abort();
      throw e;
    }
    this.feeders = feeders.toArray(new Feeder[0]);
  }

  void add(long timestamp, SortedRowSource rows) throws IOException {
    time.add(timestamp);
    for (Feeder f : feeders) {
      f.feed(rows);
    }
  }

  /** Finishes every column file; the metadata entries are in storage order. */
  List<ColumnMetadata> finish() throws IOException {
    List<ColumnMetadata> out = new ArrayList<>(finishers.size());
    for (Finisher f : finishers) {
      out.add(f.finish());
    }
    return out;
  }

  /** Closes every open file; the caller deletes the directory. */
  void abort() {
    for (Object w : writers) {
      try {
        if (w instanceof NumericColumnWriter n) {
          n.abort();
        } else {
          ((StringColumnWriter) w).abort();
        }
      } catch (IOException ignored) {
        // the directory is deleted next; nothing else to release
      }
    }
  }

  private Feeder dimension(Path dir, String file, SegmentSchema.Column c, int d, SortedRowSource rows,
                           boolean compress, int bitmapChunkRows) throws IOException {
    String name = c.name();
    Path path = dir.resolve(file);
    switch (c.type()) {
      case STRING -> {
        StringColumnWriter w = new StringColumnWriter(path, name, rows.dictionary(d), bitmapChunkRows);
        writers.add(w);
        finishers.add(() -> {
          StringColumnWriter.Result r = w.finish();
          return new ColumnMetadata(name, ColumnMetadata.Role.DIMENSION, ColumnType.STRING, file, r.sizeBytes(),
              r.hasNulls(), r.cardinality(), null);
        });
        return src -> w.add(src.stringId(d));
      }
      case LONG -> {
        NumericColumnWriter.Longs w = NumericColumnWriter.longs(path, false, compress, forEncoder);
        register(w, name, ColumnMetadata.Role.DIMENSION, ColumnType.LONG, file, null);
        return src -> {
          if (src.isNull(d)) {
            w.addNull();
          } else {
            w.add(src.longValue(d));
          }
        };
      }
      case FLOAT -> {
        NumericColumnWriter.Floats w = NumericColumnWriter.floats(path, compress);
        register(w, name, ColumnMetadata.Role.DIMENSION, ColumnType.FLOAT, file, null);
        return src -> {
          if (src.isNull(d)) {
            w.addNull();
          } else {
            w.add(src.floatValue(d));
          }
        };
      }
      case DOUBLE -> {
        NumericColumnWriter.Doubles w = NumericColumnWriter.doubles(path, compress);
        register(w, name, ColumnMetadata.Role.DIMENSION, ColumnType.DOUBLE, file, null);
        return src -> {
          if (src.isNull(d)) {
            w.addNull();
          } else {
            w.add(src.doubleValue(d));
          }
        };
      }
      default -> throw new IllegalArgumentException("dimension [" + name + "] has unsupported type " + c.type());
    }
  }

  private Feeder metric(Path dir, String file, AggregatorSpec spec, ColumnType type, int m, boolean compress)
      throws IOException {
    String name = spec.name();
    Path path = dir.resolve(file);
    switch (type) {
      case LONG -> {
        NumericColumnWriter.Longs w = NumericColumnWriter.longs(path, false, compress, forEncoder);
        register(w, name, ColumnMetadata.Role.METRIC, type, file, spec);
        return src -> {
          if (src.metricIsNull(m)) {
            w.addNull();
          } else {
            w.add(src.metricLong(m));
          }
        };
      }
      case FLOAT -> {
        NumericColumnWriter.Floats w = NumericColumnWriter.floats(path, compress);
        register(w, name, ColumnMetadata.Role.METRIC, type, file, spec);
        return src -> {
          if (src.metricIsNull(m)) {
            w.addNull();
          } else {
            w.add(src.metricFloat(m));
          }
        };
      }
      case DOUBLE -> {
        NumericColumnWriter.Doubles w = NumericColumnWriter.doubles(path, compress);
        register(w, name, ColumnMetadata.Role.METRIC, type, file, spec);
        return src -> {
          if (src.metricIsNull(m)) {
            w.addNull();
          } else {
            w.add(src.metricDouble(m));
          }
        };
      }
      default -> throw new IllegalArgumentException("metric [" + name + "] has type " + type
          + ", which segment format v1 cannot store; supported: LONG, FLOAT, DOUBLE");
    }
  }

  private void register(NumericColumnWriter w, String name, ColumnMetadata.Role role, ColumnType type, String file,
                        AggregatorSpec spec) {
    writers.add(w);
    finishers.add(() -> {
      long size = w.finish();
      return new ColumnMetadata(name, role, type, file, size, w.hasNulls(), null, spec);
    });
  }

  static void validate(SegmentSchema schema) {
    Set<String> names = new HashSet<>();
    names.add("__time");
    for (SegmentSchema.Column c : schema.dimensions()) {
      if (c.name() == null || !names.add(c.name())) {
        throw new IllegalArgumentException("dimension name [" + c.name() + "] is missing, repeated or __time");
      }
    }
    for (AggregatorSpec a : schema.metrics()) {
      if (!names.add(a.name())) {
        throw new IllegalArgumentException("metric name [" + a.name() + "] repeats a dimension or metric name");
      }
    }
  }
}
