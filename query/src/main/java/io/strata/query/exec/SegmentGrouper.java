package io.strata.query.exec;

import io.strata.api.data.ColumnCapabilities;
import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.ColumnType;
import io.strata.api.data.Cursor;
import io.strata.api.data.CursorBuildSpec;
import io.strata.api.data.CursorFactory;
import io.strata.api.data.CursorHolder;
import io.strata.api.data.DimensionSelector;
import io.strata.api.data.Segment;
import io.strata.api.data.SingleValueDimensionVectorSelector;
import io.strata.api.data.VectorColumnSelectorFactory;
import io.strata.api.data.VectorCursor;
import io.strata.api.exec.Filter;
import io.strata.api.exec.GroupedAggregator;
import io.strata.api.exec.GroupedVectorAggregator;
import io.strata.api.time.Granularity;
import io.strata.api.time.Interval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-segment half of timeseries, topN and groupBy: aggregates the rows of one segment into groups keyed by
 * time bucket and dimension values.
 *
 * <p>Keys are built from dictionary ids: when every dimension's dictionary size is known, ids and the bucket
 * ordinal are packed into one long (mixed radix), looked up in an array when the key space is small and in a
 * primitive hash table otherwise. Dimensions without a usable dictionary get ids from a local dictionary. Batches
 * of a vector cursor are used when the cursor, every dimension and every aggregator support them; the row path
 * gives the same groups. On the vector path the built-in aggregators fold straight into primitive columns, and
 * keys are computed a column at a time per batch.
 *
 * <p>The result ({@link SegmentGroups}) is columnar and already hashed and partitioned for {@link GroupMerger},
 * so that work happens in the segment's own task, in parallel. Thread-safe: each {@link #run} call has its own
 * state.
 */
public final class SegmentGrouper {
  /** The bucket of every group when the granularity is {@code all}. */
  public static final long ALL_BUCKET = Long.MIN_VALUE;

  private static final int DIRECT_LIMIT = 1 << 20;
  private static final long LOCAL_DICTIONARY_RADIX = 1L << 31;
  private static final long MAX_PACKED = 1L << 62;

  private final Granularity granularity;
  private final String[] dimensions;
  private final AggregatorSet aggregators;
  private final Filter filter;
  private final QueryDeadline deadline;

  /**
   * @param dimensions the columns to group on (none for timeseries)
   * @param filter     the query filter, or null
   */
  public SegmentGrouper(Granularity granularity, List<String> dimensions, AggregatorSet aggregators, Filter filter,
                        QueryDeadline deadline) {
    this.granularity = granularity;
    this.dimensions = dimensions.toArray(new String[0]);
    this.aggregators = aggregators;
    this.filter = filter;
    this.deadline = deadline;
  }

  /**
   * What one segment contributed.
   *
   * @param ranges the clipped time ranges read (buckets inside them exist even when empty)
   * @param groups the groups with at least one row, one batch per range read
   */
  public record Partial(List<Interval> ranges, List<SegmentGroups> groups) {
  }

  /** Aggregates the rows of {@code segment} inside the (condensed) query intervals. */
  public Partial run(Segment segment, List<Interval> queryIntervals) {
    CursorFactory data = segment.cursorFactory();
    List<Interval> ranges = new ArrayList<>(1);
    List<SegmentGroups> groups = new ArrayList<>(1);
    for (Interval cursorInterval : TimeRanges.withinSegment(queryIntervals, segment)) {
      Interval clipped = TimeRanges.clipToData(cursorInterval, granularity, data);
      if (clipped == null) {
        continue;
      }
      ranges.add(clipped);
      BucketIndex buckets = BucketIndex.of(granularity, clipped);
      int directLimit = (int) Math.min(DIRECT_LIMIT, Math.max(1 << 12, 4L * data.numRows()));
      // Rows are grouped by hash, so their order matters only to aggregators whose result depends on it.
      CursorBuildSpec spec = new CursorBuildSpec(clipped, filter, false, CursorBuildSpec.DEFAULT_VECTOR_SIZE,
          aggregators.orderInsensitive());
      try (CursorHolder holder = data.makeCursorHolder(spec)) {
        int rows = data.numRows();
        if (!(holder.canVectorize() && runVector(holder.asVectorCursor(), buckets, directLimit, rows, groups))) {
          runRows(holder.asCursor(), buckets, directLimit, rows, groups);
        }
      }
    }
    return new Partial(ranges, groups);
  }

