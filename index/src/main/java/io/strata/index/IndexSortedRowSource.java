package io.strata.index;

import io.strata.api.data.ColumnarRows;
import io.strata.api.data.SegmentSchema;
import io.strata.api.data.SortedRowSource;

/**
 * The rows of an index in segment order, for a persist: a snapshot of the rows published when it was made,
 * sorted by time and then dimension values in index order (strings by value with null first, numbers ascending
 * with null first). String dimensions get dictionaries of the values those rows use, sorted, and row ids are
 * remapped from the index's insertion-order ids to ranks in them.
 *
 * <p>Metric values are copied from the live aggregators in blocks of {@value #BLOCK} rows as the source advances,
 * so the copy costs little memory. If rows are still being added while the source is read, a rolled-up row's
 * aggregates may include input rows added after the snapshot; persist an index that no longer takes rows to get
 * exact values. Forward only; not thread-safe.
 */
final class IndexSortedRowSource implements SortedRowSource {
  static final int BLOCK = 1024;

  private final IndexView view;
  private final SegmentSchema schema;
  private final int[] slots;
  private final String[][] dictionaries;
  private final int[][] remaps;
  private final NumericValues[] metricBlock;
  private int position = -1;
  private int slot;
  private int blockStart = -BLOCK;

  /** @param slots every row of the view in row order (read only) */
  IndexSortedRowSource(IndexView view, int[] slots, SegmentSchema schema) {
    this.view = view;
    this.schema = schema;
    this.slots = slots;
    this.dictionaries = new String[view.dims.length][];
    this.remaps = new int[view.dims.length][];
    for (int d = 0; d < view.dims.length; d++) {
      if (view.dims[d] instanceof DimensionColumn.StringView s) {
        buildDictionary(d, s);
      }
    }
    this.metricBlock = new NumericValues[view.metrics.size()];
    for (int m = 0; m < metricBlock.length; m++) {
      metricBlock[m] = new NumericValues(view.metrics.type(m), BLOCK);
    }
  }

  /** The values the rows use, in value order (null first), and the remap from index ids to their ranks. */
  private void buildDictionary(int d, DimensionColumn.StringView s) {
    boolean[] used = new boolean[s.cardinality()];
    for (int i = 0; i < view.rowCount; i++) {
      used[s.id(i)] = true;
    }
    int[] sortedIds = s.order().sortedIds();
    int[] remap = new int[s.cardinality()];
    int n = 0;
    for (int id : sortedIds) {
      if (used[id]) {
        n++;
      }
    }
    String[] dictionary = new String[n];
    int k = 0;
    for (int id : sortedIds) {
      if (used[id]) {
        remap[id] = k;
        dictionary[k++] = s.values()[id];
      } else {
        remap[id] = -1;
      }
    }
    dictionaries[d] = dictionary;
    remaps[d] = remap;
  }

  @Override
  public SegmentSchema schema() {
    return schema;
  }

  @Override
  public String[] dictionary(int dim) {
    String[] dictionary = dictionaries[dim];
    if (dictionary == null) {
      throw new IllegalArgumentException("dimension [" + view.dims[dim].name() + "] is "
          + view.dims[dim].type() + ", not a string dimension");
    }
    return dictionary;
  }

  @Override
  public ColumnarRows columnar() {
    if (position != -1) {
      return null;
    }
    position = slots.length;
    return new Columns();
  }

  /** The rows of {@link #slots} a column at a time, with the conversions of the row accessors. */
  private final class Columns implements ColumnarRows {
    @Override
    public int rowCount() {
      return slots.length;
    }

    @Override
    public void times(int from, int to, long[] out) {
      for (int i = from, o = 0; i < to; i++, o++) {
        out[o] = view.time(slots[i]);
      }
    }

    @Override
    public void stringIds(int dim, int from, int to, int[] out) {
      dictionary(dim); // fails with a clear message for a numeric dimension
      DimensionColumn.StringView s = (DimensionColumn.StringView) view.dims[dim];
      int[] remap = remaps[dim];
      for (int i = from, o = 0; i < to; i++, o++) {
        out[o] = remap[s.id(slots[i])];
      }
    }

    @Override
    public void longs(int dim, int from, int to, long[] out, boolean[] nulls) {
      DimensionColumn.NumberView n = number(dim);
      for (int i = from, o = 0; i < to; i++, o++) {
        int slot = slots[i];
        boolean isNull = nulls[o] = n.isNull(slot);
        out[o] = isNull ? 0L : asLong(n, slot);
      }
    }

