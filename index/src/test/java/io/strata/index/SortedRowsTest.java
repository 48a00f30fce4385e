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
