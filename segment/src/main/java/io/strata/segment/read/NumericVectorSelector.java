package io.strata.segment.read;

import io.strata.api.data.VectorObjectSelector;
import io.strata.api.data.VectorValueSelector;
import io.strata.segment.format.SegmentFormatV1;

import java.util.Arrays;

/**
 * Batches of a numeric column. On the first call after the batch changes, the values are copied from the
 * selector's own {@link BlockDecoder} (each block decompressed at most once): with {@code System.arraycopy} per
 * block for a contiguous batch, or gathered per block for a filtered batch. From a bit-packed (FOR) long block a
 * contiguous batch is unpacked straight into the batch array, and a filtered batch decodes only what it needs (see
 * {@code Longs.gather}), so such blocks are never decoded whole for a vector cursor. The subclass per stored type
 * does the typed copy, so there is one virtual call per block touched, none per row. Other numeric types are
 * converted from the stored one on demand, once per batch. Returned arrays are reused: valid until the cursor
 * advances. Not thread-safe.
 */
abstract class NumericVectorSelector implements VectorValueSelector {
  final VectorOffset offset;
  final BlockDecoder dec;
  /** Per-row null flags, or null if the column has no nulls at all. */
  private final boolean[] nulls;
  private int filledFor = -1;
  private boolean batchHasNulls;
  final int maxSize;

  NumericVectorSelector(VectorOffset offset, BlockDecoder dec, int maxSize) {
    this.offset = offset;
    this.dec = dec;
    this.maxSize = maxSize;
    this.nulls = dec.nulls != null ? new boolean[maxSize] : null;
  }

  static NumericVectorSelector of(VectorOffset offset, NumericColumn column, int maxSize) {
    BlockDecoder dec = column.decoder();
    return switch (column.valueType) {
      case SegmentFormatV1.VALUE_LONG -> new Longs(offset, dec, maxSize);
      case SegmentFormatV1.VALUE_FLOAT -> new Floats(offset, dec, maxSize);
      default -> new Doubles(offset, dec, maxSize);
    };
  }

  /** Copies {@code len} decoded values from block index {@code from} to batch index {@code to}. */
  abstract void copyRange(int from, int to, int len);

  /**
   * Copies the values of batch rows {@code [from, to)} (all in the block loaded by {@link BlockDecoder#locate})
   * from {@code rows}.
   */
  abstract void gather(int[] rows, int from, int to, int blockStart);

  /** The boxed value of batch row {@code i} (not null). */
  abstract Object box(int i);

  @Override
  public final boolean[] getNullVector() {
    fill();
    return batchHasNulls ? nulls : null;
  }

  final void fill() {
    if (filledFor == offset.id) {
      return;
    }
    filledFor = offset.id;
    int n = offset.size;
    boolean anyNull = false;
    if (offset.contiguous) {
      int row = offset.start;
      int i = 0;
      while (i < n) {
        int inBlock = dec.locate(row);
        int len = Math.min(n - i, dec.blockRows - inBlock);
        copyRange(inBlock, i, len);
        if (nulls != null) {
          if (dec.blockNullCount == 0) {
            Arrays.fill(nulls, i, i + len, false);
          } else {
            System.arraycopy(dec.nulls, inBlock, nulls, i, len);
            for (int k = i; k < i + len && !anyNull; k++) {
              anyNull = nulls[k];
            }
          }
        }
        i += len;
        row += len;
      }
    } else {
      int[] rows = offset.rows;
      int i = 0;
      while (i < n) {
        dec.locate(rows[i]);
        int blockStart = dec.blockStart;
        int blockEnd = blockStart + dec.blockRows;
        int j = rows[n - 1] < blockEnd ? n : firstAtLeast(rows, i + 1, n, blockEnd);
        gather(rows, i, j, blockStart);
        if (nulls != null) {
          boolean[] src = dec.nulls;
          boolean blockHasNulls = dec.blockNullCount > 0;
          for (int k = i; k < j; k++) {
            boolean isNull = blockHasNulls && src[rows[k] - blockStart];
            nulls[k] = isNull;
            anyNull |= isNull;
          }
        }
        i = j;
      }
    }
    batchHasNulls = anyNull;
  }

