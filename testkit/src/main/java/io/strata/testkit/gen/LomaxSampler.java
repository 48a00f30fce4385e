package io.strata.testkit.gen;

import java.util.SplittableRandom;

/**
 * Draws positive integers from a Lomax (Pareto type II) distribution shifted to start at 1 and capped: the
 * heavy-tailed shape of edit sizes, where most values are small and a few are enormous. Its median is about
 * {@code scale * (2^(1/shape) - 1)}.
 *
 * <p>The quantile function needs a {@code pow}, which costs about 200 ns in {@link StrictMath} (the deterministic
 * one), so it is tabulated once at 1,024 points and interpolated; the last step, where the tail lives, is computed
 * exactly. Immutable.
 */
final class LomaxSampler {
  private static final int STEPS = 1024;

  private final double scale;
  private final double shape;
  private final long cap;
  private final double[] quantiles = new double[STEPS];

  LomaxSampler(double scale, double shape, long cap) {
    this.scale = scale;
    this.shape = shape;
    this.cap = cap;
    for (int i = 0; i < STEPS; i++) {
      quantiles[i] = quantile((double) i / STEPS);
    }
  }

  long sample(SplittableRandom random) {
    double v = random.nextDouble() * STEPS;
    int step = (int) v;
    double x = step < STEPS - 1
        ? quantiles[step] + (v - step) * (quantiles[step + 1] - quantiles[step])
        : quantile(v / STEPS);
    return x >= cap ? cap : 1 + (long) x;
  }

  private double quantile(double p) {
    return scale * (StrictMath.pow(1.0 - p, -1.0 / shape) - 1.0);
  }
}
