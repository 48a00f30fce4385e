package io.strata.index;

import io.strata.api.data.ColumnType;
import io.strata.api.data.ColumnIndexSelector;
import io.strata.api.data.CursorFactory;
import io.strata.api.data.RowSignature;
import io.strata.api.data.Segment;
import io.strata.api.data.SegmentId;
import io.strata.api.data.SegmentSchema;
import io.strata.api.data.SortedRowSource;
import io.strata.api.error.ResourceLimitException;
import io.strata.api.exec.AggregatorFactory;
import io.strata.api.input.InputRow;
import io.strata.api.query.AggregatorSpec;
import io.strata.api.time.Granularity;
import io.strata.processing.aggregation.Aggregators;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The in-memory index of a running ingestion: rows are added one at a time, rolled up, and can be queried
 * through the read seam while more rows arrive; when it is full the task persists it
 * ({@link #toSortedRowSource()}) and starts a new one.
 *
 * <h2>Adding rows</h2>
 * {@link #add} truncates the row's timestamp to the query granularity and encodes its dimension values:
 * <ul>
 *   <li>Explicit dimensions keep their declared type. With a schemaless dimensionsSpec (or
 *   {@code includeAllDimensions}, after the explicit ones) every other input field becomes a string dimension the
 *   first time a row has it, in the order fields first appear, except the dimensionExclusions, the timestampSpec
 *   column, {@code __time}, aggregator inputs and aggregator names; rows added before read it as null.
 *   {@code useSchemaDiscovery} also discovers string dimensions only (no type inference yet).</li>
 *   <li>String dimensions are dictionary-encoded in insertion order. Numbers and booleans take their string form;
 *   {@code ""} stays distinct from null. A list is a multi-value: empty is null, one element is that element, and
 *   several are stored as one value, the list's {@code [a, b]} form (a known limitation: no multi-value
 *   dimensions yet).</li>
 *   <li>Numeric dimensions and metric inputs take Numbers as they are, booleans as 1/0, and parse Strings
 *   ({@code "12"}, {@code " 1,234.5 "}, {@code "+3"}, {@code "1e3"}; blank is null). A value that is no number
 *   is stored as null and reported in {@link AddResult#parseErrors()}, naming the column and the value; the row
 *   is still added.</li>
 * </ul>
 * With rollup, a row whose truncated time and dimension values match a stored row is folded into it (a hash
 * table from the key to the row slot, probed with reused key arrays, so a folded row allocates nothing but its
 * result); without rollup, every input row is a new row. Metrics are aggregated by the metricsSpec's
 * aggregators, one slot per row, reading the input row through an {@link InputRowSelectorFactory}.
 *
 * <h2>Order</h2>
 * Readers see rows sorted by time, then dimension values in index order: strings by {@link String#compareTo}
 * with null first, numbers ascending with null first. {@link #toSortedRowSource()} gives the same order, with
 * string ids remapped to ranks in sorted dictionaries.
 *
 * <h2>Threads</h2>
 * One writer thread calls {@link #add}; any number of threads read at the same time. A row is published (the
 * volatile row count is raised) only after its time, dimensions and first aggregate are written, and every
 * growing structure is replaced through volatile references, so a reader that read the row count can read those
 * rows without locks. Aggregators are shared with the writer under one lock: readers copy metric values, never
 * read them in place, so they never see a half-grown aggregator array. Cursor holders and sorted row sources
 * are snapshots of the rows published when they were made; a holder copies all metrics at once when it first
 * reads one, so its aggregates may include input rows folded into its rows after the holder was made, but are
 * consistent with each other.
 *
 * <h2>Indexes</h2>
 * {@link #indexes()} has no bitmap indexes (it answers null for every column): filters on in-memory rows use value
 * matchers. Maintaining bitmaps on every add would slow ingestion for rows that are few and short-lived.
 *
 * <h2>Memory</h2>
 * {@link #estimatedBytesInMemory()} over-estimates the heap held: allocated row chunks, dictionaries, the rollup
 * table, aggregator slots ({@link io.strata.api.exec.GroupedAggregator#bytesPerSlot()} times the slots
 * allocated), and the row order kept for readers. It is meant for the writer thread; from other threads it may
 * lag.
 *
 * <p>If {@link #add} throws (which bad data never causes: bad values become nulls and parse errors), the index
 * must be discarded.
 */
public final class IncrementalIndex implements Segment {
  /** The primary timestamp column. */
  public static final String TIME_COLUMN = "__time";
  private static final int MAX_ROWS = Integer.MAX_VALUE - 16;

  private final SegmentId id;
  private final IndexSchema schema;
  private final Granularity granularity;
  private final boolean rollup;
  private final DimensionSet dimensions;
  private final MetricsStore metrics;
  private final LongChunks times = new LongChunks();
  private final RollupTable table;
  private final List<String> errors = new ArrayList<>();
  private final IndexCursorFactory cursorFactory = new IndexCursorFactory(this);
  private final NoIndexes indexes = new NoIndexes(this);
  private final SortedRows sortedRows = new SortedRows();
  private volatile int numRows;
  private volatile long minTime = Long.MAX_VALUE;
  private volatile long maxTime = Long.MIN_VALUE;
  private volatile boolean closed;
  /** Raised after every add (a new row or a fold into one): readers' snapshots of an unchanged index are reusable. */
  private volatile long version;

  public IncrementalIndex(SegmentId id, IndexSchema schema) {
    this.id = id;
    this.schema = schema;
    this.granularity = schema.queryGranularity();
    this.rollup = schema.rollup();
    List<AggregatorFactory> factories = new ArrayList<>();
    Set<String> excluded = new HashSet<>(schema.dimensionsSpec().dimensionExclusions());
    excluded.add(schema.timestampColumn());
    excluded.add(TIME_COLUMN);
    for (AggregatorSpec spec : schema.metrics()) {
      AggregatorFactory f = Aggregators.create(spec);
      factories.add(f);
      excluded.addAll(f.requiredColumns());
      excluded.add(f.name());
    }
    this.metrics = new MetricsStore(factories);
    this.dimensions = new DimensionSet(schema.dimensionsSpec().dimensions(), schema.discoversDimensions(), excluded);
    this.table = rollup ? new RollupTable(times, dimensions) : null;
  }

  /**
   * Adds one input row. Writer thread only.
   *
   * @throws IllegalStateException  if the index is closed
   * @throws ResourceLimitException if the index cannot hold another row
   */
  public AddResult add(InputRow row) {
    if (closed) {
      throw new IllegalStateException("index " + id + " is closed");
    }
    errors.clear();
    long time = granularity.bucketStart(row.timestamp());
    int n = numRows;
    dimensions.encode(row, n, errors);
    int hash = 0;
    int slot = -1;
    if (rollup) {
      hash = dimensions.hash(time);
      slot = table.find(hash, time);
    }
    if (slot >= 0) {
      metrics.aggregate(row, slot, errors);
      version = version + 1; // one writer: no lost update
      return new AddResult(n, errors.isEmpty() ? List.of() : errors);
    }
    if (n >= MAX_ROWS) {
      throw new ResourceLimitException("in-memory index " + id + " holds " + n
          + " rows, the most it can; lower maxRowsInMemory so it is persisted sooner");
    }
    times.set(n, time);
    dimensions.write(n);
    metrics.aggregate(row, n, errors);
    if (rollup) {
      table.insert(hash, n);
    }
    if (time < minTime) {
      minTime = time;
    }
    if (time > maxTime) {
      maxTime = time;
    }
    numRows = n + 1;
    version = version + 1; // one writer: no lost update
    return new AddResult(n + 1, errors.isEmpty() ? List.of() : errors);
  }

  /** Rows in the index (after rollup). Any thread. */
  public int numRows() {
    return numRows;
  }

  /** An over-estimate of the heap bytes the index holds; see the class notes. */
  public long estimatedBytesInMemory() {
    long bytes = 1024 + times.allocatedBytes() + dimensions.estimatedBytes() + metrics.estimatedBytes()
        + sortedRows.estimatedBytes();
    return table == null ? bytes : bytes + table.estimatedBytes();
  }

  public IndexSchema schema() {
    return schema;
  }

  /** The dimension names in index order (explicit first, then discovered ones as they appeared). Any thread. */
  public List<String> dimensionNames() {
    DimensionColumn[] cols = dimensions.columns();
    List<String> names = new ArrayList<>(cols.length);
    for (DimensionColumn c : cols) {
      names.add(c.name);
    }
    return names;
  }

  /**
   * The rows published so far in segment order, for a persist (see {@code IndexSortedRowSource}). Any thread;
   * for exact metric values, stop adding rows before reading it.
   */
  public SortedRowSource toSortedRowSource() {
    IndexView view = view();
    List<SegmentSchema.Column> dims = new ArrayList<>(view.dims.length);
    for (DimensionColumn.DimensionView d : view.dims) {
      dims.add(new SegmentSchema.Column(d.name(), d.type()));
    }
    List<ColumnType> metricTypes = new ArrayList<>(metrics.size());
    for (int m = 0; m < metrics.size(); m++) {
      metricTypes.add(metrics.type(m));
    }
    SegmentSchema segmentSchema = new SegmentSchema(dims, schema.metrics(), metricTypes, granularity, rollup);
    return new IndexSortedRowSource(view, sortedRows.all(view), segmentSchema);
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
    return indexes;
  }

  @Override
  public SegmentInfo info() {
    return new SegmentInfo(schema.metrics(), granularity, rollup);
  }

  @Override
  public long columnSizeBytes(String column) {
    long rows = numRows;
    if (TIME_COLUMN.equals(column)) {
      return rows * Long.BYTES;
    }
    for (DimensionColumn c : dimensions.columns()) {
      if (c.name.equals(column)) {
        return c instanceof DimensionColumn.Strings s
            ? rows * Integer.BYTES + s.dictionary().estimatedBytes()
            : rows * Long.BYTES + rows / 8;
      }
    }
    for (int m = 0; m < metrics.size(); m++) {
      if (metrics.factory(m).name().equals(column)) {
        return rows * metrics.bytesPerSlot(m);
      }
    }
    return 0;
  }

  /** Refuses further adds. Open cursor holders and row sources stay readable; memory goes with the last of them. */
  @Override
  public void close() {
    closed = true;
  }

  /** Columns: {@code __time}, dimensions in order, metrics with their intermediate types. Any thread. */
  RowSignature signature() {
    RowSignature.Builder b = RowSignature.builder().add(TIME_COLUMN, ColumnType.LONG);
    for (DimensionColumn c : dimensions.columns()) {
      b.add(c.name, c.type);
    }
    for (int m = 0; m < metrics.size(); m++) {
      b.add(metrics.factory(m).name(), metrics.type(m));
    }
    return b.build();
  }

  /** Changes with every add; equal values mean no row was added or folded into in between. Any thread. */
  long version() {
    return version;
  }

  /** A frozen view of the published rows. Any thread. */
  IndexView view() {
    int n = numRows;
    return new IndexView(n, times, dimensions.columns(), metrics);
  }

  /** The row order kept for readers. */
  SortedRows sortedRows() {
    return sortedRows;
  }

  long minTime() {
    return minTime;
  }

  long maxTime() {
    return maxTime;
  }
}
