package io.strata.segment.read;

import org.roaringbitmap.IntIterator;
import org.roaringbitmap.PeekableIntIterator;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/**
 * The current row of a row cursor, and how it moves. Selectors read the public-to-the-package {@link #row} field
 * directly. The implementations walk a row range up or down, or a filter's bitmap clipped to the row range. Not
 * thread-safe.
 */
abstract class RowOffset {
  /** The current row; meaningless once {@link #isDone()}. */
  int row;

  abstract void advance();

  abstract boolean isDone();

  abstract void reset();

  static RowOffset range(int start, int end, boolean descending) {
    return descending ? new Descending(start, end) : new Ascending(start, end);
  }

  /** The rows of {@code bitmap} within {@code [start, end)}. */
  static RowOffset bitmap(ImmutableRoaringBitmap bitmap, int start, int end, boolean descending) {
    return descending ? new BitmapDescending(bitmap.selectRange(start, end)) : new BitmapAscending(bitmap, start, end);
  }

  private static final class Ascending extends RowOffset {
    private final int start;
    private final int end;

    Ascending(int start, int end) {
      this.start = start;
      this.end = end;
      this.row = start;
    }

    @Override
    void advance() {
      row++;
    }

    @Override
    boolean isDone() {
      return row >= end;
    }

    @Override
    void reset() {
      row = start;
    }
  }

  private static final class Descending extends RowOffset {
    private final int start;
    private final int end;

    Descending(int start, int end) {
      this.start = start;
      this.end = end;
      this.row = end - 1;
    }

    @Override
    void advance() {
      row--;
    }

    @Override
    boolean isDone() {
      return row < start;
    }

    @Override
    void reset() {
      row = end - 1;
    }
  }

  private static final class BitmapAscending extends RowOffset {
    private final ImmutableRoaringBitmap bitmap;
    private final int start;
    private final int end;
    private PeekableIntIterator it;
    private boolean done;

    BitmapAscending(ImmutableRoaringBitmap bitmap, int start, int end) {
      this.bitmap = bitmap;
      this.start = start;
      this.end = end;
      reset();
    }

    @Override
    void advance() {
      if (it.hasNext()) {
        int r = it.next();
        if (r < end) {
          row = r;
          return;
        }
      }
      done = true;
    }

    @Override
    boolean isDone() {
      return done;
    }

    @Override
    void reset() {
      it = bitmap.getIntIterator();
      it.advanceIfNeeded(start);
      done = false;
      advance();
    }
  }

  private static final class BitmapDescending extends RowOffset {
    private final ImmutableRoaringBitmap bitmap;
    private IntIterator it;
    private boolean done;

    BitmapDescending(ImmutableRoaringBitmap clipped) {
      this.bitmap = clipped;
      reset();
    }

    @Override
    void advance() {
      if (it.hasNext()) {
        row = it.next();
      } else {
        done = true;
      }
    }

    @Override
    boolean isDone() {
      return done;
    }

    @Override
    void reset() {
      it = bitmap.getReverseIntIterator();
      done = false;
      advance();
    }
  }
}
