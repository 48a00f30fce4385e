package io.strata.index;

/**
 * A stable merge sort of {@code int} arrays (row slots, dictionary ids) with a primitive comparator, so sorting
 * never boxes. Input that is already in order, the common case for rows appended in time order, costs one
 * comparison per run boundary. Stateless and thread-safe.
 */
final class IntSorter {
  private static final int INSERTION_THRESHOLD = 16;

  /** Orders two ints; the same contract as {@link java.util.Comparator#compare}. */
  @FunctionalInterface
  interface IntComparator {
    int compare(int a, int b);
  }

  private IntSorter() {
  }

  /** Sorts {@code a[from, to)} in place; equal elements keep their relative order. */
  static void sort(int[] a, int from, int to, IntComparator c) {
    if (to - from < 2) {
      return;
    }
    int[] tmp = new int[to];
    mergeSort(a, tmp, from, to, c);
  }

  private static void mergeSort(int[] a, int[] tmp, int lo, int hi, IntComparator c) {
    if (hi - lo <= INSERTION_THRESHOLD) {
      insertionSort(a, lo, hi, c);
      return;
    }
    int mid = (lo + hi) >>> 1;
    mergeSort(a, tmp, lo, mid, c);
    mergeSort(a, tmp, mid, hi, c);
    if (c.compare(a[mid - 1], a[mid]) <= 0) {
      return;
    }
    System.arraycopy(a, lo, tmp, lo, mid - lo);
    int i = lo;
    int j = mid;
    int k = lo;
    while (i < mid && j < hi) {
      // Take from the right run only when strictly smaller: that keeps the sort stable.
      a[k++] = c.compare(a[j], tmp[i]) < 0 ? a[j++] : tmp[i++];
    }
    while (i < mid) {
      a[k++] = tmp[i++];
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
