package io.strata.processing.filter;

import io.strata.api.exec.ValueMatcher;
import io.strata.api.exec.VectorValueMatcher;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

import java.util.Arrays;

/** Constant matchers and bitmaps. */
final class Matchers {
  static final ValueMatcher ALWAYS = () -> true;
  static final ValueMatcher NEVER = () -> false;
  static final VectorValueMatcher VECTOR_ALWAYS = (out, size) -> {
    Arrays.fill(out, 0, size, true);
    return size;
  };
  static final VectorValueMatcher VECTOR_NEVER = (out, size) -> {
    Arrays.fill(out, 0, size, false);
    return 0;
  };

  private Matchers() {
  }

  static ValueMatcher constant(boolean matches) {
    return matches ? ALWAYS : NEVER;
  }

  static VectorValueMatcher vectorConstant(boolean matches) {
    return matches ? VECTOR_ALWAYS : VECTOR_NEVER;
  }

  /** Matches the batch's rows by dictionary id: row {@code i} matches when {@code table[id of row i]}. */
  static VectorValueMatcher byIdTable(io.strata.api.data.SingleValueDimensionVectorSelector s, boolean[] table) {
    return (out, size) -> {
      int[] ids = s.getRowVector();
      int n = 0;
      for (int i = 0; i < size; i++) {
        boolean m = table[ids[i]];
        out[i] = m;
        n += m ? 1 : 0;
      }
      return n;
    };
  }

  /** Rows {@code [0, numRows)} if {@code matches}, else no rows. */
  static ImmutableRoaringBitmap constantBitmap(boolean matches, int numRows) {
    MutableRoaringBitmap b = new MutableRoaringBitmap();
    if (matches && numRows > 0) {
      b.add(0L, numRows);
    }
    return b;
  }
}
