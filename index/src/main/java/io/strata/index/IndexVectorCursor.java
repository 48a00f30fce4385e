package io.strata.index;

import io.strata.api.data.ColumnCapabilities;
import io.strata.api.data.SingleValueDimensionVectorSelector;
import io.strata.api.data.VectorColumnSelectorFactory;
import io.strata.api.data.VectorCursor;
import io.strata.api.data.VectorObjectSelector;
import io.strata.api.data.VectorValueSelector;
import io.strata.api.exec.VectorValueMatcher;

/**
 * The vector cursor of an index cursor holder: hands out the holder's sorted rows in batches of at most the
 * spec's vector size. With a filter, each window of candidate rows is matched with the filter's
 * {@link VectorValueMatcher} and the batch shrinks to the matching rows (windows where nothing matches are
 * skipped), so batches may be smaller than the maximum. Not thread-safe.
 */
final class IndexVectorCursor implements VectorCursor, VectorColumnSelectorFactory {
  private final CursorRows rows;
  private final int maxSize;
  private final VectorSelectors.Batch batch;
  private final VectorValueMatcher matcher;
  private final boolean[] matches;
  private int next;
  private boolean done;

  /**
   * @param matcherSource makes the filter's matcher over this cursor's selectors, or is null for no filter; it
   *                      may return null when the filter cannot run on batches (then {@link #matcherMissing()})
   */
  IndexVectorCursor(CursorRows rows, int maxSize,
                    java.util.function.Function<VectorColumnSelectorFactory, VectorValueMatcher> matcherSource) {
    this.rows = rows;
    this.maxSize = maxSize;
    this.batch = new VectorSelectors.Batch(maxSize);
    this.matcher = matcherSource == null ? null : matcherSource.apply(this);
    this.matches = matcherSource == null ? null : new boolean[maxSize];
    if (matcherSource == null || matcher != null) {
      reset();
    }
  }

  /** True if a filter was given but could not make a batch matcher. */
  boolean matcherMissing() {
    return matches != null && matcher == null;
  }

  private void load() {
    while (next < rows.size) {
      int n = Math.min(maxSize, rows.size - next);
      batch.contiguous = true;
      batch.start = next;
      batch.size = n;
      batch.version++;
      next += n;
      if (matcher == null) {
        return;
      }
      int matched = matcher.match(matches, n);
      if (matched == n) {
        return;
      }
      if (matched > 0) {
        int k = 0;
        for (int i = 0; i < n; i++) {
          if (matches[i]) {
            batch.positions[k++] = batch.start + i;
          }
        }
        batch.contiguous = false;
        batch.size = k;
        batch.version++;
        return;
      }
    }
    batch.size = 0;
    batch.version++;
    done = true;
  }

  /** The row position of the current batch's {@code i}-th row. */
  int position(int i) {
    return batch.position(i);
  }

  @Override
  public VectorColumnSelectorFactory selectorFactory() {
    return this;
  }

  @Override
  public int getMaxVectorSize() {
    return maxSize;
  }

  @Override
  public int getCurrentVectorSize() {
    return batch.size;
  }

  @Override
  public void advance() {
    if (!done) {
      load();
    }
  }

  @Override
  public boolean isDone() {
    return done;
  }

  @Override
  public void reset() {
    next = 0;
    done = false;
    load();
  }

  @Override
  public SingleValueDimensionVectorSelector makeSingleValueDimensionSelector(String column) {
    return VectorSelectors.dimension(rows.strings(column), batch);
  }

  @Override
  public VectorValueSelector makeValueSelector(String column) {
    return VectorSelectors.numbers(rows.numbers(column), batch);
  }

  @Override
  public VectorObjectSelector makeObjectSelector(String column) {
    return VectorSelectors.objects(rows, column, batch);
  }

  @Override
  public ColumnCapabilities capabilities(String column) {
    return rows.capabilities(column);
  }
}
