package io.strata.index;

/**
 * A stable merge sort of {@code int} arrays (row slots, dictionary ids) with a primitive comparator, so sorting
 * never boxes. Bottom-up: insertion sort over runs of {@value #RUN}, then passes that merge neighbouring runs of
 * doubling width, ping-ponging between the array and one scratch array. Input that is already in order, the common
 * case for rows appended in time order, costs one comparison per run boundary and a copy per pass.
 *
 * <p>Not recursive on purpose: the JIT would inline a recursive sort into itself together with the comparator and
 * spend most of a second compiling it, which a short batch ingestion pays in full. Stateless and thread-safe.
 */
final class IntSorter {
  private static final int RUN = 16;

  /** Orders two ints; the same contract as {@link java.util.Comparator#compare}. */
  @FunctionalInterface
  interface IntComparator {
    int compare(int a, int b);
  }

  private IntSorter() {
  }

  /** Sorts {@code a[from, to)} in place; equal elements keep their relative order. */
  static void sort(int[] a, int from, int to, IntComparator c) {
    int n = to - from;
    if (n < 2) {
      return;
    }
    if (n > RUN && from != 0) {
      // The merge passes index the scratch array like the input: sort a copy so that scratch is n long, not to.
      int[] part = java.util.Arrays.copyOfRange(a, from, to);
      sort(part, 0, n, c);
      System.arraycopy(part, 0, a, from, n);
      return;
    }
    for (int lo = from; lo < to; lo += RUN) {
      insertionSort(a, lo, Math.min(lo + RUN, to), c);
    }
    if (n <= RUN) {
      return;
    }
    int[] src = a;
    int[] dst = new int[to];
    for (int width = RUN; width < n; width <<= 1) {
      for (int lo = from; lo < to; lo += 2 * width) {
        int mid = Math.min(lo + width, to);
        int hi = Math.min(mid + width, to);
        merge(src, dst, lo, mid, hi, c);
      }
      int[] t = src;
      src = dst;
      dst = t;
    }
    if (src != a) {
      System.arraycopy(src, from, a, from, n);
    }
  }

  /** Merges the sorted runs {@code src[lo, mid)} and {@code src[mid, hi)} into {@code dst[lo, hi)}. */
  private static void merge(int[] src, int[] dst, int lo, int mid, int hi, IntComparator c) {
    if (mid >= hi || c.compare(src[mid - 1], src[mid]) <= 0) {
      System.arraycopy(src, lo, dst, lo, hi - lo);
      return;
    }
    int i = lo;
    int j = mid;
    int k = lo;
    while (i < mid && j < hi) {
      // Take from the right run only when strictly smaller: that keeps the sort stable.
      dst[k++] = c.compare(src[j], src[i]) < 0 ? src[j++] : src[i++];
    }
    if (i < mid) {
      System.arraycopy(src, i, dst, k, mid - i);
    } else if (j < hi) {
      System.arraycopy(src, j, dst, k, hi - j);
    }
  }

  private static void insertionSort(int[] a, int lo, int hi, IntComparator c) {
    for (int i = lo + 1; i < hi; i++) {
      int x = a[i];
      int j = i;
      while (j > lo && c.compare(a[j - 1], x) > 0) {
        a[j] = a[j - 1];
        j--;
      }
      a[j] = x;
    }
  }
}
