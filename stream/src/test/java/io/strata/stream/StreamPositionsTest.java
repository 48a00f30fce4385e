package io.strata.stream;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Stream positions order as numbers (up to Kinesis's 56 digits and beyond), markers first. */
class StreamPositionsTest {
  @Test
  void numbersCompareByValueForAnyWidth() {
    Random random = new Random(20261207L);
    for (int i = 0; i < 20_000; i++) {
      BigInteger a = new BigInteger(1 + random.nextInt(190), random);
      BigInteger b = random.nextInt(10) == 0 ? a : new BigInteger(1 + random.nextInt(190), random);
      String as = (random.nextInt(8) == 0 ? "00" : "") + a;
      String bs = b.toString();
      assertThat(Integer.signum(StreamPositions.compare(as, bs))).as("%s vs %s", as, bs)
          .isEqualTo(Integer.signum(a.compareTo(b)));
    }
  }

  @Test
  void markersSortBeforeEveryNumber() {
    assertThat(StreamPositions.compare("TRIM_HORIZON", "0")).isNegative();
    assertThat(StreamPositions.compare("49590338271490256608559692538361571095921575989136588898", "AT_TIMESTAMP:5"))
        .isPositive();
    assertThat(StreamPositions.compare("TRIM_HORIZON", "TRIM_HORIZON")).isZero();
    assertThat(StreamPositions.isNumber("")).isFalse();
    assertThat(StreamPositions.isNumber("12a")).isFalse();
  }
}
