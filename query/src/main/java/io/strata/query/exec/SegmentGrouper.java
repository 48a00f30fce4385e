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
 * gives the same groups. Thread-safe: each {@link #run} call has its own state.
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
   * One group of one segment.
   *
   * @param bucket     the bucket start, or {@link #ALL_BUCKET}
   * @param values     the dimension values (null for null)
   * @param aggregates intermediate aggregator values
   */
  public record Group(long bucket, String[] values, Object[] aggregates) {
  }

  /**
   * What one segment contributed.
   *
   * @param ranges the clipped time ranges read (buckets inside them exist even when empty)
   * @param groups groups with at least one row
   */
  public record Partial(List<Interval> ranges, List<Group> groups) {
  }

  /** Aggregates the rows of {@code segment} inside the (condensed) query intervals. */
  public Partial run(Segment segment, List<Interval> queryIntervals) {
    CursorFactory data = segment.cursorFactory();
    List<Interval> ranges = new ArrayList<>(1);
    List<Group> groups = new ArrayList<>();
    for (Interval cursorInterval : TimeRanges.withinSegment(queryIntervals, segment)) {
      Interval clipped = TimeRanges.clipToData(cursorInterval, granularity, data);
      if (clipped == null) {
        continue;
      }
      ranges.add(clipped);
      BucketIndex buckets = BucketIndex.of(granularity, clipped);
      int directLimit = (int) Math.min(DIRECT_LIMIT, Math.max(1 << 12, 4L * data.numRows()));
      CursorBuildSpec spec = new CursorBuildSpec(clipped, filter, false, CursorBuildSpec.DEFAULT_VECTOR_SIZE);
      try (CursorHolder holder = data.makeCursorHolder(spec)) {
        if (!(holder.canVectorize() && runVector(holder.asVectorCursor(), buckets, directLimit, groups))) {
          runRows(holder.asCursor(), buckets, directLimit, groups);
        }
      }
    }
    return new Partial(ranges, groups);
  }

  private void runRows(Cursor cursor, BucketIndex buckets, int directLimit, List<Group> out) {
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
    Keys keys = new Keys(buckets.numBuckets(), radix, directLimit);
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
    emit(keys, buckets, dims, aggs.length, (slot, agg) -> aggs[agg].get(slot), out);
  }

  private boolean runVector(VectorCursor cursor, BucketIndex buckets, int directLimit, List<Group> out) {
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
    GroupedVectorAggregator[] aggs = aggregators.factorizeVector(columns);
    if (aggs == null) {
      return false;
    }
    var time = buckets.single() ? null : columns.makeValueSelector("__time");
    Keys keys = new Keys(buckets.numBuckets(), radix, directLimit);
    int[] slots = new int[cursor.getMaxVectorSize()];
    int[] ids = new int[dimensions.length];
    int[][] idVectors = new int[dimensions.length][];
    int capacity = 0;
    boolean constantKey = dimSelectors.length == 0 && time == null;
    while (!cursor.isDone()) {
      int size = cursor.getCurrentVectorSize();
      int maxSlot = 0;
      boolean uniform = true;
      if (size == 0) {
        cursor.advance();
        continue;
      }
      if (constantKey) {
        slots[0] = keys.slotOf(0, ids);
        maxSlot = slots[0];
      } else {
        long[] times = time == null ? null : time.getLongVector();
        for (int d = 0; d < idVectors.length; d++) {
          idVectors[d] = dimSelectors[d].getRowVector();
        }
        for (int r = 0; r < size; r++) {
          long bucket = times == null ? 0 : buckets.ordinal(times[r]);
          for (int d = 0; d < ids.length; d++) {
            ids[d] = idVectors[d][r];
          }
          int slot = keys.slotOf(bucket, ids);
          slots[r] = slot;
          maxSlot = Math.max(maxSlot, slot);
          uniform &= slot == slots[0];
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
    emit(keys, buckets, names, aggs.length, (slot, agg) -> aggs[agg].get(slot), out);
    return true;
  }

  private interface SlotReader {
    Object get(int slot, int aggregator);
  }

  private void emit(Keys keys, BucketIndex buckets, Names[] dims, int numAggs, SlotReader reader,
                    List<Group> out) {
    int n = keys.size();
    int[] ids = new int[dims.length];
    for (int slot = 0; slot < n; slot++) {
      long bucket = keys.decode(slot, ids);
      String[] values = new String[dims.length];
      for (int d = 0; d < dims.length; d++) {
        values[d] = dims[d].name(ids[d]);
      }
      Object[] aggs = new Object[numAggs];
      for (int a = 0; a < numAggs; a++) {
        aggs[a] = reader.get(slot, a);
      }
      long bucketStart = granularity.isAll() ? ALL_BUCKET : buckets.start(bucket);
      out.add(new Group(bucketStart, values, aggs));
    }
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
    private final long[] radix;
    private final LongSlotTable table;
    private long[] packedBySlot;
    private final Map<ObjectKey, Integer> objectTable;
    private final List<ObjectKey> objectBySlot;

    Keys(long numBuckets, long[] radix, int directLimit) {
      this.radix = radix;
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
      if (space > 0) {
        table = new LongSlotTable(space, directLimit);
        packedBySlot = new long[16];
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

    int slotOf(long bucket, int[] ids) {
      if (table != null) {
        long key = bucket;
        for (int d = 0; d < ids.length; d++) {
          key = key * radix[d] + ids[d];
        }
        int before = table.size();
        int slot = table.slotOf(key);
        if (slot == before) {
          if (slot == packedBySlot.length) {
            packedBySlot = Arrays.copyOf(packedBySlot, slot * 2);
          }
          packedBySlot[slot] = key;
        }
        return slot;
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
        long key = packedBySlot[slot];
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
