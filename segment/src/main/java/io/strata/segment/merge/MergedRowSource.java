package io.strata.segment.merge;

import io.strata.api.data.SegmentSchema;
import io.strata.api.data.SortedRowSource;

import java.util.List;

/**
 * The k-way merge of sorted row sources in the target schema (see {@link SegmentMerger}). Inputs sit in a heap
 * ordered by their current row's {@link RowKey}, ties broken by input order; each {@link #next()} takes the
 * smallest and, with rollup, folds every following row with an equal key into it. Streams: memory holds one row
 * per input plus the merged dictionaries. Not thread-safe.
 */
final class MergedRowSource implements SortedRowSource {
  private final SegmentSchema schema;
  private final MergeInput[] inputs;
  private final String[][] dictionaries;
  private final byte[] dimTypes;
  private final boolean rollup;
  private final IndexHeap heap;
  private final RowKey current;
  private final MetricRow metrics;
  private boolean closed;

  MergedRowSource(List<? extends SortedRowSource> sources, SegmentSchema target, boolean rollup) {
    this.schema = new SegmentSchema(target.dimensions(), target.metrics(), target.metricTypes(),
        target.queryGranularity(), rollup);
    this.rollup = rollup;
    List<SegmentSchema.Column> dims = target.dimensions();
    this.dimTypes = new byte[dims.size()];
    for (int d = 0; d < dims.size(); d++) {
      dimTypes[d] = RowKey.typeCode(dims.get(d).type());
    }
    this.inputs = new MergeInput[sources.size()];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = new MergeInput(i, sources.get(i), target, dimTypes);
    }
    this.dictionaries = new String[dims.size()][];
    for (int d = 0; d < dims.size(); d++) {
      if (dimTypes[d] != RowKey.STRING) {
        continue;
      }
      String[][] perInput = new String[inputs.length][];
      for (int i = 0; i < inputs.length; i++) {
        perInput[i] = inputs[i].dictionary(d);
      }
      DictionaryMerger.Result merged = DictionaryMerger.merge(perInput);
      dictionaries[d] = merged.dictionary();
      for (int i = 0; i < inputs.length; i++) {
        inputs[i].setIdMap(d, merged.idMaps()[i]);
      }
    }
    this.current = new RowKey(dims.size());
    this.metrics = new MetricRow(schema);
    this.heap = new IndexHeap(inputs.length) {
      @Override
      boolean less(int a, int b) {
        int c = RowKey.compare(inputs[a].key, inputs[b].key, dimTypes);
        return c < 0 || (c == 0 && a < b);
      }
    };
    for (MergeInput in : inputs) {
      if (in.advance()) {
        heap.add(in.index);
      }
    }
  }

  @Override
  public SegmentSchema schema() {
    return schema;
  }

  @Override
  public String[] dictionary(int dim) {
    String[] d = dictionaries[dim];
    if (d == null) {
      throw new IllegalArgumentException("dimension " + dim + " is not a string dimension");
    }
    return d;
  }

  @Override
  public boolean next() {
    if (heap.size() == 0) {
      return false;
    }
    MergeInput top = inputs[heap.top()];
    current.copyFrom(top.key);
    metrics.load(top);
    step(top);
    if (rollup) {
      while (heap.size() > 0) {
        MergeInput next = inputs[heap.top()];
        if (RowKey.compare(next.key, current, dimTypes) != 0) {
          break;
        }
        metrics.combine(next);
        step(next);
      }
    }
    return true;
  }

  private void step(MergeInput in) {
    if (in.advance()) {
      heap.updateTop();
    } else {
      heap.pop();
    }
  }

  @Override
  public long time() {
    return current.time;
  }

  @Override
  public int stringId(int dim) {
    return current.ids[dim];
  }

  @Override
  public boolean isNull(int dim) {
    return current.nulls[dim];
  }

  @Override
  public long longValue(int dim) {
    return switch (dimTypes[dim]) {
      case RowKey.LONG -> current.bits[dim];
      case RowKey.FLOAT -> (long) Float.intBitsToFloat((int) current.bits[dim]);
      default -> (long) Double.longBitsToDouble(current.bits[dim]);
    };
  }

  @Override
  public float floatValue(int dim) {
    return dimTypes[dim] == RowKey.FLOAT ? Float.intBitsToFloat((int) current.bits[dim]) : (float) doubleValue(dim);
  }

  @Override
  public double doubleValue(int dim) {
    return switch (dimTypes[dim]) {
      case RowKey.LONG -> current.bits[dim];
      case RowKey.FLOAT -> Float.intBitsToFloat((int) current.bits[dim]);
      default -> Double.longBitsToDouble(current.bits[dim]);
    };
  }

  @Override
  public boolean metricIsNull(int metric) {
    return metrics.nulls[metric];
  }

  @Override
  public long metricLong(int metric) {
    return metrics.asLong(metric);
  }

  @Override
  public float metricFloat(int metric) {
    return metrics.asFloat(metric);
  }

  @Override
  public double metricDouble(int metric) {
    return metrics.asDouble(metric);
  }

  @Override
  public Object metricObject(int metric) {
    return metrics.object(metric);
  }

  /** Closes every input. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    RuntimeException first = null;
    for (MergeInput in : inputs) {
      try {
        in.source.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
