package io.strata.query.scan;

import io.strata.api.data.ColumnType;
import io.strata.api.data.CursorBuildSpec;
import io.strata.api.data.CursorHolder;
import io.strata.api.data.RowSignature;
import io.strata.api.data.Segment;
import io.strata.api.error.InvalidInputException;
import io.strata.api.exec.Filter;
import io.strata.api.query.Query;
import io.strata.api.time.Interval;
import io.strata.processing.filter.Filters;
import io.strata.query.exec.QueryDeadline;
import io.strata.query.exec.SegmentTasks;
import io.strata.query.exec.TimeRanges;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Runs {@code scan} queries: raw rows, in result blocks of {@code batchSize} rows. Blocks follow Druid 33:
 * <ul>
 *   <li>{@code order: none}: segments in time order, blocks per segment carrying the segment's id; with a limit
 *       the segments are read one after another and reading stops as soon as {@code offset + limit} rows exist;</li>
 *   <li>ordered by {@code __time} with a limit: the best {@code offset + limit} rows of all segments, in blocks of
 *       {@code batchSize} whose {@code segmentId} is null; segments are read in waves of time-overlapping ones and
 *       later waves are skipped once the earlier ones hold enough rows;</li>
 *   <li>ordered without a limit: one row per block, each with its segment's id.</li>
 * </ul>
 * The offset then drops rows from the front of the blocks (dropping blocks left empty). Descending order is the
 * exact reverse of ascending order, ties included. A limit of 0 means no limit, as in Druid.
 */
public final class ScanEngine {
  private final SegmentTasks tasks;
  private final long maxHeldValues;

  /** @param executor runs the per-segment work in parallel */
  public ScanEngine(ExecutorService executor) {
    this(executor, ScanReader.Budget.heapValues());
  }

  /**
   * @param executor      runs the per-segment work in parallel
   * @param maxHeldValues how many values (rows times columns) one scan may hold before it is refused
   */
  public ScanEngine(ExecutorService executor, long maxHeldValues) {
    this.tasks = new SegmentTasks(executor);
    this.maxHeldValues = maxHeldValues;
  }

  /** Runs the query over the segments (those of the datasource overlapping its intervals). */
  public List<Map<String, Object>> run(Query.Scan query, List<? extends Segment> segments) {
    return run(query, segments, QueryDeadline.of(query));
  }

  /** Runs the query, failing with a timeout once {@code deadline} passes. */
  public List<Map<String, Object>> run(Query.Scan query, List<? extends Segment> segments, QueryDeadline deadline) {
    List<Interval> intervals = TimeRanges.condense(query.intervals());
    Filter filter = Filters.create(query.filter());
    boolean ordered = !query.order().equals("none");
    if (ordered && !query.columns().isEmpty() && !query.columns().contains("__time")) {
      throw new InvalidInputException("columns", "scan with order [" + query.order()
          + "] needs the __time column among its columns " + query.columns());
    }
    List<Segment> sorted = new ArrayList<>(segments);
    sorted.sort(Comparator.comparing(Segment::id));
    long offset = query.offset() == null ? 0 : query.offset();
    boolean limited = query.limit() != null && query.limit() > 0; // Druid: 0 means no limit
    long limit = limited ? query.limit() : Long.MAX_VALUE;
    long wanted = limit == Long.MAX_VALUE ? Long.MAX_VALUE : Math.min(Long.MAX_VALUE - offset, limit) + offset;
    List<ScanBlock> blocks;
    ScanReader.Budget budget = new ScanReader.Budget(maxHeldValues);
    if (!ordered) {
      blocks = unordered(query, sorted, intervals, filter, deadline, wanted, budget);
    } else {
      blocks = orderedBlocks(query, sorted, intervals, filter, deadline, wanted, limited, budget);
    }
    return ScanBlock.render(ScanBlock.trim(blocks, offset, limit), query.resultFormat().equals("compactedList"));
  }

  private List<ScanBlock> unordered(Query.Scan query, List<Segment> segments, List<Interval> intervals, Filter filter,
                                    QueryDeadline deadline, long wanted, ScanReader.Budget budget) {
    if (wanted == Long.MAX_VALUE) {
      List<List<ScanBlock>> perSegment = tasks.map(segments, deadline,
          s -> readSegment(query, s, intervals, filter, deadline, Long.MAX_VALUE, budget));
      List<ScanBlock> out = new ArrayList<>();
      perSegment.forEach(out::addAll);
      return out;
    }
    List<ScanBlock> out = new ArrayList<>();
    long remaining = wanted;
    for (Segment s : segments) {
      if (remaining <= 0) {
        break;
      }
      deadline.check();
      for (ScanBlock b : readSegment(query, s, intervals, filter, deadline, remaining, budget)) {
        out.add(b);
        remaining -= b.rows().size();
      }
    }
    return out;
  }