  private void runRows(Cursor cursor, BucketIndex buckets, int directLimit, int rowsHint,
                       List<SegmentGroups> out) {
    ColumnSelectorFactory columns = cursor.selectorFactory();
    RowDimension[] dims = new RowDimension[dimensions.length];
    long[] radix = new long[dimensions.length];
    for (int i = 0; i < dims.length; i++) {
      DimensionSelector sel = columns.makeDimensionSelector(dimensions[i]);
      int card = sel.getValueCardinality();
      if (sel.nameLookupPossibleInAdvance() && card > 0) {
        dims[i] = new DictionaryDimension(sel);
        radix[i] = card;
      } else {
        dims[i] = new LocalDimension(sel);
        radix[i] = LOCAL_DICTIONARY_RADIX;
      }
    }
    var time = buckets.single() ? null : columns.makeColumnValueSelector("__time");
    GroupedAggregator[] aggs = aggregators.factorize(columns);
    Keys keys = new Keys(buckets.numBuckets(), radix, directLimit, rowsHint);
    int capacity = 0;
    int[] ids = new int[dims.length];
    long rows = 0;
    boolean constantKey = dims.length == 0 && time == null;
    while (!cursor.isDone()) {
      int slot;
      if (constantKey) {
        slot = keys.slotOf(0, ids);
      } else {
        long bucket = time == null ? 0 : buckets.ordinal(time.getLong());
        for (int i = 0; i < dims.length; i++) {
          ids[i] = dims[i].id();
        }
        slot = keys.slotOf(bucket, ids);
      }
      if (slot >= capacity) {
        capacity = Math.max(slot + 1, capacity * 2);
        for (GroupedAggregator a : aggs) {
          a.ensureCapacity(capacity);
        }
      }
      for (GroupedAggregator a : aggs) {
        a.aggregate(slot);
      }
      cursor.advance();
      if ((++rows & 0x3FF) == 0) {
        deadline.check();
      }
    }
    AggregateColumns state = aggregators.newColumns(keys.size());
    state.copyFrom(aggs, keys.size());
    emit(keys, buckets, dims, state, out);
  }

  private boolean runVector(VectorCursor cursor, BucketIndex buckets, int directLimit, int rowsHint,
                            List<SegmentGroups> out) {
    if (cursor == null) {
      return false;
    }
    VectorColumnSelectorFactory columns = cursor.selectorFactory();
    SingleValueDimensionVectorSelector[] dimSelectors = new SingleValueDimensionVectorSelector[dimensions.length];
    long[] radix = new long[dimensions.length];
    for (int i = 0; i < dimensions.length; i++) {
      ColumnCapabilities caps = columns.capabilities(dimensions[i]);
      if (caps != null && (caps.type() != ColumnType.STRING || caps.hasMultipleValues())) {
        return false;
      }
      SingleValueDimensionVectorSelector sel = columns.makeSingleValueDimensionSelector(dimensions[i]);
      if (sel == null || !sel.nameLookupPossibleInAdvance() || sel.getValueCardinality() <= 0) {
        return false;
      }
      dimSelectors[i] = sel;
      radix[i] = sel.getValueCardinality();
    }
    Keys keys = new Keys(buckets.numBuckets(), radix, directLimit, rowsHint);
    // Sized for the groups expected, so that the columns rarely grow (each growth copies them).
    AggregateColumns state = aggregators.newColumns(keys.expected);
    GroupedVectorAggregator[] aggs = aggregators.factorizeVector(columns, state);
    if (aggs == null) {
      return false;
    }
    var time = buckets.single() ? null : columns.makeValueSelector("__time");
    int maxSize = cursor.getMaxVectorSize();
    int[] slots = new int[maxSize];
    long[] batchKeys = new long[maxSize];
    int[] ids = new int[dimensions.length];
    int capacity = keys.expected;
    for (GroupedVectorAggregator a : aggs) {
      a.ensureCapacity(capacity);
    }
    boolean constantKey = dimSelectors.length == 0 && time == null;
    while (!cursor.isDone()) {
      int size = cursor.getCurrentVectorSize();
      if (size == 0) {
        cursor.advance();
        continue;
      }
      int maxSlot;
      boolean uniform;
      if (constantKey) {
        slots[0] = keys.slotOf(0, ids);
        maxSlot = slots[0];
        uniform = true;
      } else {
        long[] times = time == null ? null : time.getLongVector();
        long firstBucket = times == null ? -1 : buckets.ordinal(times[0]);
        if (dimSelectors.length == 0 && firstBucket == buckets.ordinal(times[size - 1])) {
          // Rows come in time order: a batch whose first and last rows share a bucket is all in that bucket.
          slots[0] = keys.slotOf(firstBucket, ids);
          maxSlot = slots[0];
          uniform = true;
        } else {
          maxSlot = keys.packed() ? packedSlots(keys, buckets, times, dimSelectors, size, batchKeys, slots)
              : objectSlots(keys, buckets, times, dimSelectors, size, ids, slots);
          uniform = isUniform(slots, size);
        }
      }
      if (maxSlot >= capacity) {
        capacity = Math.max(maxSlot + 1, capacity * 2);
        for (GroupedVectorAggregator a : aggs) {
          a.ensureCapacity(capacity);
        }
      }
      for (GroupedVectorAggregator a : aggs) {
        if (uniform) {
          a.aggregate(slots[0], size);
        } else {
          a.aggregate(slots, size);
        }
      }
      cursor.advance();
      deadline.check();
    }
    Names[] names = new Names[dimSelectors.length];
    for (int i = 0; i < names.length; i++) {
      names[i] = dimSelectors[i]::lookupName;
    }
    state.copyBoxedFrom(aggs, keys.size());
    emit(keys, buckets, names, state, out);
    return true;
  }

