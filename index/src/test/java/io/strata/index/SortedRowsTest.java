package io.strata.index;

import io.strata.api.time.Granularity;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static io.strata.index.TestRows.T0;
import static io.strata.index.TestRows.agg;
import static io.strata.index.TestRows.dims;
import static io.strata.index.TestRows.index;
import static io.strata.index.TestRows.row;
import static org.assertj.core.api.Assertions.assertThat;

class SortedRowsTest {

  @Test
  void keptOrderIsExtendedAndCutBackLikeAFreshSort() {
    long seed = Long.getLong("test.seed", System.nanoTime());
    System.out.println("SortedRowsTest seed=" + seed);
    Random random = new Random(seed);
    IncrementalIndex index = index(dims("a", "long:n", "b"), Granularity.of("second"), random.nextBoolean(),
        agg("count", "rows", null));
    SortedRows kept = new SortedRows();
    IndexView[] views = new IndexView[6];
    for (int round = 0; round < views.length; round++) {
      for (int i = 0; i < 500; i++) {
        index.add(row(T0 + random.nextInt(20_000), "a", random.nextInt(5) == 0 ? null : "a" + random.nextInt(30),
            "n", random.nextInt(6) == 0 ? null : random.nextInt(9) - 4, "b", "b" + random.nextInt(3)));
      }
      views[round] = index.view();
      assertThat(kept.all(views[round])).as("seed %d round %d", seed, round)
          .isEqualTo(new SortedRows().all(views[round]));
    }
    // Older views than the kept order are served from it.
    for (IndexView older : views) {
      assertThat(kept.all(older)).as("seed %d", seed).isEqualTo(new SortedRows().all(older));
    }
    assertThat(kept.estimatedBytes()).isGreaterThanOrEqualTo(4L * index.numRows());
  }

  @Test
  void keyedSortGivesTheComparatorSortsOrder() {
    Random random = new Random(20261121);
    // First dimension a string (in the key), a number (not in the key), and time spans too wide for any key.
    String[][] layouts = {{"a", "long:n", "b"}, {"long:n", "a"}, {"double:x", "a"}, {"a"}};
    long[] spans = {1, 60_000, 86_400_000L, Long.MAX_VALUE / 2};
    for (int round = 0; round < 40; round++) {
      String[] layout = layouts[round % layouts.length];
      long span = spans[random.nextInt(spans.length)];
      IncrementalIndex index = index(dims(layout), Granularity.NONE, random.nextBoolean(), agg("count", "rows", null));
      int n = 1 + random.nextInt(3_000);
      int card = 1 + random.nextInt(400);
      for (int i = 0; i < n; i++) {
        long t = span == Long.MAX_VALUE / 2 && random.nextBoolean() ? -T0 * 1000 + random.nextInt(5)
            : T0 + (long) (random.nextDouble() * Math.min(span, 1L << 40));
        index.add(row(t, "a", random.nextInt(5) == 0 ? null : "a" + random.nextInt(card),
            "n", random.nextInt(6) == 0 ? null : random.nextInt(9) - 4,
            "x", random.nextInt(6) == 0 ? null : random.nextInt(4) / 2.0, "b", "b" + random.nextInt(3)));
      }
      IndexView view = index.view();
      int[] expected = new int[view.rowCount];
      int[] actual = new int[view.rowCount];
      for (int i = 0; i < expected.length; i++) {
        expected[i] = i;
        actual[i] = i;
      }
      IntSorter.sort(expected, 0, expected.length, view.rowOrder());
      view.rowOrder().sort(actual, 0, actual.length);
      assertThat(actual).as("round %d, dims %s, span %d", round, Arrays.toString(layout), span)
          .isEqualTo(expected);
      // A sub-range in slot order, as the rows added since the last sort are.
      int from = random.nextInt(actual.length);
      int[] part = Arrays.copyOfRange(sequence(view.rowCount), from, view.rowCount);
      int[] partExpected = part.clone();
      IntSorter.sort(partExpected, 0, partExpected.length, view.rowOrder());
      view.rowOrder().sort(part, 0, part.length);
      assertThat(part).as("round %d, rows from %d", round, from).isEqualTo(partExpected);
    }
  }

  private static int[] sequence(int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = i;
    }
    return out;
  }

  @Test
  void intSorterIsAStableSort() {
    long seed = Long.getLong("test.seed", System.nanoTime());
    System.out.println("SortedRowsTest intSorter seed=" + seed);
    Random random = new Random(seed);
    for (int round = 0; round < 50; round++) {
      int n = random.nextInt(2_000);
      int[] keys = new int[n];
      for (int i = 0; i < n; i++) {
        keys[i] = random.nextInt(1 + random.nextInt(50));
      }
      int[] indexes = new int[n];
      Integer[] expected = new Integer[n];
      for (int i = 0; i < n; i++) {
        indexes[i] = i;
        expected[i] = i;
      }
      IntSorter.sort(indexes, 0, n, (a, b) -> Integer.compare(keys[a], keys[b]));
      Arrays.sort(expected, (a, b) -> Integer.compare(keys[a], keys[b]));
      assertThat(indexes).as("seed %d", seed).containsExactly(Arrays.stream(expected).mapToInt(i -> i).toArray());
    }
  }

  @Test
  void dictionaryOrderIsExtendedAsValuesArrive() {
    StringDictionary dictionary = new StringDictionary();
    String[] words = {"pear", "apple", "fig", "", "zucchini", "banana", "apple", "cherry", "Apple"};
    for (String w : words) {
      dictionary.idOf(w);
      StringDictionary.SortedOrder order = dictionary.order(dictionary.size(), dictionary.values());
      String[] sorted = new String[order.size()];
      for (int r = 0; r < sorted.length; r++) {
        sorted[r] = dictionary.values()[order.sortedIds()[r]];
        assertThat(order.rank()[order.sortedIds()[r]]).isEqualTo(r);
      }
      assertThat(sorted[0]).isNull();
      assertThat(Arrays.copyOfRange(sorted, 1, sorted.length)).isSorted();
    }
    assertThat(dictionary.size()).isEqualTo(9);
    assertThat(dictionary.lookup("fig", 4)).isEqualTo(3);
    assertThat(dictionary.lookup("cherry", 4)).isEqualTo(-1);
    assertThat(dictionary.lookup(null, 1)).isZero();
  }
}
