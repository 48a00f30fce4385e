package io.strata.index;

import io.strata.api.data.ColumnType;
import io.strata.api.data.ColumnarRows;
import io.strata.api.data.SegmentSchema;
import io.strata.api.data.SortedRowSource;
import io.strata.api.time.Granularity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.strata.index.TestRows.T0;
import static io.strata.index.TestRows.agg;
import static io.strata.index.TestRows.dims;
import static io.strata.index.TestRows.index;
import static io.strata.index.TestRows.row;
import static io.strata.index.TestRows.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IndexSortedRowSourceTest {

  @Test
  void rowsComeInSegmentOrderWithSortedDictionaries() {
    IncrementalIndex index = index(dims("page", "long:user", "tag"), Granularity.of("hour"), true,
        agg("count", "rows", null), agg("doubleSum", "price", "price"));
    long h1 = T0 - Math.floorMod(T0, 3_600_000);
    long h2 = h1 + 3_600_000;
    index.add(row(h2 + 5, "page", "b", "user", 3, "tag", "x", "price", 1.0));
    index.add(row(h1 + 5, "page", "c", "user", 1, "tag", "x", "price", 2.0));
    index.add(row(h1 + 9, "page", "a", "user", 2, "tag", "x"));
    index.add(row(h1 + 7, "page", null, "user", 5, "tag", "x", "price", 4.0));
    index.add(row(h1 + 1, "page", "a", "user", null, "tag", "x", "price", 8.0));
    index.add(row(h1 + 2, "page", "a", "user", 2, "tag", "x", "price", 16.0));
    index.add(row(h2 + 1, "page", "b", "user", -4, "tag", "x", "price", 32.0));

    try (SortedRowSource source = index.toSortedRowSource()) {
      SegmentSchema schema = source.schema();
      assertThat(schema.dimensions()).containsExactly(new SegmentSchema.Column("page", ColumnType.STRING),
          new SegmentSchema.Column("user", ColumnType.LONG), new SegmentSchema.Column("tag", ColumnType.STRING));
      assertThat(schema.metricTypes()).containsExactly(ColumnType.LONG, ColumnType.DOUBLE);
      assertThat(schema.metrics()).isEqualTo(index.info().aggregators());
      assertThat(schema.queryGranularity()).isEqualTo(Granularity.of("hour"));
      assertThat(schema.rollup()).isTrue();
      assertThat(source.dictionary(0)).containsExactly(null, "a", "b", "c");
      assertThat(source.dictionary(2)).containsExactly("x");
      assertThatThrownBy(() -> source.dictionary(1)).isInstanceOf(IllegalArgumentException.class);

      List<List<Object>> rows = new ArrayList<>();
      while (source.next()) {
        rows.add(values(source.time(), source.dictionary(0)[source.stringId(0)],
            source.isNull(1) ? null : source.longValue(1), source.stringId(2), source.metricLong(0),
            source.metricIsNull(1) ? null : source.metricDouble(1)));
      }
      assertThat(rows).containsExactly(
          values(h1, null, 5L, 0, 1L, 4.0),
          values(h1, "a", null, 0, 1L, 8.0),
          values(h1, "a", 2L, 0, 2L, 16.0),
          values(h1, "c", 1L, 0, 1L, 2.0),
          values(h2, "b", -4L, 0, 1L, 32.0),
          values(h2, "b", 3L, 0, 1L, 1.0));
      assertThat(source.next()).isFalse();
    }
  }

  @Test
  void dictionariesHoldOnlyValuesTheRowsUseAndNullOnlyIfPresent() {
    IncrementalIndex index = index(dims("page", "double:score"), Granularity.NONE, false,
        agg("floatMax", "m", "m"));
    index.add(row(T0, "page", "z", "score", 1.5, "m", 1));
    index.add(row(T0, "page", "y", "score", -0.5));
    index.add(row(T0, "page", "z", "score", null, "m", "2.5"));
    try (SortedRowSource source = index.toSortedRowSource()) {
      assertThat(source.dictionary(0)).containsExactly("y", "z");
      List<List<Object>> rows = new ArrayList<>();
      while (source.next()) {
        rows.add(values(source.stringId(0), source.isNull(1) ? null : source.doubleValue(1),
            source.isNull(1) ? null : source.floatValue(1), source.metricObject(0)));
      }
      assertThat(rows).containsExactly(values(0, -0.5, -0.5f, null), values(1, null, null, 2.5f),
          values(1, 1.5, 1.5f, 1.0f));
    }
  }

  @Test
  void manyRowsCrossMetricBlocksInOrder() {
    IncrementalIndex index = index(dims("k"), Granularity.NONE, true, agg("longSum", "v", "v"));
    int n = IndexSortedRowSource.BLOCK * 3 + 17;
    for (int i = n - 1; i >= 0; i--) {
      index.add(row(T0 + i, "k", "k" + (i % 7), "v", i));
    }
    try (SortedRowSource source = index.toSortedRowSource()) {
      long expectedTime = T0;
      int count = 0;
      while (source.next()) {
        assertThat(source.time()).isEqualTo(expectedTime);
        assertThat(source.metricLong(0)).isEqualTo(expectedTime - T0);
        assertThat(source.dictionary(0)[source.stringId(0)]).isEqualTo("k" + ((expectedTime - T0) % 7));
        expectedTime++;
        count++;
      }
      assertThat(count).isEqualTo(n);
    }
  }

  @Test
  void columnsHoldTheValuesOfTheRowAccessors() {
    Random r = new Random(42);
    IncrementalIndex index = index(dims("page", "long:l", "float:f", "double:d", "tag"), Granularity.NONE,
        r.nextBoolean(), agg("count", "rows", null), agg("longSum", "ls", "x"), agg("doubleSum", "ds", "y"),
        agg("floatMax", "fm", "z"));
    int n = IndexSortedRowSource.BLOCK * 2 + 333;
    for (int i = 0; i < n; i++) {
      index.add(row(T0 + r.nextInt(500), "page", r.nextInt(9) == 0 ? null : "p" + r.nextInt(300),
          "l", r.nextInt(6) == 0 ? null : r.nextInt(7) - 3, "f", r.nextInt(6) == 0 ? null : r.nextInt(5) / 4.0,
          "d", r.nextInt(6) == 0 ? null : r.nextDouble(), "tag", "t" + r.nextInt(3),
          "x", r.nextInt(5) == 0 ? null : r.nextInt(100), "y", r.nextInt(5) == 0 ? null : r.nextDouble() * 10,
          "z", r.nextInt(3) == 0 ? null : r.nextInt(50)));
    }
    List<List<Object>> byRows = new ArrayList<>();
    try (SortedRowSource source = index.toSortedRowSource()) {
      while (source.next()) {
        byRows.add(values(source.time(), source.stringId(0), source.isNull(1) ? null : source.longValue(1),
            source.isNull(2) ? null : source.floatValue(2), source.isNull(3) ? null : source.doubleValue(3),
            source.stringId(4), source.isNull(1) ? null : source.doubleValue(1),
            source.isNull(3) ? null : source.longValue(3), source.metricLong(0),
            source.metricIsNull(1) ? null : source.metricLong(1),
            source.metricIsNull(2) ? null : source.metricDouble(2),
            source.metricIsNull(3) ? null : source.metricFloat(3),
            source.metricIsNull(2) ? null : source.metricLong(2)));
      }
    }
    assertThat(byRows).hasSizeGreaterThan(IndexSortedRowSource.BLOCK);
    try (SortedRowSource source = index.toSortedRowSource()) {
      ColumnarRows columns = source.columnar();
      assertThat(columns.rowCount()).isEqualTo(byRows.size());
      assertThat(source.next()).as("taking the columns consumes the source").isFalse();
      assertThat(source.columnar()).isNull();
      // Read in uneven ranges, so that some cross the metric copy blocks of the row path.
      for (int from = 0, to; from < byRows.size(); from = to) {
        to = Math.min(byRows.size(), from + 1 + r.nextInt(3000));
        int len = to - from;
        long[] time = new long[len];
        int[] page = new int[len];
        int[] tag = new int[len];
        long[] l = new long[len];
        float[] f = new float[len];
        double[] d = new double[len];
        double[] lAsDouble = new double[len];
        long[] dAsLong = new long[len];
        long[] count = new long[len];
        long[] ls = new long[len];
        double[] ds = new double[len];
        float[] fm = new float[len];
        long[] dsAsLong = new long[len];
        boolean[][] nulls = new boolean[11][len];
        columns.times(from, to, time);
        columns.stringIds(0, from, to, page);
        columns.stringIds(4, from, to, tag);
        columns.longs(1, from, to, l, nulls[0]);
        columns.floats(2, from, to, f, nulls[1]);
        columns.doubles(3, from, to, d, nulls[2]);
        columns.doubles(1, from, to, lAsDouble, nulls[3]);
        columns.longs(3, from, to, dAsLong, nulls[4]);
        columns.metricLongs(0, from, to, count, nulls[5]);
        columns.metricLongs(1, from, to, ls, nulls[6]);
        columns.metricDoubles(2, from, to, ds, nulls[7]);
        columns.metricFloats(3, from, to, fm, nulls[8]);
        columns.metricLongs(2, from, to, dsAsLong, nulls[9]);
        for (int i = 0; i < len; i++) {
          assertThat(values(time[i], page[i], nulls[0][i] ? null : l[i], nulls[1][i] ? null : f[i],
              nulls[2][i] ? null : d[i], tag[i], nulls[3][i] ? null : lAsDouble[i], nulls[4][i] ? null : dAsLong[i],
              nulls[5][i] ? null : count[i], nulls[6][i] ? null : ls[i], nulls[7][i] ? null : ds[i],
              nulls[8][i] ? null : fm[i], nulls[9][i] ? null : dsAsLong[i]))
              .as("row %d", from + i).isEqualTo(byRows.get(from + i));
          if (nulls[0][i]) {
            assertThat(l[i]).as("a null row's value is 0").isZero();
          }
        }
      }
      assertThatThrownBy(() -> columns.stringIds(1, 0, 1, new int[1])).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
