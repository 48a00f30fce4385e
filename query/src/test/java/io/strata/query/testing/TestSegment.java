package io.strata.query.testing;

import io.strata.api.data.ColumnCapabilities;
import io.strata.api.data.ColumnIndexSelector;
import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.ColumnType;
import io.strata.api.data.CursorBuildSpec;
import io.strata.api.data.CursorFactory;
import io.strata.api.data.CursorHolder;
import io.strata.api.data.RowSignature;
import io.strata.api.data.Segment;
import io.strata.api.data.SegmentId;
import io.strata.api.data.StringValueIndex;
import io.strata.api.exec.ValueMatcher;
import io.strata.api.query.AggregatorSpec;
import io.strata.api.time.DateTimes;
import io.strata.api.time.Granularity;
import io.strata.api.time.Interval;
import io.strata.processing.ordering.StringComparators;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A small in-memory segment for tests: rows held as maps, sorted by {@code __time} then by the dimensions (string
 * values lexicographically, null first) as a real segment stores them. String columns have sorted dictionaries
 * and bitmap indexes. Cursors evaluate the filter with row matchers; a vector cursor over the same rows is
 * offered when {@link Builder#vectorize} is set.
 */
public final class TestSegment implements Segment {
  final SegmentId id;
  final RowSignature signature;
  final List<Map<String, Object>> rows;
  final long[] times;
  final Map<String, String[]> dictionaries = new HashMap<>();
  final boolean vectorize;
  final boolean opaqueDictionaries;
  final java.util.concurrent.atomic.AtomicLong rowsRead = new java.util.concurrent.atomic.AtomicLong();
  final java.util.concurrent.atomic.AtomicInteger vectorCursors = new java.util.concurrent.atomic.AtomicInteger();
  private final SegmentInfo info;
  private final TestCursorFactory cursorFactory = new TestCursorFactory();

  private TestSegment(Builder b) {
    this.id = new SegmentId(b.dataSource, b.interval, b.version, b.partition);
    this.signature = b.signature.build();
    this.vectorize = b.vectorize;
    this.opaqueDictionaries = b.opaqueDictionaries;
    this.info = new SegmentInfo(b.aggregators, b.queryGranularity, b.rollup);
    List<Map<String, Object>> sorted = new ArrayList<>(b.rows);
    List<String> dims = new ArrayList<>();
    for (String c : signature.columnNames()) {
      if (!c.equals("__time") && !b.metrics.contains(c)) {
        dims.add(c);
      }
    }
    Comparator<Map<String, Object>> order = Comparator.comparingLong(r -> (Long) r.get("__time"));
    for (String d : dims) {
      order = order.thenComparing(r -> r.get(d), TestSegment::compareValues);
    }
    sorted.sort(order);
    this.rows = List.copyOf(sorted);
    this.times = new long[rows.size()];
    for (int i = 0; i < times.length; i++) {
      times[i] = (Long) rows.get(i).get("__time");
    }
    for (String c : signature.columnNames()) {
      if (signature.type(c) == ColumnType.STRING) {
        TreeSet<String> values = new TreeSet<>(StringComparators.LEXICOGRAPHIC);
        boolean nulls = false;
        for (Map<String, Object> r : rows) {
          Object v = r.get(c);
          if (v == null) {
            nulls = true;
          } else {
            values.add(v.toString());
          }
        }
        List<String> dict = new ArrayList<>();
        if (nulls) {
          dict.add(null);
        }
        dict.addAll(values);
        dictionaries.put(c, dict.toArray(new String[0]));
      }
    }
  }

  private static int compareValues(Object a, Object b) {
    if (a == null || b == null) {
      return a == b ? 0 : (a == null ? -1 : 1);
    }
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    return StringComparators.LEXICOGRAPHIC.compare(a.toString(), b.toString());
  }

  /** Rows cursors of this segment have moved past (row cursors) or handed out (vector cursors). */
  public long rowsRead() {
    return rowsRead.get();
  }

  /** Vector cursors made so far. */
  public int vectorCursorsMade() {
    return vectorCursors.get();
  }

  public static Builder builder(String dataSource, String interval) {
    return new Builder(dataSource, Interval.parse(interval));
  }

  @Override
  public SegmentId id() {
    return id;
  }

  @Override
  public CursorFactory cursorFactory() {
    return cursorFactory;
  }

  @Override
  public ColumnIndexSelector indexes() {
    return new ColumnIndexSelector() {
      @Override
      public int numRows() {
        return rows.size();
      }

      @Override
      public StringValueIndex stringIndex(String column) {
        String[] dict = dictionaries.get(column);
        return dict == null ? null : new TestStringIndex(column, dict);
      }

      @Override
      public ColumnCapabilities capabilities(String column) {
        return cursorFactory.capabilities(column);
      }
    };
  }

  @Override
  public SegmentInfo info() {
    return info;
  }

  /** Like Druid's estimate: 8 bytes per number, 10 per timestamp, string lengths for strings. */
  @Override
  public long columnSizeBytes(String column) {
    ColumnType type = column.equals("__time") ? ColumnType.LONG : signature.type(column);
    if (type == null) {
      return 0;
    }
    if (column.equals("__time")) {
      return 10L * rows.size();
    }
    if (type == ColumnType.STRING) {
      long n = 0;
      for (Map<String, Object> r : rows) {
        Object v = r.get(column);
        n += v == null ? 0 : v.toString().length();
      }
      return n;
    }
    return 8L * rows.size();
  }

  @Override
  public void close() {
  }

  @Override
  public String toString() {
    return id.toString();
  }

  private final class TestStringIndex implements StringValueIndex {
    private final String column;
    private final String[] dict;

    TestStringIndex(String column, String[] dict) {
      this.column = column;
      this.dict = dict;
    }

    @Override
    public int cardinality() {
      return dict.length;
    }

    @Override
    public String lookupName(int id) {
      return dict[id];
    }

    @Override
    public int indexOf(String value) {
      return Arrays.binarySearch(dict, value, StringComparators.LEXICOGRAPHIC);
    }

    @Override
    public ImmutableRoaringBitmap bitmap(int id) {
      MutableRoaringBitmap b = new MutableRoaringBitmap();
      for (int i = 0; i < rows.size(); i++) {
        Object v = rows.get(i).get(column);
        if (java.util.Objects.equals(v == null ? null : v.toString(), dict[id])) {
          b.add(i);
        }
      }
      return b.toImmutableRoaringBitmap();
    }
  }

  private final class TestCursorFactory implements CursorFactory {
    @Override
    public RowSignature signature() {
      return signature;
    }

    @Override
    public ColumnCapabilities capabilities(String column) {
      if (column.equals("__time")) {
        return ColumnCapabilities.numeric(column, ColumnType.LONG, false);
      }
      ColumnType type = signature.type(column);
      if (type == null) {
        return null;
      }
      boolean nulls = rows.stream().anyMatch(r -> r.get(column) == null);
      if (type == ColumnType.STRING) {
        return new ColumnCapabilities(column, type, false, true, true, true, nulls);
      }
      return ColumnCapabilities.numeric(column, type, nulls);
    }

    @Override
    public CursorHolder makeCursorHolder(CursorBuildSpec spec) {
      List<Integer> matching = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        if (spec.interval().contains(times[i])) {
          matching.add(i);
        }
      }
      if (spec.filter() != null) {
        TestRowCursor probe = new TestRowCursor(null, TestSegment.this,
            matching.stream().mapToInt(x -> x).toArray());
        ValueMatcher m = spec.filter().makeMatcher(probe.selectorFactory());
        List<Integer> kept = new ArrayList<>();
        for (; !probe.isDone(); probe.advance()) {
          if (m.matches()) {
            kept.add(probe.currentRow());
          }
        }
        matching = kept;
      }
      if (spec.descending()) {
        java.util.Collections.reverse(matching);
      }
      int[] order = matching.stream().mapToInt(x -> x).toArray();
      int vectorSize = spec.vectorSize() > 0 ? spec.vectorSize() : CursorBuildSpec.DEFAULT_VECTOR_SIZE;
      return new CursorHolder() {
        @Override
        public TestRowCursor asCursor() {
          return new TestRowCursor(rowsRead, TestSegment.this, order);
        }

        @Override
        public boolean canVectorize() {
          return vectorize;
        }

        @Override
        public TestVectorCursor asVectorCursor() {
          if (!vectorize) {
            return null;
          }
          vectorCursors.incrementAndGet();
          return new TestVectorCursor(TestSegment.this, order, vectorSize);
        }

        @Override
        public void close() {
        }
      };
    }

    @Override
    public int numRows() {
      return rows.size();
    }

    @Override
    public long minTime() {
      return times.length == 0 ? 0 : times[0];
    }

    @Override
    public long maxTime() {
      return times.length == 0 ? 0 : times[times.length - 1];
    }
  }

  /** Builds a {@link TestSegment}. Columns are declared in storage order, {@code __time} implied first. */
  public static final class Builder {
    private final String dataSource;
    private final Interval interval;
    private String version = "v1";
    private int partition;
    private final RowSignature.Builder signature = RowSignature.builder().add("__time", ColumnType.LONG);
    private final List<String> metrics = new ArrayList<>();
    private final List<Map<String, Object>> rows = new ArrayList<>();
    private List<AggregatorSpec> aggregators;
    private Granularity queryGranularity;
    private Boolean rollup;
    private boolean vectorize;
    private boolean opaqueDictionaries;

    private Builder(String dataSource, Interval interval) {
      this.dataSource = dataSource;
      this.interval = interval;
    }

    public Builder version(String v) {
      this.version = v;
      return this;
    }

    public Builder partition(int p) {
      this.partition = p;
      return this;
    }

    public Builder dimension(String name, ColumnType type) {
      signature.add(name, type);
      return this;
    }

    public Builder metric(String name, ColumnType type) {
      signature.add(name, type);
      metrics.add(name);
      return this;
    }

    /** A row; {@code __time} may be epoch millis or ISO text. */
    public Builder row(Map<String, Object> row) {
      Map<String, Object> r = new HashMap<>(row);
      Object t = r.get("__time");
      r.put("__time", t instanceof Number n ? n.longValue() : DateTimes.parseIso(t.toString()));
      rows.add(r);
      return this;
    }

    /** A row from alternating keys and values after the time. */
    public Builder row(String time, Object... keyValues) {
      Map<String, Object> r = new HashMap<>();
      r.put("__time", time);
      for (int i = 0; i < keyValues.length; i += 2) {
        r.put((String) keyValues[i], keyValues[i + 1]);
      }
      return row(r);
    }

    public Builder info(List<AggregatorSpec> aggregators, Granularity queryGranularity, Boolean rollup) {
      this.aggregators = aggregators;
      this.queryGranularity = queryGranularity;
      this.rollup = rollup;
      return this;
    }

    /** Offer vector cursors. */
    public Builder vectorize(boolean v) {
      this.vectorize = v;
      return this;
    }

    /** String selectors report no usable dictionary (unknown cardinality), like a growing in-memory index. */
    public Builder opaqueDictionaries(boolean v) {
      this.opaqueDictionaries = v;
      return this;
    }

    public TestSegment build() {
      return new TestSegment(this);
    }
  }

  /** The selectors of a test cursor, shared by the row and vector cursors. */
  static ColumnSelectorFactory rowSelectors(TestSegment s, java.util.function.IntSupplier row) {
    return new TestRowSelectors(s, row);
  }
}
