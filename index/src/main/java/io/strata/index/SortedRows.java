package io.strata.index;

import io.strata.api.time.Interval;

import java.util.Arrays;

/**
 * The row order of an index (time, then dimension values; see {@link IndexView#rowOrder()}), kept between
 * readers. A stored row's time and dimension values never change, so the order of the rows sorted last time is
 * still right: the next reader sorts only the rows published since and merges them in, O(n + k log k) instead of
 * sorting everything. Ties keep slot order, so a merge gives the same array a full stable sort would.
 *
 * <p>Thread-safe: readers race to publish a longer order through a volatile field; the arrays are never modified
 * after publication.
 */
final class SortedRows {
  private volatile Sorted cached;

  private record Sorted(int rowCount, int[] slots) {
  }

  /** Every row of the view in row order. The array is shared: callers must not modify it. */
  int[] all(IndexView view) {
    Sorted previous = cached;
    int n = view.rowCount;
    if (previous != null && previous.rowCount() == n) {
      return previous.slots();
    }
    if (previous != null && previous.rowCount() > n) {
      // An older view than the kept order: its rows are a prefix of the slots, in the same relative order.
      int[] slots = new int[n];
      int k = 0;
      for (int slot : previous.slots()) {
        if (slot < n) {
          slots[k++] = slot;
        }
      }
      return slots;
    }
    IndexView.RowOrder order = view.rowOrder();
    int[] slots;
    if (previous != null) {
      int from = previous.rowCount();
      int[] fresh = new int[n - from];
      for (int i = 0; i < fresh.length; i++) {
        fresh[i] = from + i;
      }
      order.sort(fresh, 0, fresh.length);
      slots = merge(previous.slots(), fresh, order);
    } else {
      slots = new int[n];
      for (int i = 0; i < n; i++) {
        slots[i] = i;
      }
      order.sort(slots, 0, n);
    }
    Sorted now = cached;
    if (now == null || now.rowCount() < n) {
      cached = new Sorted(n, slots);
    }
    return slots;
  }

  /** The rows of the view whose time is in {@code interval}, in row order; the caller owns the array. */
  int[] in(IndexView view, Interval interval) {
    int[] all = all(view);
    int from = lowerBound(view, all, interval.start());
    int to = lowerBound(view, all, interval.end());
    return Arrays.copyOfRange(all, from, Math.max(from, to));
  }

  /** Bytes of the kept order. */
  long estimatedBytes() {
    Sorted s = cached;
    return s == null ? 0 : 16L + 4L * s.slots().length;
  }

  /** The first index whose row time is at least {@code time} (rows are in time order). */
  private static int lowerBound(IndexView view, int[] slots, long time) {
    int lo = 0;
    int hi = slots.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (view.time(slots[mid]) < time) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Merges two sorted runs; on ties the older rows (in {@code old}) come first. */
  private static int[] merge(int[] old, int[] fresh, IntSorter.IntComparator order) {
    int[] out = new int[old.length + fresh.length];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < old.length && j < fresh.length) {
      out[k++] = order.compare(fresh[j], old[i]) < 0 ? fresh[j++] : old[i++];
    }
    while (i < old.length) {
      out[k++] = old[i++];
    }
    while (j < fresh.length) {
      out[k++] = fresh[j++];
    }
    return out;
  }
}