  /**
   * Slots of one batch with packed keys, computed column by column (bucket, then each dimension's ids) so each
   * loop is a plain array pass.
   *
   * @return the largest slot
   */
  private static int packedSlots(Keys keys, BucketIndex buckets, long[] times,
                                 SingleValueDimensionVectorSelector[] dims, int size, long[] batchKeys, int[] slots) {
    if (times == null && dims.length == 1) {
      return keys.table.slotsOfIds(dims[0].getRowVector(), size, slots); // the key is the id
    }
    long first = times == null ? 0 : buckets.ordinal(times[0]);
    if (times == null || first == buckets.ordinal(times[size - 1])) {
      Arrays.fill(batchKeys, 0, size, first); // rows are in time order: the whole batch is in one bucket
    } else {
      for (int r = 0; r < size; r++) {
        batchKeys[r] = buckets.ordinal(times[r]);
      }
    }
    for (int d = 0; d < dims.length; d++) {
      int[] idv = dims[d].getRowVector();
      long radix = keys.radix[d];
      for (int r = 0; r < size; r++) {
        batchKeys[r] = batchKeys[r] * radix + idv[r];
      }
    }
    return keys.table.slotsOf(batchKeys, size, slots);
  }

  private static int objectSlots(Keys keys, BucketIndex buckets, long[] times,
                                 SingleValueDimensionVectorSelector[] dims, int size, int[] ids, int[] slots) {
    int[][] idVectors = new int[dims.length][];
    for (int d = 0; d < dims.length; d++) {
      idVectors[d] = dims[d].getRowVector();
    }
    int max = 0;
    for (int r = 0; r < size; r++) {
      long bucket = times == null ? 0 : buckets.ordinal(times[r]);
      for (int d = 0; d < ids.length; d++) {
        ids[d] = idVectors[d][r];
      }
      int slot = keys.slotOf(bucket, ids);
      slots[r] = slot;
      max = Math.max(max, slot);
    }
    return max;
  }

  private static boolean isUniform(int[] slots, int size) {
    int first = slots[0];
    for (int r = 1; r < size; r++) {
      if (slots[r] != first) {
        return false;
      }
    }
    return true;
  }

  private void emit(Keys keys, BucketIndex buckets, Names[] dims, AggregateColumns columns,
                    List<SegmentGroups> out) {
    int n = keys.size();
    if (n == 0) {
      return;
    }
    boolean all = granularity.isAll();
    long[] starts = all ? null : new long[n];
    String[][] values = new String[dims.length][n];
    int[] hashes = new int[n];
    int[] ids = new int[dims.length];
    // Visit groups in key order when that is cheap: the first dimension's ids then ascend, and a column's
    // dictionary values (and the strings cached for them) are read in storage order rather than at random.
    int[] order = keys.packed() ? keys.table.slotsByKey() : null;
    for (int i = 0; i < n; i++) {
      int slot = order == null ? i : order[i];
      long bucket = keys.decode(slot, ids);
      long start = all ? ALL_BUCKET : buckets.start(bucket);
      int h = KeyHashing.start(start);
      for (int d = 0; d < dims.length; d++) {
        String v = dims[d].name(ids[d]);
        values[d][slot] = v;
        h = KeyHashing.mix(h, v);
      }
      hashes[slot] = KeyHashing.finish(h);
      if (starts != null) {
        starts[slot] = start;
      }
    }
    out.add(new SegmentGroups(n, starts, values, hashes, columns));
  }

