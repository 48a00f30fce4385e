package io.strata.segment.read;

import org.roaringbitmap.BatchIterator;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/**
 * Produces the candidate batches of a vector cursor into its {@link VectorOffset}: consecutive slices of a row
 * range, or the rows of a filter bitmap within a row range (a batch whose rows happen to be consecutive is handed
 * out as a range, the selectors' fast path). Not thread-safe.
 */
abstract class BatchSource {
  /** Puts the next batch into {@code offset}; false when there are no more rows. */
  abstract boolean next(VectorOffset offset);

  abstract void reset();

  static BatchSource range(int start, int end, int maxSize) {
    return new Range(start, end, maxSize);
  }

  static BatchSource bitmap(ImmutableRoaringBitmap bitmap, int start, int end) {
    return new Bitmap(bitmap, start, end);
  }

  private static final class Range extends BatchSource {
    private final int start;
    private final int end;
    private final int maxSize;
    private int pos;

    Range(int start, int end, int maxSize) {
      this.start = start;
      this.end = end;
      this.maxSize = maxSize;
      this.pos = start;
    }

    @Override
    boolean next(VectorOffset offset) {
      if (pos >= end) {
        return false;
      }
      int n = Math.min(maxSize, end - pos);
      offset.setRange(pos, n);
      pos += n;
      return true;
    }

    @Override
    void reset() {
      pos = start;
    }
  }

  private static final class Bitmap extends BatchSource {
    private final ImmutableRoaringBitmap bitmap;
    private final int start;
    private final int end;
    private BatchIterator it;
    private boolean exhausted;

    Bitmap(ImmutableRoaringBitmap bitmap, int start, int end) {
      this.bitmap = bitmap;
      this.start = start;
      this.end = end;
      reset();
    }

    @Override
    boolean next(VectorOffset offset) {
      if (exhausted) {
        return false;
      }
      int[] rows = offset.rows;
      int n = it.hasNext() ? it.nextBatch(rows) : 0;
      if (n > 0 && rows[n - 1] >= end) {
        n = firstAtLeast(rows, n, end);
        exhausted = true;
      }
      if (n == 0) {
        exhausted = true;
        return false;
      }
      if (rows[n - 1] - rows[0] == n - 1) {
        offset.setRange(rows[0], n);
      } else {
        offset.setRows(n);
      }
      return true;
    }

    @Override
    void reset() {
      it = bitmap.getBatchIterator();
      if (start > 0) {
        it.advanceIfNeeded(start);
      }
      exhausted = start >= end;
    }

    private static int firstAtLeast(int[] rows, int n, int target) {
      int lo = 0;
      int hi = n;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (rows[mid] < target) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }
  }
}
