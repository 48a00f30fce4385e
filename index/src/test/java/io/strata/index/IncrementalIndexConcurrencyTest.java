package io.strata.index;

import io.strata.api.data.ColumnValueSelector;
import io.strata.api.data.Cursor;
import io.strata.api.data.CursorHolder;
import io.strata.api.data.DimensionSelector;
import io.strata.api.data.SingleValueDimensionVectorSelector;
import io.strata.api.data.VectorCursor;
import io.strata.api.data.VectorValueSelector;
import io.strata.api.spec.DimensionsSpec;
import io.strata.api.time.Granularity;
import io.strata.api.time.Interval;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static io.strata.index.TestRows.T0;
import static io.strata.index.TestRows.agg;
import static io.strata.index.TestRows.row;
import static io.strata.index.TestRows.spec;
import static org.assertj.core.api.Assertions.assertThat;

class IncrementalIndexConcurrencyTest {
  private static final int ROWS = 200_000;

  /** Counts of one snapshot: rows, and the sum of the count metric. */
  private record Counts(long rows, long events) {
  }

  @Test
  void readersSeeGrowingConsistentSnapshotsWhileOneWriterAdds() throws Exception {
    long seed = Long.getLong("test.seed", System.nanoTime());
    System.out.println("IncrementalIndexConcurrencyTest seed=" + seed);
    // Schemaless, so dimensions are also discovered while readers read.
    IncrementalIndex index = new IncrementalIndex(TestRows.SEGMENT, new IndexSchema(DimensionsSpec.SCHEMALESS,
        List.of(agg("count", "events", null), agg("longSum", "bytes", "bytes")), "timestamp", Granularity.NONE,
        true));
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicReference<Throwable> failure = new AtomicReference<>();

    Thread writer = new Thread(() -> {
      Random random = new Random(seed);
      try {
        for (int i = 0; i < ROWS; i++) {
          String extra = "f" + random.nextInt(40);
          index.add(row(T0 + random.nextInt(50_000), "page", "p" + random.nextInt(500), extra, "x",
              "bytes", 1));
        }
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
      } finally {
        writing.set(false);
      }
    }, "index-writer");

    writer.start();
    Counts last = new Counts(0, 0);
    int reads = 0;
    try {
      boolean more = true;
      while (more) {
        more = writing.get();
        Counts now = count(index, reads++ % 2 == 0);
        assertThat(now.rows()).as("seed %d", seed).isGreaterThanOrEqualTo(last.rows());
        assertThat(now.events()).as("seed %d", seed).isGreaterThanOrEqualTo(last.events())
            .isGreaterThanOrEqualTo(now.rows());
        last = now;
      }
    } finally {
      writer.join();
    }
    assertThat(failure.get()).as("writer failure").isNull();
    Counts end = count(index, false);
    assertThat(end.rows()).isEqualTo(index.numRows());
    assertThat(end.events()).isEqualTo(ROWS);
    assertThat(count(index, true)).isEqualTo(end);
    assertThat(reads).isPositive();
    System.out.println("IncrementalIndexConcurrencyTest snapshots read while writing: " + reads);
  }

  /** Reads every row of a fresh holder, touching a dimension, the time and both metrics. */
  private static Counts count(IncrementalIndex index, boolean vector) {
    try (CursorHolder h = index.cursorFactory().makeCursorHolder(spec(Interval.ETERNITY, null, false, 512))) {
      long rows = 0;
      long events = 0;
      if (vector) {
        VectorCursor c = h.asVectorCursor();
        VectorValueSelector counts = c.selectorFactory().makeValueSelector("events");
        VectorValueSelector times = c.selectorFactory().makeValueSelector("__time");
        SingleValueDimensionVectorSelector pageIds = c.selectorFactory().makeSingleValueDimensionSelector("page");
        for (; !c.isDone(); c.advance()) {
          long[] v = counts.getLongVector();
          long[] t = times.getLongVector();
          int[] pages = pageIds.getRowVector();
          for (int i = 0; i < c.getCurrentVectorSize(); i++) {
            events += v[i];
            check(t[i] >= T0 && pages[i] > 0, "bad time or page id");
          }
          rows += c.getCurrentVectorSize();
        }
        return new Counts(rows, events);
      }
      Cursor c = h.asCursor();
      ColumnValueSelector counts = c.selectorFactory().makeColumnValueSelector("events");
      ColumnValueSelector bytes = c.selectorFactory().makeColumnValueSelector("bytes");
      DimensionSelector page = c.selectorFactory().makeDimensionSelector("page");
      long previousTime = Long.MIN_VALUE;
      ColumnValueSelector time = c.selectorFactory().makeColumnValueSelector("__time");
      for (; !c.isDone(); c.advance()) {
        rows++;
        events += counts.getLong();
        // Metrics of one holder are one snapshot: every event added one byte.
        check(bytes.getLong() == counts.getLong(), "bytes and count disagree");
        check(page.getValue().startsWith("p"), "bad page");
        check(time.getLong() >= previousTime, "rows out of time order");
        previousTime = time.getLong();
      }
      return new Counts(rows, events);
    }
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new AssertionError(what);
    }
  }
}
