package io.strata.index;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** IntSorter against the JDK's stable object sort, on seeded random arrays of many shapes. */
class IntSorterTest {
  @Test
  void sortsLikeAStableSortOnEveryShape() {
    Random random = new Random(42);
    int[] sizes = {0, 1, 2, 15, 16, 17, 31, 32, 33, 100, 1000, 4097, 20_000};
    for (int size : sizes) {
      for (int shape = 0; shape < 5; shape++) {
        int[] keys = new int[size];
        for (int i = 0; i < size; i++) {
          keys[i] = switch (shape) {
            case 0 -> random.nextInt(); // distinct, random
            case 1 -> random.nextInt(7); // many ties: stability matters
            case 2 -> i / 3; // already sorted, with ties
            case 3 -> size - i; // reversed
            default -> i / 50 * 50 + random.nextInt(50); // sorted blocks shuffled inside, like rows of one minute
          };
        }
        // Sort positions by key: ties must keep position order.
        int from = size > 4 ? 2 : 0;
        int to = size > 4 ? size - 1 : size;
        int[] slots = new int[size];
        Integer[] expected = new Integer[to - from];
        for (int i = 0; i < size; i++) {
          slots[i] = i;
        }
        for (int i = from; i < to; i++) {
          expected[i - from] = i;
        }
        Arrays.sort(expected, Comparator.comparingInt(i -> keys[i]));
        IntSorter.sort(slots, from, to, (a, b) -> Integer.compare(keys[a], keys[b]));
        for (int i = 0; i < from; i++) {
          assertThat(slots[i]).isEqualTo(i);
        }
        for (int i = to; i < size; i++) {
          assertThat(slots[i]).isEqualTo(i);
        }
        assertThat(Arrays.copyOfRange(slots, from, to)).as("size %d shape %d", size, shape)
            .containsExactly(Arrays.stream(expected).mapToInt(Integer::intValue).toArray());
      }
    }
  }
}