  private static List<ScanBlock> readSegment(Query.Scan query, Segment segment, List<Interval> intervals,
                                             Filter filter, QueryDeadline deadline, long maxRows,
                                             ScanReader.Budget budget) {
    List<String> columns = columnsOf(query, List.of(segment));
    Batcher batcher = new Batcher(segment.id().toString(), columns, signatureOf(columns, List.of(segment)),
        query.batchSize(), maxRows);
    ScanReader reader = new ScanReader(columns, deadline, budget);
    for (Interval interval : TimeRanges.withinSegment(intervals, segment)) {
      if (batcher.full()) {
        break;
      }
      CursorBuildSpec spec = new CursorBuildSpec(interval, filter, false, CursorBuildSpec.DEFAULT_VECTOR_SIZE);
      try (CursorHolder holder = segment.cursorFactory().makeCursorHolder(spec)) {
        reader.read(holder, batcher::add);
      }
    }
    return batcher.finish();
  }

  /** Cuts one segment's rows into blocks of {@code batchSize}, up to {@code maxRows} rows. */
  private static final class Batcher {
    private final String segmentId;
    private final List<String> columns;
    private final List<Map<String, Object>> signature;
    private final int batchSize;
    private final long maxRows;
    private final List<ScanBlock> blocks = new ArrayList<>();
    private List<Object[]> current = new ArrayList<>();
    private long count;

    Batcher(String segmentId, List<String> columns, List<Map<String, Object>> signature, int batchSize,
            long maxRows) {
      this.segmentId = segmentId;
      this.columns = columns;
      this.signature = signature;
      this.batchSize = batchSize;
      this.maxRows = maxRows;
    }

    boolean full() {
      return count >= maxRows;
    }

    /** Takes a row; false once {@code maxRows} rows are held. */
    boolean add(Object[] row) {
      current.add(row);
      if (current.size() == batchSize) {
        blocks.add(new ScanBlock(segmentId, columns, signature, current));
        current = new ArrayList<>();
      }
      return ++count < maxRows;
    }

    List<ScanBlock> finish() {
      if (!current.isEmpty()) {
        blocks.add(new ScanBlock(segmentId, columns, signature, current));
        current = new ArrayList<>();
      }
      return blocks;
    }
  }

  /** A row tagged with where it came from, for time ordering across segments. */
  private record Tagged(long time, int segment, long sequence, Object[] row) {
  }

  private List<ScanBlock> orderedBlocks(Query.Scan query, List<Segment> segments, List<Interval> intervals,
                                        Filter filter, QueryDeadline deadline, long wanted, boolean limited,
                                        ScanReader.Budget budget) {
    boolean descending = query.order().equals("descending");
    List<String> columns = columnsOf(query, segments);
    int timeIndex = columns.indexOf("__time");
    java.util.function.Function<Integer, List<Tagged>> readSegment = i -> {
      Segment s = segments.get(i);
      List<Interval> within = new ArrayList<>(TimeRanges.withinSegment(intervals, s));
      if (descending) {
        Collections.reverse(within);
      }
      List<Tagged> rows = new ArrayList<>();
      ScanReader reader = new ScanReader(columns, deadline, budget);
      for (Interval interval : within) {
        if (rows.size() >= wanted) {
          break;
        }
        CursorBuildSpec spec = new CursorBuildSpec(interval, filter, descending, CursorBuildSpec.DEFAULT_VECTOR_SIZE);
        try (CursorHolder holder = s.cursorFactory().makeCursorHolder(spec)) {
          reader.read(holder, row -> {
            rows.add(new Tagged((Long) row[timeIndex], i, rows.size(), row));
            return rows.size() < wanted;
          });
        }
      }
      return rows;
    };
    // With a limit, segments are read in waves of time-overlapping ones, earliest first (latest first descending):
    // every row of a later wave is strictly later than every row of the earlier ones, so once the waves read hold
    // offset + limit rows the rest cannot make the cut. Many live spills of one time chunk then cost one wave.
    List<List<Tagged>> perSegment = new ArrayList<>();
    long collected = 0;
    for (List<Integer> wave : waves(segments, descending, limited)) {
      if (collected >= wanted) {
        break;
      }
      for (List<Tagged> rows : tasks.map(wave, deadline, readSegment::apply)) {
        perSegment.add(rows);
        collected += rows.size();
      }
    }
    Comparator<Tagged> bySegment = Comparator.comparingInt(Tagged::segment);
    Comparator<Tagged> order = descending
        ? Comparator.comparingLong(Tagged::time).reversed().thenComparing(bySegment.reversed())
        : Comparator.comparingLong(Tagged::time).thenComparing(bySegment);
    order = order.thenComparingLong(Tagged::sequence);
    List<Tagged> all = new ArrayList<>();
    perSegment.forEach(all::addAll);
    all.sort(order);
    deadline.check();
    List<Map<String, Object>> signature = signatureOf(columns, segments);
    List<ScanBlock> out = new ArrayList<>();
    if (!limited) {
      for (Tagged t : all) {
        List<Object[]> one = new ArrayList<>(1);
        one.add(t.row());
        out.add(new ScanBlock(segments.get(t.segment()).id().toString(), columns, signature, one));
      }
      return out;
    }
    int n = (int) Math.min(all.size(), wanted);
    for (int from = 0; from < n; from += query.batchSize()) {
      List<Object[]> rows = new ArrayList<>(Math.min(query.batchSize(), n - from));
      for (int j = from; j < Math.min(n, from + query.batchSize()); j++) {
        rows.add(all.get(j).row());
      }
      out.add(new ScanBlock(null, columns, signature, rows));
    }
    return out;
  }

