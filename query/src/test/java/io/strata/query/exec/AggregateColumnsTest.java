package io.strata.query.exec;

import io.strata.api.data.ColumnCapabilities;
import io.strata.api.data.SingleValueDimensionVectorSelector;
import io.strata.api.data.VectorColumnSelectorFactory;
import io.strata.api.data.VectorObjectSelector;
import io.strata.api.data.VectorValueSelector;
import io.strata.api.exec.AggregatorFactory;
import io.strata.api.exec.GroupedVectorAggregator;
import io.strata.api.query.AggregatorSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The primitive columns compute bit for bit what the processing module computes: batch aggregation against its
 * vector aggregators, and merging against {@code AggregatorFactory.combine} folded in the same order, over values
 * chosen to catch sign-of-zero, NaN, infinity, overflow and null handling.
 */
class AggregateColumnsTest {
  private static final String[] TYPES = {"longSum", "longMin", "longMax", "doubleSum", "doubleMin", "doubleMax",
      "floatSum", "floatMin", "floatMax"};
  private static final int SLOTS = 7;
  private static final int BATCH = 64;

  private static AggregatorSet all() {
    List<AggregatorSpec> specs = new ArrayList<>();
    specs.add(AggregatorSpec.Count.of("n"));
    for (String t : TYPES) {
      specs.add(AggregatorSpec.Numeric.of(t, t, "x"));
    }
    return AggregatorSet.of(specs);
  }

  @Test
  void builtInAggregatorsAreRecognised() {
    AggregatorSet set = all();
    for (int i = 0; i < set.size(); i++) {
      assertThat(set.isPrimitive(i)).as(set.name(i)).isTrue();
    }
    assertThat(set.isLongSum(0)).isTrue();
    assertThat(set.isLongSum(1)).isTrue();
    assertThat(set.isLongSum(2)).isFalse();
    assertThat(set.isLongSum(4)).isFalse();
  }

  @Test
  void batchesAndMergesMatchTheProcessingAggregators() {
    AggregatorSet set = all();
    Random random = new Random(11);
    for (int round = 0; round < 200; round++) {
      Batches batches = new Batches(random);
      // Two "segments", aggregated by the processing vector aggregators and into primitive columns.
      List<Object[][]> expectedParts = new ArrayList<>();
      List<AggregateColumns> parts = new ArrayList<>();
      for (int part = 0; part < 2; part++) {
        GroupedVectorAggregator[] reference = new GroupedVectorAggregator[set.size()];
        for (int i = 0; i < reference.length; i++) {
          reference[i] = set.factories().get(i).factorizeVector(batches);
          reference[i].ensureCapacity(SLOTS);
        }
        AggregateColumns columns = set.newColumns(1);
        GroupedVectorAggregator[] aggs = set.factorizeVector(batches, columns);
        for (GroupedVectorAggregator a : aggs) {
          a.ensureCapacity(SLOTS);
        }
        for (int b = 0; b < 6; b++) {
          batches.next(random);
          int[] slots = new int[BATCH];
          boolean uniform = random.nextInt(3) == 0;
          int slot = random.nextInt(SLOTS);
          for (int r = 0; r < batches.size; r++) {
            slots[r] = uniform ? slot : random.nextInt(SLOTS);
          }
          for (int i = 0; i < aggs.length; i++) {
            if (uniform) {
              reference[i].aggregate(slot, batches.size);
              aggs[i].aggregate(slot, batches.size);
            } else {
              reference[i].aggregate(slots, batches.size);
              aggs[i].aggregate(slots, batches.size);
            }
          }
        }
        Object[][] expected = new Object[SLOTS][];
        for (int s = 0; s < SLOTS; s++) {
          expected[s] = new Object[set.size()];
          for (int i = 0; i < set.size(); i++) {
            expected[s][i] = reference[i].get(s);
          }
          assertThat(columns.values(s)).as("round %d slot %d", round, s).isEqualTo(expected[s]);
        }
        expectedParts.add(expected);
        parts.add(columns);
      }
      // Merge slot s of part 0, then of part 1, into a fresh slot, as the merge does.
      AggregateColumns merged = set.newColumns(SLOTS);
      for (int s = 0; s < SLOTS; s++) {
        merged.combine(s, parts.get(0), s);
        merged.combine(s, parts.get(1), s);
        Object[] expected = new Object[set.size()];
        for (int i = 0; i < set.size(); i++) {
          AggregatorFactory f = set.factories().get(i);
          expected[i] = f.combine(f.combine(null, expectedParts.get(0)[s][i]), expectedParts.get(1)[s][i]);
        }
        assertThat(merged.values(s)).as("merged round %d slot %d", round, s).isEqualTo(expected);
      }
    }
  }

  /** One numeric column "x" over generated batches. */
  private static final class Batches implements VectorColumnSelectorFactory, VectorValueSelector {
    private static final double[] SPECIAL = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 1e308, -1e308, 0.1, 1e-300};
    private static final long[] SPECIAL_LONGS = {0, -1, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 3};
    private final long[] longs = new long[BATCH];
    private final double[] doubles = new double[BATCH];
    private final float[] floats = new float[BATCH];
    private final boolean[] nulls = new boolean[BATCH];
    private final double nullRate;
    private boolean anyNull;
    int size;

    Batches(Random random) {
      this.nullRate = random.nextInt(3) == 0 ? 0 : random.nextDouble();
    }

    void next(Random random) {
      size = 1 + random.nextInt(BATCH);
      anyNull = false;
      for (int r = 0; r < size; r++) {
        nulls[r] = random.nextDouble() < nullRate;
        anyNull |= nulls[r];
        double d = random.nextInt(4) == 0 ? SPECIAL[random.nextInt(SPECIAL.length)] : random.nextGaussian() * 1e3;
        long l = random.nextInt(4) == 0 ? SPECIAL_LONGS[random.nextInt(SPECIAL_LONGS.length)] : random.nextLong();
        doubles[r] = nulls[r] ? 0 : d;
        floats[r] = nulls[r] ? 0 : (float) d;
        longs[r] = nulls[r] ? 0 : l;
      }
    }

    @Override
    public long[] getLongVector() {
      return longs;
    }

    @Override
    public float[] getFloatVector() {
      return floats;
    }

    @Override
    public double[] getDoubleVector() {
      return doubles;
    }

    @Override
    public boolean[] getNullVector() {
      return anyNull ? nulls : null;
    }

    @Override
    public int getMaxVectorSize() {
      return BATCH;
    }

    @Override
    public SingleValueDimensionVectorSelector makeSingleValueDimensionSelector(String column) {
      throw new UnsupportedOperationException();
    }

    @Override
    public VectorValueSelector makeValueSelector(String column) {
      return this;
    }

    @Override
    public VectorObjectSelector makeObjectSelector(String column) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ColumnCapabilities capabilities(String column) {
      return null;
    }
  }
}
