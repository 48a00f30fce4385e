package io.strata.testkit.gen;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WeightedSamplerTest {
  @Test
  void drawsInProportionToWeights() {
    long seed = System.nanoTime();
    System.out.println("drawsInProportionToWeights seed=" + seed);
    WeightedSampler sampler = WeightedSampler.of(1, 0, 3, 6);
    assertThat(sampler.probability(2)).isCloseTo(0.3, within(1e-12));
    SplittableRandom random = new SplittableRandom(seed);
    int[] counts = new int[4];
    for (int i = 0; i < 100_000; i++) {
      counts[sampler.sample(random)]++;
    }
    assertThat(counts[1]).isZero();
    assertThat(counts[0] / 100_000.0).as("seed %d", seed).isCloseTo(0.1, within(0.01));
    assertThat(counts[2] / 100_000.0).as("seed %d", seed).isCloseTo(0.3, within(0.01));
    assertThat(counts[3] / 100_000.0).as("seed %d", seed).isCloseTo(0.6, within(0.01));
  }

  @Test
  void zipfShape() {
    WeightedSampler zipf = WeightedSampler.zipf(1000, 1.0, 0);
    assertThat(zipf.size()).isEqualTo(1000);
    assertThat(zipf.probability(0) / zipf.probability(9)).isCloseTo(10.0, within(1e-9));
  }
}