  /** The first index in {@code [from, to)} of ascending {@code rows} whose row is {@code >= target}, or {@code to}. */
  private static int firstAtLeast(int[] rows, int from, int to, int target) {
    int lo = from;
    int hi = to;
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

  /** Boxed values of the batch (null for null rows), for object selectors. */
  static final class Objects implements VectorObjectSelector {
    private final NumericVectorSelector values;
    private final Object[] objects;
    private int filledFor = -1;

    Objects(NumericVectorSelector values) {
      this.values = values;
      this.objects = new Object[values.maxSize];
    }

    @Override
    public Object[] getObjectVector() {
      if (filledFor != values.offset.id) {
        filledFor = values.offset.id;
        boolean[] nulls = values.getNullVector();
        for (int i = 0; i < values.offset.size; i++) {
          objects[i] = nulls != null && nulls[i] ? null : values.box(i);
        }
      }
      return objects;
    }
  }

  private static final class Longs extends NumericVectorSelector {
    /** A gather from a FOR block decodes rows one by one when they are this many times sparser than contiguous. */
    private static final int SPARSE_GATHER = 8;
    /** The largest row span a gather decodes as one range. */
    private static final int GATHER_SCRATCH = 2048;
    private final long[] longs;
    private long[] scratch;
    private double[] doubles;
    private float[] floats;
    private int doublesFor = -1;
    private int floatsFor = -1;

    Longs(VectorOffset offset, BlockDecoder dec, int maxSize) {
      super(offset, dec, maxSize);
      this.longs = new long[maxSize];
    }

    @Override
    void copyRange(int from, int to, int len) {
      dec.copyLongs(from, longs, to, len);
    }

    /**
     * From a block not decoded whole (FOR): few rows far apart are decoded one by one; rows close together are
     * decoded as one range into a small scratch array; otherwise the block is decoded whole.
     */
    @Override
    void gather(int[] rows, int from, int to, int blockStart) {
      long[] out = longs;
      if (!dec.materialized()) {
        int lo = rows[from] - blockStart;
        int span = rows[to - 1] - blockStart + 1 - lo;
        int count = to - from;
        if (count * SPARSE_GATHER < span) {
          for (int k = from; k < to; k++) {
            out[k] = dec.longAt(rows[k] - blockStart);
          }
          return;
        }
        if (span <= GATHER_SCRATCH) {
          long[] tmp = scratch;
          if (tmp == null) {
            tmp = new long[GATHER_SCRATCH];
            scratch = tmp;
          }
          dec.copyLongs(lo, tmp, 0, span);
          int shift = blockStart + lo;
          for (int k = from; k < to; k++) {
            out[k] = tmp[rows[k] - shift];
          }
          return;
        }
        dec.seek(rows[from]);
      }
      long[] src = dec.longs;
      for (int k = from; k < to; k++) {
        out[k] = src[rows[k] - blockStart];
      }
    }

    @Override
    Object box(int i) {
      return longs[i];
    }

    @Override
    public long[] getLongVector() {
      fill();
      return longs;
    }

    @Override
    public double[] getDoubleVector() {
      fill();
      if (doublesFor != offset.id) {
        doublesFor = offset.id;
        if (doubles == null) {
          doubles = new double[maxSize];
        }
        for (int i = 0; i < offset.size; i++) {
          doubles[i] = longs[i];
        }
      }
      return doubles;
    }

    @Override
    public float[] getFloatVector() {
      fill();
      if (floatsFor != offset.id) {
        floatsFor = offset.id;
        if (floats == null) {
          floats = new float[maxSize];
        }
        for (int i = 0; i < offset.size; i++) {
          floats[i] = longs[i];
        }
      }
      return floats;
    }
  }

  private static final class Floats extends NumericVectorSelector {
    private final float[] floats;
    private long[] longs;
    private double[] doubles;
    private int longsFor = -1;
    private int doublesFor = -1;

    Floats(VectorOffset offset, BlockDecoder dec, int maxSize) {
      super(offset, dec, maxSize);
      this.floats = new float[maxSize];
    }

    @Override
    void copyRange(int from, int to, int len) {
      System.arraycopy(dec.floats, from, floats, to, len);
    }

    @Override
    void gather(int[] rows, int from, int to, int blockStart) {
      float[] src = dec.floats;
      for (int k = from; k < to; k++) {
        floats[k] = src[rows[k] - blockStart];
      }
    }

    @Override
    Object box(int i) {
      return floats[i];
    }

    @Override
    public float[] getFloatVector() {
      fill();
      return floats;
    }

    @Override
    public long[] getLongVector() {
      fill();
      if (longsFor != offset.id) {
        longsFor = offset.id;
        if (longs == null) {
          longs = new long[maxSize];
        }
        for (int i = 0; i < offset.size; i++) {
          longs[i] = (long) floats[i];
        }
      }
      return longs;
    }

    @Override
    public double[] getDoubleVector() {
      fill();
      if (doublesFor != offset.id) {
        doublesFor = offset.id;
        if (doubles == null) {
          doubles = new double[maxSize];
        }
        for (int i = 0; i < offset.size; i++) {
          doubles[i] = floats[i];
        }
      }
      return doubles;
    }
  }

  private static final class Doubles extends NumericVectorSelector {
    private final double[] doubles;
    private long[] longs;
    private float[] floats;
    private int longsFor = -1;
    private int floatsFor = -1;

    Doubles(VectorOffset offset, BlockDecoder dec, int maxSize) {
      super(offset, dec, maxSize);
      this.doubles = new double[maxSize];
    }

    @Override
    void copyRange(int from, int to, int len) {
      System.arraycopy(dec.doubles, from, doubles, to, len);
    }

    @Override
    void gather(int[] rows, int from, int to, int blockStart) {
      double[] src = dec.doubles;
      for (int k = from; k < to; k++) {
        doubles[k] = src[rows[k] - blockStart];
      }
    }

    @Override
    Object box(int i) {
      return doubles[i];
    }

    @Override
    public double[] getDoubleVector() {
      fill();
      return doubles;
    }

    @Override
    public long[] getLongVector() {
      fill();
      if (longsFor != offset.id) {
        longsFor = offset.id;
        if (longs == null) {
          longs = new long[maxSize];
        }
        for (int i = 0; i < offset.size; i++) {
          longs[i] = (long) doubles[i];
        }
      }
      return longs;
    }

    @Override
    public float[] getFloatVector() {
      fill();
      if (floatsFor != offset.id) {
        floatsFor = offset.id;
        if (floats == null) {
          floats = new float[maxSize];
        }
        for (int i = 0; i < offset.size; i++) {
          floats[i] = (float) doubles[i];
        }
      }
      return floats;
    }
  }
}
