package io.strata.ingest;

import io.strata.api.time.DateTimes;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out segment versions: the ISO time a task starts, as Druid's versions are, but never the same twice and
 * never lower than one given out before. Two tasks replacing the same chunk in the same millisecond would otherwise
 * get the same version, and the second push would collide with the first. Thread-safe.
 */
public final class Versions {
  private static final AtomicLong LAST = new AtomicLong(Long.MIN_VALUE);

  private Versions() {
  }

  /** A version at or after {@code millis}, later than every version handed out before. */
  public static String next(long millis) {
    return DateTimes.format(LAST.updateAndGet(prev -> Math.max(prev + 1, millis)));
  }

  /** Makes every later version greater than {@code millis} (the newest version already in the metadata store). */
  public static void after(long millis) {
    LAST.accumulateAndGet(millis, Math::max);
  }
}
