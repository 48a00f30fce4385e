package io.strata.segment.merge;

import java.util.Arrays;

/**
 * Merges sorted string dictionaries (ascending {@link String#compareTo}, null first) into their sorted union and
 * tells, for each input, the merged id of each of its ids. A k-way merge: {@code O(n log k)} comparisons for
 * {@code n} input values, memory for the union only.
 */
final class DictionaryMerger {
  /**
   * @param dictionary the merged dictionary
   * @param idMaps     {@code idMaps[i][id]} is the merged id of input {@code i}'s id
   */
  record Result(String[] dictionary, int[][] idMaps) {
  }

  private DictionaryMerger() {
  }

  static Result merge(String[][] inputs) {
    int k = inputs.length;
    int[] pos = new int[k];
    int[][] maps = new int[k][];
    IndexHeap heap = new IndexHeap(k) {
      @Override
      boolean less(int a, int b) {
        int c = compare(inputs[a][pos[a]], inputs[b][pos[b]]);
        return c < 0 || (c == 0 && a < b);
      }
    };
    int total = 0;
    for (int i = 0; i < k; i++) {
      maps[i] = new int[inputs[i].length];
      total += inputs[i].length;
      if (inputs[i].length > 0) {
        heap.add(i);
      }
    }
    String[] out = new String[Math.min(total, 1024)];
    int n = 0;
    while (heap.size() > 0) {
      int i = heap.top();
      String v = inputs[i][pos[i]];
      if (n == 0 || compare(out[n - 1], v) != 0) {
        if (n == out.length) {
          out = Arrays.copyOf(out, Math.min(total, n * 2));
        }
        out[n++] = v;
      }
      maps[i][pos[i]] = n - 1;
      if (++pos[i] < inputs[i].length) {
        heap.updateTop();
      } else {
        heap.pop();
      }
    }
    return new Result(Arrays.copyOf(out, n), maps);
  }

  private static int compare(String a, String b) {
    if (a == null) {
      return b == null ? 0 : -1;
    }
    return b == null ? 1 : a.compareTo(b);
  }
}