  /**
   * Segment indexes in groups whose intervals overlap, in time order (reversed when descending); all in one group
   * when the scan has no limit (everything is read anyway).
   */
  private static List<List<Integer>> waves(List<Segment> segments, boolean descending, boolean limited) {
    List<Integer> order = new ArrayList<>(segments.size());
    for (int i = 0; i < segments.size(); i++) {
      order.add(i);
    }
    if (!limited) {
      return List.of(order);
    }
    if (descending) {
      order.sort(Comparator.comparingLong((Integer i) -> segments.get(i).id().interval().end()).reversed());
    } else {
      order.sort(Comparator.comparingLong(i -> segments.get(i).id().interval().start()));
    }
    List<List<Integer>> out = new ArrayList<>();
    List<Integer> wave = new ArrayList<>();
    long edge = 0;
    for (int i : order) {
      Interval iv = segments.get(i).id().interval();
      boolean apart = !wave.isEmpty() && (descending ? iv.end() <= edge : iv.start() >= edge);
      if (apart) {
        out.add(wave);
        wave = new ArrayList<>();
      }
      edge = wave.isEmpty() ? (descending ? iv.start() : iv.end())
          : descending ? Math.min(edge, iv.start()) : Math.max(edge, iv.end());
      wave.add(i);
    }
    if (!wave.isEmpty()) {
      out.add(wave);
    }
    return out;
  }

  /** The query's columns, or else every column of the segments (union, in storage order, {@code __time} first). */
  private static List<String> columnsOf(Query.Scan query, List<? extends Segment> segments) {
    if (!query.columns().isEmpty()) {
      return query.columns();
    }
    LinkedHashSet<String> names = new LinkedHashSet<>();
    for (Segment s : segments) {
      names.addAll(s.cursorFactory().signature().columnNames());
    }
    if (names.remove("__time")) {
      List<String> out = new ArrayList<>(names.size() + 1);
      out.add("__time");
      out.addAll(names);
      return out;
    }
    return new ArrayList<>(names);
  }

  /** Druid's {@code rowSignature}: name and type of each column; a column no segment has gets no type. */
  private static List<Map<String, Object>> signatureOf(List<String> columns, List<? extends Segment> segments) {
    List<Map<String, Object>> out = new ArrayList<>(columns.size());
    for (String c : columns) {
      Map<String, Object> entry = new LinkedHashMap<>(2);
      entry.put("name", c);
      ColumnType type = c.equals("__time") ? ColumnType.LONG : null;
      for (int i = 0; type == null && i < segments.size(); i++) {
        RowSignature sig = segments.get(i).cursorFactory().signature();
        type = sig.type(c);
        if (type == null) {
          // A virtual column is not stored: its type is its output type.
          var caps = segments.get(i).cursorFactory().capabilities(c);
          type = caps == null ? null : caps.type();
        }
      }
      if (type != null) {
        entry.put("type", type.name());
      }
      out.add(entry);
    }
    return out;
  }
}
