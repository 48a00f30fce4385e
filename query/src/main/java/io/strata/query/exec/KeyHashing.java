package io.strata.query.exec;

/**
 * Hash codes for composite group keys. Java's {@code 31 * h + x} scheme collides badly on keys such as
 * ({@code "a001"}, {@code "b00042"}) or (1, 0) vs (0, 31); these mix each part with a large odd multiplier and
 * finish with an avalanche step.
 */
public final class KeyHashing {
  private static final int MULTIPLIER = 0x9E3779B1;

  private KeyHashing() {
  }

  /** The hash of a time bucket and string values (null allowed). */
  public static int hash(long bucket, String[] values) {
    int h = start(bucket);
    for (String v : values) {
      h = mix(h, v);
    }
    return finish(h);
  }

  /** The hash of a time bucket and ids. */
  public static int hash(long bucket, int[] ids) {
    int h = Long.hashCode(bucket);
    for (int v : ids) {
      h = (h ^ v) * MULTIPLIER;
    }
    return finish(h);
  }

  /** The first step of {@link #hash(long, String[])}, for keys held column by column. */
  static int start(long bucket) {
    return Long.hashCode(bucket);
  }

  /** Folds one value into a hash begun with {@link #start}. */
  static int mix(int h, String v) {
    return (h ^ (v == null ? 0x5bd1e995 : v.hashCode())) * MULTIPLIER;
  }

  /** The last step: {@code hash(bucket, values) == finish(mix(...mix(start(bucket), v0)..., vn))}. */
  static int finish(int h) {
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    return h ^ (h >>> 16);
  }
}
