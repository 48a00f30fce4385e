package io.strata.testkit.duel;

import java.util.Random;

/**
 * Seeded random streams for tests. {@code new Random(seed)} is poor for nearby seeds (its first outputs for seeds 1,
 * 2, 3... are strongly correlated), so seeds are scrambled with the SplitMix64 finalizer first.
 */
public final class Seeds {
  private Seeds() {
  }

  /** A well-mixed 64-bit value of {@code seed} (a bijection). */
  public static long mix(long seed) {
    long z = seed + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The random stream of {@code seed}. */
  public static Random random(long seed) {
    return new Random(mix(seed));
  }

  /** Stream number {@code index} derived from {@code seed}, independent of the others. */
  public static Random random(long seed, long index) {
    return new Random(mix(mix(seed) + index));
  }
}
