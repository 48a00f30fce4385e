package io.strata.query.exec;

import io.strata.api.error.ResourceLimitException;
import io.strata.api.time.Granularity;
import io.strata.api.time.Interval;

import java.util.Arrays;

/**
 * Numbers the granularity buckets that overlap one clipped time range: bucket 0 holds the range's start. Rows
 * read in time order map to bucket ordinals cheaply (arithmetic for fixed-length buckets, a moving pointer
 * otherwise). Not thread-safe.
 */
public final class BucketIndex {
  /** The most buckets one query may produce; Druid would try to hold them all in memory. */
  public static final int MAX_BUCKETS = 5_000_000;

  private final Granularity granularity;
  private final Interval range;
  private final long first;
  private final long step; // > 0 for fixed-length buckets
  private final long[] starts; // calendar buckets only
  private final long numBuckets;
  private int cursor; // calendar buckets: last ordinal returned

  private BucketIndex(Granularity granularity, Interval range) {
    this.granularity = granularity;
    this.range = range;
    if (granularity.isAll()) {
      first = range.start();
      step = 0;
      starts = null;
      numBuckets = 1;
      return;
    }
    first = granularity.bucketStart(range.start());
    long fixed = fixedMillis(granularity);
    if (fixed > 0) {
      step = fixed;
      starts = null;
      numBuckets = (range.end() - 1 - first) / fixed + 1;
      return;
    }
    step = 0;
    long[] s = new long[16];
    int n = 0;
    for (long b = first; b < range.end(); b = granularity.next(b)) {
      if (n == s.length) {
        checkCount(n + 1L);
        s = Arrays.copyOf(s, n * 2);
      }
      s[n++] = b;
    }
    starts = Arrays.copyOf(s, n);
    numBuckets = n;
  }

  /**
   * The buckets of {@code granularity} overlapping {@code range} (for {@code all}: one bucket, the range).
   *
   * @throws ResourceLimitException if calendar buckets would have to be listed beyond {@link #MAX_BUCKETS}
   */
  public static BucketIndex of(Granularity granularity, Interval range) {
    return new BucketIndex(granularity, range);
  }

  private static long fixedMillis(Granularity g) {
    if (g.isNone()) {
      return 1;
    }
    if (g instanceof Granularity.PeriodGranularity p) {
      return p.fixedMillis();
    }
    return 0;
  }

  private static void checkCount(long n) {
    if (n > MAX_BUCKETS) {
      throw tooMany();
    }
  }

  /** The error for a query that would produce more than {@link #MAX_BUCKETS} time buckets. */
  public static ResourceLimitException tooMany() {
    return new ResourceLimitException("The query would produce more than " + MAX_BUCKETS
        + " time buckets; use a coarser granularity, shorter intervals or the skipEmptyBuckets context flag");
  }

  public long numBuckets() {
    return numBuckets;
  }

  /**
   * Every bucket start, in order.
   *
   * @throws ResourceLimitException beyond {@link #MAX_BUCKETS} buckets
   */
  public long[] starts() {
    checkCount(numBuckets);
    long[] out = new long[(int) numBuckets];
    for (int i = 0; i < out.length; i++) {
      out[i] = start(i);
    }
    return out;
  }

  public Interval range() {
    return range;
  }

  /** The start of bucket {@code ordinal}; for {@code all}, the range's start. */
  public long start(long ordinal) {
    if (step > 0) {
      return first + ordinal * step;
    }
    if (starts != null) {
      return starts[(int) ordinal];
    }
    return first;
  }

  /** The ordinal of the bucket holding {@code t}, which must lie in the range. */
  public long ordinal(long t) {
    if (step > 0) {
      return (t - first) / step;
    }
    if (starts == null) {
      return 0;
    }
    int c = cursor;
    int n = starts.length;
    if (t >= starts[c] && (c + 1 == n || t < starts[c + 1])) {
      return c;
    }
    if (c + 1 < n && t >= starts[c + 1] && (c + 2 >= n || t < starts[c + 2])) {
      cursor = c + 1;
      return c + 1;
    }
    int i = Arrays.binarySearch(starts, t);
    int found = i >= 0 ? i : -i - 2;
    cursor = Math.max(0, found);
    return cursor;
  }

  /** True if every row of the range falls in one bucket. */
  public boolean single() {
    return numBuckets == 1;
  }

  public Granularity granularity() {
    return granularity;
  }
}