    @Override
    public void floats(int dim, int from, int to, float[] out, boolean[] nulls) {
      DimensionColumn.NumberView n = number(dim);
      for (int i = from, o = 0; i < to; i++, o++) {
        int slot = slots[i];
        boolean isNull = nulls[o] = n.isNull(slot);
        out[o] = isNull ? 0f : asFloat(n, slot);
      }
    }

    @Override
    public void doubles(int dim, int from, int to, double[] out, boolean[] nulls) {
      DimensionColumn.NumberView n = number(dim);
      for (int i = from, o = 0; i < to; i++, o++) {
        int slot = slots[i];
        boolean isNull = nulls[o] = n.isNull(slot);
        out[o] = isNull ? 0d : asDouble(n, slot);
      }
    }

    @Override
    public void metricLongs(int metric, int from, int to, long[] out, boolean[] nulls) {
      view.metrics.copyLongs(metric, slots, from, to, out, nulls);
    }

    @Override
    public void metricFloats(int metric, int from, int to, float[] out, boolean[] nulls) {
      view.metrics.copyFloats(metric, slots, from, to, out, nulls);
    }

    @Override
    public void metricDoubles(int metric, int from, int to, double[] out, boolean[] nulls) {
      view.metrics.copyDoubles(metric, slots, from, to, out, nulls);
    }
  }

  @Override
  public boolean next() {
    if (position + 1 >= slots.length) {
      position = slots.length;
      return false;
    }
    position++;
    slot = slots[position];
    if (position >= blockStart + BLOCK) {
      blockStart = position;
      view.metrics.copyAll(slots, blockStart, Math.min(slots.length, blockStart + BLOCK), metricBlock);
    }
    return true;
  }

  @Override
  public long time() {
    return view.time(slot);
  }

  @Override
  public int stringId(int dim) {
    return remaps[dim][((DimensionColumn.StringView) view.dims[dim]).id(slot)];
  }

  @Override
  public boolean isNull(int dim) {
    if (view.dims[dim] instanceof DimensionColumn.NumberView n) {
      return n.isNull(slot);
    }
    return ((DimensionColumn.StringView) view.dims[dim]).id(slot) == StringDictionary.NULL_ID;
  }

  @Override
  public long longValue(int dim) {
    return asLong(number(dim), slot);
  }

  @Override
  public float floatValue(int dim) {
    return asFloat(number(dim), slot);
  }

  @Override
  public double doubleValue(int dim) {
    return asDouble(number(dim), slot);
  }

  /** The value of a numeric dimension at {@code slot}, converted to long as a cast converts. */
  private static long asLong(DimensionColumn.NumberView n, int slot) {
    long bits = n.bits(slot);
    return switch (n.type()) {
      case LONG -> bits;
      case FLOAT -> (long) Float.intBitsToFloat((int) bits);
      default -> (long) Double.longBitsToDouble(bits);
    };
  }

  private static float asFloat(DimensionColumn.NumberView n, int slot) {
    long bits = n.bits(slot);
    return switch (n.type()) {
      case LONG -> bits;
      case FLOAT -> Float.intBitsToFloat((int) bits);
      default -> (float) Double.longBitsToDouble(bits);
    };
  }

  private static double asDouble(DimensionColumn.NumberView n, int slot) {
    long bits = n.bits(slot);
    return switch (n.type()) {
      case LONG -> bits;
      case FLOAT -> Float.intBitsToFloat((int) bits);
      default -> Double.longBitsToDouble(bits);
    };
  }

  private DimensionColumn.NumberView number(int dim) {
    if (view.dims[dim] instanceof DimensionColumn.NumberView n) {
      return n;
    }
    throw new IllegalArgumentException("dimension [" + view.dims[dim].name() + "] is a string dimension");
  }

  @Override
  public boolean metricIsNull(int metric) {
    return metricBlock[metric].isNull(position - blockStart);
  }

  @Override
  public long metricLong(int metric) {
    return metricBlock[metric].getLong(position - blockStart);
  }

  @Override
  public float metricFloat(int metric) {
    return metricBlock[metric].getFloat(position - blockStart);
  }

  @Override
  public double metricDouble(int metric) {
    return metricBlock[metric].getDouble(position - blockStart);
  }

  @Override
  public Object metricObject(int metric) {
    return metricBlock[metric].getObject(position - blockStart);
  }

  @Override
  public void close() {
    position = slots.length;
  }
}
