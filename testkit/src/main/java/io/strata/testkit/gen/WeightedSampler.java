package io.strata.testkit.gen;

import java.util.SplittableRandom;

/**
 * Draws indexes {@code 0..n-1} with fixed relative weights in constant time, by Vose's alias method: one uniform
 * draw picks a column and a threshold, and the column answers either its own index or its alias. (A binary search
 * over the cumulative weights of 20,000 users costs over 100 ns per draw; this costs two array reads.) Weights are
 * computed with {@link StrictMath} so the same seed draws the same indexes on every platform. Immutable; the caller
 * supplies the random source.
 */
final class WeightedSampler {
  private final double[] probability;
  private final double[] threshold;
  private final int[] alias;

  private WeightedSampler(double[] weights) {
    int n = weights.length;
    if (n == 0) {
      throw new IllegalArgumentException("no weights");
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
        throw new IllegalArgumentException("weight " + i + " is " + weights[i]);
      }
      sum += weights[i];
    }
    if (!(sum > 0)) {
      throw new IllegalArgumentException("weights sum to " + sum);
    }
    probability = new double[n];
    threshold = new double[n];
    alias = new int[n];
    double[] scaled = new double[n];
    int[] small = new int[n];
    int[] large = new int[n];
    int smalls = 0;
    int larges = 0;
    for (int i = 0; i < n; i++) {
      probability[i] = weights[i] / sum;
      scaled[i] = probability[i] * n;
      if (scaled[i] < 1) {
        small[smalls++] = i;
      } else {
        large[larges++] = i;
      }
    }
    // Each column is filled up to 1 by a small item plus the remainder of a large one.
    while (smalls > 0 && larges > 0) {
      int s = small[--smalls];
      int l = large[--larges];
      threshold[s] = scaled[s];
      alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1;
      if (scaled[l] < 1) {
        small[smalls++] = l;
      } else {
        large[larges++] = l;
      }
    }
    // What is left is 1 up to rounding.
    while (larges > 0) {
      int l = large[--larges];
      threshold[l] = 1;
      alias[l] = l;
    }
    while (smalls > 0) {
      int s = small[--smalls];
      threshold[s] = 1;
      alias[s] = s;
    }
  }

  static WeightedSampler of(double... weights) {
    return new WeightedSampler(weights);
  }

  /**
   * A Zipf–Mandelbrot popularity curve: item {@code k} (0-based rank) has weight {@code 1 / (k + 1 + offset)^exponent}.
   * A larger offset flattens the head; a larger exponent makes the head heavier.
   */
  static WeightedSampler zipf(int n, double exponent, double offset) {
    double[] weights = new double[n];
    for (int k = 0; k < n; k++) {
      weights[k] = 1.0 / StrictMath.pow(k + 1 + offset, exponent);
    }
    return new WeightedSampler(weights);
  }

  int size() {
    return probability.length;
  }

  /** The probability of drawing {@code i}. */
  double probability(int i) {
    return probability[i];
  }

  int sample(SplittableRandom random) {
    double x = random.nextDouble() * threshold.length;
    int column = (int) x;
    return x - column < threshold[column] ? column : alias[column];
  }
}