  /** Turns a dimension's ids back into values. */
  private interface Names {
    String name(int id);
  }

  /** Where the row path gets a dimension's ids from. */
  private interface RowDimension extends Names {
    int id();
  }

  private static final class DictionaryDimension implements RowDimension {
    private final DimensionSelector selector;

    DictionaryDimension(DimensionSelector selector) {
      this.selector = selector;
    }

    @Override
    public int id() {
      return selector.getValueId();
    }

    @Override
    public String name(int id) {
      return selector.lookupName(id);
    }
  }

  /** Numbers values in order of appearance, for selectors whose ids cannot be used as keys. */
  private static final class LocalDimension implements RowDimension {
    private final DimensionSelector selector;
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> values = new ArrayList<>();

    LocalDimension(DimensionSelector selector) {
      this.selector = selector;
    }

    @Override
    public int id() {
      String v = selector.getValue();
      Integer id = ids.get(v);
      if (id == null) {
        id = values.size();
        ids.put(v, id);
        values.add(v);
      }
      return id;
    }

    @Override
    public String name(int id) {
      return values.get(id);
    }
  }

  /**
   * Slot numbers for (bucket ordinal, dimension ids) keys: packed into a long when the radices allow, else held
   * as int arrays.
   */
  private static final class Keys {
    final long[] radix;
    private final boolean singleBucket;
    final LongSlotTable table;
    private final Map<ObjectKey, Integer> objectTable;
    private final List<ObjectKey> objectBySlot;

    /** The groups to make room for at first: the key space, capped by the rows and a fixed bound. */
    final int expected;

    /**
     * @param rowsHint the rows the cursor may read
     */
    Keys(long numBuckets, long[] radix, int directLimit, int rowsHint) {
      this.radix = radix;
      this.singleBucket = numBuckets == 1;
      long space = numBuckets;
      for (long r : radix) {
        if (space < 0) {
          break;
        }
        space = space > MAX_PACKED / r ? -1 : space * r;
      }
      if (space > MAX_PACKED) {
        space = -1;
      }
      expected = (int) Math.max(1, Math.min(space > 0 ? space : Long.MAX_VALUE, Math.min(rowsHint, 1 << 16)));
      if (space > 0) {
        table = new LongSlotTable(space, directLimit, expected);
        objectTable = null;
        objectBySlot = null;
      } else {
        table = null;
        objectTable = new HashMap<>();
        objectBySlot = new ArrayList<>();
      }
    }

    int size() {
      return table != null ? table.size() : objectBySlot.size();
    }

    /** True if keys are packed into longs (then {@link #table} is used). */
    boolean packed() {
      return table != null;
    }

    int slotOf(long bucket, int[] ids) {
      if (table != null) {
        long key = bucket;
        for (int d = 0; d < ids.length; d++) {
          key = key * radix[d] + ids[d];
        }
        return table.slotOf(key);
      }
      ObjectKey k = new ObjectKey(bucket, ids.clone());
      Integer slot = objectTable.get(k);
      if (slot == null) {
        slot = objectBySlot.size();
        objectTable.put(k, slot);
        objectBySlot.add(k);
      }
      return slot;
    }

    /** Writes the slot's dimension ids into {@code ids} and returns its bucket ordinal. */
    long decode(int slot, int[] ids) {
      if (table != null) {
        long key = table.keyOf(slot);
        if (singleBucket && ids.length == 1) {
          ids[0] = (int) key; // the common single-dimension key needs no division
          return 0;
        }
        for (int d = ids.length - 1; d >= 0; d--) {
          ids[d] = (int) (key % radix[d]);
          key /= radix[d];
        }
        return key;
      }
      ObjectKey k = objectBySlot.get(slot);
      System.arraycopy(k.ids, 0, ids, 0, ids.length);
      return k.bucket;
    }
  }

  private record ObjectKey(long bucket, int[] ids) {
    @Override
    public boolean equals(Object o) {
      return o instanceof ObjectKey k && k.bucket == bucket && Arrays.equals(ids, k.ids);
    }

    @Override
    public int hashCode() {
      return KeyHashing.hash(bucket, ids);
    }
  }
}
