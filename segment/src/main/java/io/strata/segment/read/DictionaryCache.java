package io.strata.segment.read;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The process-wide heap budget for decoded string dictionaries ({@link StringColumn} keeps a column's whole
 * dictionary as a {@code String[]} once it is looked up). A column reserves its estimated footprint before it builds
 * its array and gives it back when its segment is unmapped; a column that does not fit keeps decoding values from
 * the mapped UTF-8 bytes on every lookup, as if there were no cache.
 *
 * <p>The budget is the system property {@value #PROPERTY} in bytes (0 turns caching off), by default an eighth of
 * the maximum heap ({@code -Xmx}): 512 MiB at {@code -Xmx4g}, 128 MiB at {@code -Xmx1g}. The estimate per column is
 * {@link #bytesFor}: about 48 bytes per value ({@code String}, its {@code byte[]} header, the array slot) plus its
 * UTF-8 length, which is exact to padding for Latin-1 text and may be up to twice too low for text mixing ASCII
 * with other scripts; values shared with other segments (they are interned) are counted once per column, so the
 * budget errs on the safe side. First come, first served: nothing is evicted while its segment is open.
 * Thread-safe.
 */
final class DictionaryCache {
  /** The system property holding the budget in bytes. */
  static final String PROPERTY = "strata.segment.dictionaryCacheBytes";
  /** Estimated heap bytes per cached value besides its characters. */
  static final long BYTES_PER_VALUE = 48;

  private static final AtomicLong USED = new AtomicLong();
  private static volatile long limit = defaultLimit();

  private DictionaryCache() {
  }

  private static long defaultLimit() {
    String configured = System.getProperty(PROPERTY);
    if (configured != null && !configured.isBlank()) {
      try {
        return Math.max(0, Long.parseLong(configured.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("system property " + PROPERTY + " must be a number of bytes, got ["
            + configured + "]", e);
      }
    }
    return Runtime.getRuntime().maxMemory() / 8;
  }

  /** The estimated heap bytes of a decoded dictionary of {@code values} values of {@code utf8Bytes} bytes. */
  static long bytesFor(int values, long utf8Bytes) {
    return BYTES_PER_VALUE * values + utf8Bytes;
  }

  /** Takes {@code bytes} from the budget; false (and nothing taken) if they do not fit. */
  static boolean reserve(long bytes) {
    while (true) {
      long used = USED.get();
      if (used + bytes > limit) {
        return false;
      }
      if (USED.compareAndSet(used, used + bytes)) {
        return true;
      }
    }
  }

  /** Gives back bytes taken by {@link #reserve}. */
  static void release(long bytes) {
    USED.addAndGet(-bytes);
  }

  /** Bytes currently reserved by open segments. */
  static long used() {
    return USED.get();
  }

  static long limit() {
    return limit;
  }

  /** For tests: changes the budget; returns the previous one. */
  static long setLimit(long bytes) {
    long previous = limit;
    limit = bytes;
    return previous;
  }
}
